import type { GridPos, Panel, RefreshInterval, TimeRange } from '@nautilus/sdk';
import { memo, useCallback, useMemo } from 'react';
import { GridLayout, type Layout, type LayoutItem, useContainerWidth } from 'react-grid-layout';
import 'react-grid-layout/css/styles.css';
import type { VariableValues } from '../data/variable-values.ts';
import type { LayoutCell } from '../editor/editor-state.ts';
import { GridPanel } from './GridPanel.tsx';
import { draggedWidget, endWidgetDrag, WIDGET_DRAG_TYPE } from './palette-drag.ts';
import { breakpointFor, layoutFor } from './responsive-layout.ts';

export const ROW_HEIGHT = 30;
const MARGIN: [number, number] = [8, 8];
const DROPPING_ID = '__dropping-elem__';

export interface DashboardCanvasProps {
  panels: readonly Panel[];
  editing: boolean;
  selectedId: string | undefined;
  values: VariableValues;
  timeRange: TimeRange;
  refresh: RefreshInterval;
  /** A drag or resize ended: the whole layout, one undo step. */
  onLayoutCommit?: (layout: LayoutCell[]) => void;
  /** A palette widget was dropped at `gridPos`; `layout` has the other panels where the drop pushed them. */
  onDropWidget?: (type: string, gridPos: GridPos, layout: LayoutCell[]) => void;
}

const cells = (layout: Layout): LayoutCell[] =>
  layout.filter((item) => item.i !== DROPPING_ID).map(({ i, x, y, w, h }) => ({ i, x, y, w, h }));

/**
 * The grid of panels. Editing uses the saved 24-column layout with drag, resize and drop from the
 * palette; viewing derives a narrower layout on small screens and fixes everything in place.
 */
export const DashboardCanvas = memo(function DashboardCanvas(props: DashboardCanvasProps) {
  const { panels, editing, selectedId, values, timeRange, refresh, onLayoutCommit, onDropWidget } = props;
  const { width, containerRef, mounted } = useContainerWidth({ measureBeforeMount: true });
  const columns = editing ? 24 : breakpointFor(width).columns;
  const layout = useMemo(() => layoutFor(panels, columns), [panels, columns]);

  const gridConfig = useMemo(
    () => ({ cols: columns, rowHeight: ROW_HEIGHT, margin: MARGIN, containerPadding: [0, 0] as [number, number] }),
    [columns],
  );
  const dragConfig = useMemo(
    () => ({ enabled: editing, handle: '.nautilus-drag-handle', cancel: '.nautilus-panel-actions', threshold: 3 }),
    [editing],
  );
  // No handles at all when viewing: 24 panels need not render 72 hidden ones.
  const resizeConfig = useMemo(() => ({ enabled: editing, handles: editing ? (['s', 'e', 'se'] as const) : [] }), [editing]);
  const dropConfig = useMemo(
    () => ({
      enabled: editing,
      defaultItem: { w: 6, h: 6 },
      onDragOver: (event: DragEvent) => {
        const dragged = draggedWidget();
        if (!dragged || !event.dataTransfer?.types.includes(WIDGET_DRAG_TYPE)) return false;
        return { w: dragged.w, h: dragged.h };
      },
    }),
    [editing],
  );

  const commit = useCallback((layout: Layout) => onLayoutCommit?.(cells(layout)), [onLayoutCommit]);
  const drop = useCallback(
    (layout: Layout, item: LayoutItem | undefined, event: Event) => {
      const type = (event as DragEvent).dataTransfer?.getData(WIDGET_DRAG_TYPE) || draggedWidget()?.type;
      endWidgetDrag();
      if (!item || !type) return;
      onDropWidget?.(type, { x: item.x, y: item.y, w: item.w, h: item.h }, cells(layout));
    },
    [onDropWidget],
  );

  const children = useMemo(
    () =>
      panels.map((panel) => (
        <GridPanel
          key={panel.id}
          className="nautilus-grid-item"
          panel={panel}
          values={values}
          timeRange={timeRange}
          refresh={refresh}
          editing={editing}
          selected={panel.id === selectedId}
        />
      )),
    [panels, values, timeRange, refresh, editing, selectedId],
  );

  return (
    <div ref={containerRef} className={`nautilus-canvas${editing ? ' is-editing' : ''}`} data-testid="dashboard-canvas">
      {mounted && (
        <GridLayout
          width={width}
          layout={layout}
          gridConfig={gridConfig}
          dragConfig={dragConfig}
          resizeConfig={resizeConfig}
          dropConfig={dropConfig}
          onDragStop={commit}
          onResizeStop={commit}
          onDrop={drop}
        >
          {children}
        </GridLayout>
      )}
      {!editing && panels.length === 0 && <div className="nautilus-canvas-empty">This dashboard has no panels yet.</div>}
    </div>
  );
});

import { Alert, Skeleton, Tag } from 'antd';
import type { WidgetInfo } from '../api/types.ts';
import { endWidgetDrag, startWidgetDrag, WIDGET_DRAG_TYPE } from '../canvas/palette-drag.ts';

interface Props {
  widgets: readonly WidgetInfo[] | undefined;
  loading: boolean;
  error: string | undefined;
  /** Click or Enter: add the widget at the first free place. */
  onAdd: (widget: WidgetInfo) => void;
}

/** Every installed widget; drag one onto the canvas, or click it to add it at the first free place. */
export function Palette({ widgets, loading, error, onAdd }: Props) {
  return (
    <aside className="nautilus-palette" data-testid="palette" aria-label="Widgets">
      <div className="nautilus-palette-heading">Drag onto the canvas, or click to add</div>
      {loading && <Skeleton active paragraph={{ rows: 6 }} title={false} />}
      {error && <Alert type="error" showIcon title="Widgets could not be listed" description={error} />}
      {widgets?.length === 0 && (
        <Alert
          type="warning"
          showIcon
          title="No widgets installed"
          description="No active plugin provides a widget. Ask an admin to check the plugins."
        />
      )}
      {widgets?.map((widget) => (
        // biome-ignore lint/a11y/useSemanticElements: Firefox cannot drag a <button>; the div has the role, focus and keys of one.
        <div
          key={widget.type}
          className="nautilus-palette-item"
          data-testid={`palette-item-${widget.type}`}
          data-rgl-draggable
          role="button"
          tabIndex={0}
          draggable
          title={`${widget.name} (${widget.type})`}
          onDragStart={(event) => {
            event.dataTransfer.setData(WIDGET_DRAG_TYPE, widget.type);
            event.dataTransfer.setData('text/plain', widget.name);
            event.dataTransfer.effectAllowed = 'copy';
            startWidgetDrag({ type: widget.type, w: widget.defaultSize.w, h: widget.defaultSize.h });
          }}
          onDragEnd={endWidgetDrag}
          onClick={() => onAdd(widget)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' || event.key === ' ') {
              event.preventDefault();
              onAdd(widget);
            }
          }}
        >
          <div className="nautilus-palette-name">{widget.name}</div>
          {widget.description && <div className="nautilus-palette-description">{widget.description}</div>}
          <div>
            {widget.accepts.length === 0 ? (
              <Tag style={{ fontSize: 11 }}>no data</Tag>
            ) : (
              widget.accepts.map((kind) => (
                <Tag key={kind} color="blue" style={{ fontSize: 11 }}>
                  {kind}
                </Tag>
              ))
            )}
          </div>
        </div>
      ))}
    </aside>
  );
}

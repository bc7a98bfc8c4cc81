import { type HTMLAttributes, type Ref, useCallback, useState } from 'react';
import { PanelErrorBoundary } from '../panels/PanelErrorBoundary.tsx';
import { PanelFrame, type PanelFrameProps, type PanelState } from '../panels/PanelFrame.tsx';

type Props = Omit<PanelFrameProps, 'onState'> &
  HTMLAttributes<HTMLDivElement> & {
    ref?: Ref<HTMLDivElement>;
  };

/**
 * One cell of the grid. react-grid-layout hands it position, drag events and resize handles (as
 * children); it carries the panel's test id, type and `data-state`, and keeps the memoised panel inside
 * from re-rendering when only the cell moves.
 */
export function GridPanel({ panel, values, timeRange, refresh, editing, selected, children, ref, ...cell }: Props) {
  const [state, setState] = useState<PanelState>('loading');
  const failed = useCallback(() => setState('error'), []);
  return (
    <div ref={ref} {...cell} data-testid={`panel-${panel.id}`} data-panel-type={panel.type} data-state={state}>
      <PanelErrorBoundary panelId={panel.id} panelType={panel.type} resetKey={panel} onError={failed}>
        <PanelFrame
          panel={panel}
          values={values}
          timeRange={timeRange}
          refresh={refresh}
          editing={editing}
          selected={selected}
          onState={setState}
        />
      </PanelErrorBoundary>
      {children}
    </div>
  );
}

import type { Frame } from '@nautilus/sdk';
import { Alert } from 'antd';
import { useMemo, useState } from 'react';
import { useWidgets } from '../data/useCatalog.ts';
import { WidgetHost } from '../panels/WidgetHost.tsx';
import type { WidgetStatus } from '../panels/widget-controller.ts';
import { useThemeMode } from '../theme/useThemeMode.ts';

/** The dashboards' line widget, loaded through the same registry as every panel. */
export const LINE_WIDGET = 'nautilus.widgets-core/line';
const LINE_OPTIONS = { style: 'line', lineWidth: 2, showLegend: true, priceScale: 'normal' };
const AREA_OPTIONS = { ...LINE_OPTIONS, style: 'area' };

/** One chart of a backtest result, drawn by the line widget; `data-state` says when it has drawn. */
export function ResultChart({
  frame,
  range,
  testId,
  area = false,
  height = 260,
}: {
  frame: Frame;
  range: { from: number; to: number };
  testId: string;
  area?: boolean;
  height?: number;
}) {
  const widgets = useWidgets();
  const { mode } = useThemeMode();
  const [status, setStatus] = useState<WidgetStatus>({ status: 'loading' });
  const widget = widgets.data?.find((item) => item.type === LINE_WIDGET);
  const frames = useMemo(() => [frame], [frame]);

  if (widgets.data && !widget) {
    return <Alert type="warning" showIcon title="The line chart widget (widgets-core plugin) is not installed." />;
  }
  return (
    <div data-testid={testId} data-state={status.status} className="nautilus-lab-chart" style={{ position: 'relative', height }}>
      {widget && (
        <WidgetHost
          widget={widget}
          frames={frames}
          options={area ? AREA_OPTIONS : LINE_OPTIONS}
          theme={mode === 'dark' ? 'dark' : 'light'}
          timeRange={range}
          onStatus={setStatus}
        />
      )}
      {status.status === 'error' && (
        <Alert style={{ position: 'absolute', inset: 8 }} type="error" showIcon title={status.message} />
      )}
    </div>
  );
}

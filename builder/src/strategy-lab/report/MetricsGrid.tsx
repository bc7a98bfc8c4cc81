import { Tooltip } from 'antd';
import type { ReportMetric } from './report-metrics.ts';

/** The run's figures as a grid of labelled cells, gains green and losses red. */
export function MetricsGrid({ cells }: { cells: ReportMetric[] }) {
  return (
    <div className="nautilus-report-metrics" data-testid="backtest-metrics">
      {cells.map((cell) => (
        <div key={cell.key} className="nautilus-report-metric" data-metric={cell.key}>
          <Tooltip title={cell.hint}>
            <span className="label">{cell.label}</span>
          </Tooltip>
          <span className={`value${cell.tone ? ` ${cell.tone}` : ''}`}>{cell.value}</span>
        </div>
      ))}
    </div>
  );
}

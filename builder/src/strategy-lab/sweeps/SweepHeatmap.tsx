import { Empty, Select, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { Sweep } from './sweep-api.ts';
import { cellColor, heatmapOf } from './sweep-heatmap.ts';

/** param × param → Sharpe, filling in as points finish; clicking a cell picks its point. */
export function SweepHeatmap({
  sweep,
  selected,
  onSelect,
}: {
  sweep: Sweep;
  selected: number | undefined;
  onSelect: (idx: number) => void;
}) {
  const grid = sweep.points.filter((point) => point.phase === 'grid');
  const names = Object.keys(sweep.request.axes).sort();
  const [x, setX] = useState(names[1] ?? names[0]);
  const [y, setY] = useState(names[0]);
  const metric = sweep.request.metric;
  const map = useMemo(
    () =>
      x && y
        ? heatmapOf(
            grid.map((point) => ({ idx: point.idx, params: point.params, value: point.metrics?.[metric] ?? null })),
            x,
            y,
          )
        : undefined,
    [grid, x, y, metric],
  );
  if (!map || grid.length === 0) return <Empty description="Walk-forward sweeps show their folds instead of a heatmap." />;
  const format = (value: number) => (metric === 'sharpe' ? value.toFixed(2) : `${(value * 100).toFixed(1)} %`);
  return (
    <div data-testid="sweep-heatmap">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {metric === 'sharpe' ? 'Sharpe (annualised)' : 'Total return'} by{' '}
        <Select size="small" value={y} onChange={setY} options={names.map((name) => ({ value: name, label: name }))} /> (rows) ×{' '}
        <Select size="small" value={x} onChange={setX} options={names.map((name) => ({ value: name, label: name }))} /> (columns)
        {names.length > 2 ? '; each cell the best over the other params' : ''}
      </Typography.Text>
      <div className="sweep-heatmap-scroll">
        <table className="sweep-heatmap">
          <thead>
            <tr>
              <th>
                {y} \ {x}
              </th>
              {map.xs.map((value) => (
                <th key={String(value)}>{String(value)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {map.ys.map((rowValue, row) => (
              <tr key={String(rowValue)}>
                <th>{String(rowValue)}</th>
                {map.xs.map((columnValue, column) => {
                  const cell = map.cells[row]![column];
                  if (!cell) return <td key={String(columnValue)} className="sweep-heatmap-pending" />;
                  return (
                    <Tooltip
                      key={String(columnValue)}
                      title={`${y}=${String(rowValue)}, ${x}=${String(columnValue)}: ${format(cell.value)}`}
                    >
                      <td
                        className={cell.idx === selected ? 'sweep-heatmap-selected' : undefined}
                        style={{ background: cellColor(cell.value, map.min, map.max) }}
                      >
                        <button
                          type="button"
                          data-testid="sweep-cell"
                          className="sweep-heatmap-cell"
                          onClick={() => onSelect(cell.idx)}
                        >
                          {format(cell.value)}
                        </button>
                      </td>
                    </Tooltip>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

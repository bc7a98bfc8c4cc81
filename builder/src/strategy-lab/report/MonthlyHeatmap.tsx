import { heatColor, monthlyHeatmap } from './tear-sheet-model.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const cell = (value: number | null) => (value === null ? '' : `${(value * 100).toFixed(1)}`);

/** Years × months of returns (%), green gains and red losses, the year's return last; scrolls sideways on a phone. */
export function MonthlyHeatmap({
  monthly,
  yearly,
}: {
  monthly: readonly { year: number; month?: number; return: number }[];
  yearly: readonly { year: number; return: number }[];
}) {
  const rows = monthlyHeatmap(monthly, yearly);
  const scale = Math.max(0, ...monthly.map((entry) => Math.abs(entry.return)));
  return (
    <div className="nautilus-heatmap-scroll">
      <table className="nautilus-heatmap" data-testid="monthly-heatmap">
        <thead>
          <tr>
            <th>%</th>
            {MONTHS.map((month) => (
              <th key={month}>{month}</th>
            ))}
            <th>Year</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.year}>
              <th>{row.year}</th>
              {row.months.map((value, index) => (
                <td
                  key={MONTHS[index]}
                  style={{ background: heatColor(value, scale) }}
                  title={value === null ? undefined : `${MONTHS[index]} ${row.year}: ${(value * 100).toFixed(2)} %`}
                >
                  {cell(value)}
                </td>
              ))}
              <td className="total" style={{ background: heatColor(row.total, scale * 3) }}>
                {cell(row.total)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

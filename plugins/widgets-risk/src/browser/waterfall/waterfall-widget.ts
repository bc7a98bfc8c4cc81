import type { WidgetImplementation, WidgetProps } from '@nautilus/sdk';
import { PNL_COLUMNS, PNL_TABLE_COLUMNS, resolveOptions } from '@nautilus/sdk';
import { drawnInstance, formatExactMoney, formatNumber } from '@nautilus/widget-kit';
import { type PnlWaterfallOptions, pnlWaterfallDescriptor, pnlWaterfallOptionsSchema } from '../../descriptors/pnl-waterfall.ts';
import { numberCell, readTable, textCell } from '../shared/table-frame.ts';
import { applyTheme, createRoot, NO_DATA_MESSAGE, setMessage } from '../shared/widget-root.ts';
import { type WaterfallBar, waterfallBars } from './waterfall-bars.ts';
import { drawWaterfall } from './waterfall-chart.ts';

/** A P&L waterfall in SVG, drawn in the panel's pixels: redrawn on resize so text never scales. */
export const pnlWaterfall: WidgetImplementation = {
  async mount(element, initial) {
    const document = element.ownerDocument;
    const root = createRoot(element, 'waterfall');
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('role', 'img');
    root.append(svg);

    const draw = (props: WidgetProps) => {
      const options = resolveOptions<PnlWaterfallOptions>(pnlWaterfallOptionsSchema, props.options);
      const palette = applyTheme(root, props.theme);
      const reading = readTable(props.frames, { widgetName: pnlWaterfallDescriptor.name, required: PNL_TABLE_COLUMNS });
      const positions =
        reading.status === 'ok'
          ? reading.rows.map((row) => ({
              symbol: textCell(row, reading.column(PNL_COLUMNS.symbol)),
              pnl: numberCell(row, reading.column(PNL_COLUMNS.pnl)),
            }))
          : [];
      const bars = waterfallBars(positions, options.sort);
      // The total bar is always there; without a position there is nothing to show.
      const drawable = bars.length > 1;
      setMessage(root, reading.status === 'problem' ? reading.message : drawable ? null : NO_DATA_MESSAGE);
      svg.style.display = drawable ? '' : 'none';
      if (!drawable) return svg.replaceChildren();
      drawWaterfall(svg, bars, { width: props.width, height: props.height, currency: options.currency, palette });
      svg.setAttribute('aria-label', summary(bars, options.currency));
    };

    return drawnInstance(root, initial, draw, { redrawOnResize: true });
  },
};

/** What a screen reader hears for the chart: the count, the total, and the gains and losses behind it. */
function summary(bars: readonly WaterfallBar[], currency: string): string {
  const positions = bars.filter((bar) => bar.kind !== 'total');
  const gains = positions.filter((bar) => bar.value > 0).reduce((sum, bar) => sum + bar.value, 0);
  const losses = positions.filter((bar) => bar.value < 0).reduce((sum, bar) => sum + bar.value, 0);
  const count = `${formatNumber(positions.length, 0)} ${positions.length === 1 ? 'position' : 'positions'}`;
  return (
    `P&L waterfall of ${count}: total ${formatExactMoney(bars.at(-1)!.value, currency)}; ` +
    `gains ${formatExactMoney(gains, currency)}, losses ${formatExactMoney(losses, currency)}`
  );
}

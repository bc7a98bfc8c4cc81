import { REGIMES } from '@nautilus/regimes';
import type { OhlcvFrame, TableFrame, WidgetImplementation, WidgetProps } from '@nautilus/sdk';
import { resolveOptions } from '@nautilus/sdk';
import {
  createWidgetRoot,
  drawnInstance,
  formatUtcTime,
  NO_DATA_MESSAGE,
  neutralPalette,
  setMessage,
  setThemeVariables,
  themeName,
} from '@nautilus/widget-kit';
import { type RegimeRibbonOptions, regimeRibbonOptionsSchema } from '../descriptors/regime-ribbon.ts';
import { type RibbonModel, ribbonModel } from './ribbon-model.ts';
import { stylesheet } from './styles.ts';

const SVG = 'http://www.w3.org/2000/svg';
const RIBBON_HEIGHT = 14;
const PAD = 6;

/** The regime ribbon: the latest regime and its probability, the closes, the ribbon of labels, a legend with shares. */
export const regimeRibbon: WidgetImplementation = {
  async mount(element, initial) {
    const document = element.ownerDocument;
    const root = createWidgetRoot(element, 'nrg-root', stylesheet);
    const now = document.createElement('div');
    now.className = 'nrg-now';
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('class', 'nrg-chart');
    svg.setAttribute('role', 'img');
    const legend = document.createElement('ul');
    legend.className = 'nrg-legend';
    legend.setAttribute('aria-label', 'Regimes');
    root.append(now, svg, legend);
    let cached: { frame: OhlcvFrame; key: string; model: RibbonModel } | undefined;

    const draw = (props: WidgetProps) => {
      const options = resolveOptions<RegimeRibbonOptions>(regimeRibbonOptionsSchema, props.options);
      const palette = neutralPalette(themeName(props.theme));
      setThemeVariables(root, props.theme, {
        '--nrg-bg': palette.background,
        '--nrg-text': palette.text,
        '--nrg-muted': palette.mutedText,
      });
      const frame = props.frames.find((candidate): candidate is OhlcvFrame => candidate.kind === 'ohlcv');
      const table = props.frames.find((candidate): candidate is TableFrame => candidate.kind === 'table');
      if (!frame || frame.close.length === 0) {
        setMessage(root, NO_DATA_MESSAGE, 'nrg-message');
        return;
      }
      // Labelling is the costly part; a resize or theme change reuses it.
      const key = `${options.minFitBars}/${options.refitEvery}`;
      if (cached?.frame !== frame || cached.key !== key) {
        const fit = { minFitBars: options.minFitBars, refitEvery: options.refitEvery };
        cached = { frame, key, model: ribbonModel(frame, fit, table) };
      }
      const { model } = cached;
      setMessage(root, null, 'nrg-message');
      drawNow(now, model, frame.symbol);
      drawLegend(legend, model);
      const chartHeight = Math.max(24, props.height - now.offsetHeight - legend.offsetHeight);
      drawChart(svg, model, props.width, chartHeight, options.showPrice, palette.mutedText);
    };

    return drawnInstance(root, initial, draw, { redrawOnResize: true });
  },
};

function drawNow(now: HTMLElement, model: RibbonModel, symbol: string): void {
  const latest = model.latest;
  if (!latest) {
    now.textContent = `${symbol}: not enough bars for a first fit yet (${model.bars} bars)`;
    return;
  }
  const regime = REGIMES[latest.regime]!;
  now.replaceChildren(
    `${symbol} now: `,
    Object.assign(now.ownerDocument.createElement('b'), { textContent: regime.name }),
    ` · ${Math.round(latest.probability * 100)} % · ${formatUtcTime(latest.time, true)}`,
  );
}

function drawLegend(legend: HTMLElement, model: RibbonModel): void {
  const document = legend.ownerDocument;
  legend.replaceChildren(
    ...REGIMES.map((regime, index) => {
      const item = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = 'nrg-swatch';
      swatch.style.background = regime.colour;
      item.dataset.regime = regime.id;
      item.append(swatch, `${regime.name} ${Math.round(model.shares[index]! * 100)} %`);
      return item;
    }),
  );
}

/** Bars are spaced evenly by index (as the candlestick spaces them), the ribbon along the bottom. */
function drawChart(
  svg: SVGSVGElement,
  model: RibbonModel,
  width: number,
  height: number,
  showPrice: boolean,
  muted: string,
): void {
  const document = svg.ownerDocument;
  const node = (name: string, attributes: Record<string, string | number>) => {
    const element = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
    return element;
  };
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const plotWidth = Math.max(1, width - 2 * PAD);
  const x = (index: number) => Math.round((PAD + (index / model.bars) * plotWidth) * 100) / 100;
  const ribbonTop = height - RIBBON_HEIGHT - 2;
  const children: SVGElement[] = [];
  for (const run of model.runs) {
    const rect = node('rect', {
      x: x(run.from),
      y: ribbonTop,
      width: Math.max(0.5, x(run.to) - x(run.from)),
      height: RIBBON_HEIGHT,
      fill: run.regime < 0 ? 'transparent' : REGIMES[run.regime]!.colour,
      stroke: run.regime < 0 ? muted : 'none',
      'stroke-dasharray': run.regime < 0 ? '2 2' : '',
      'data-regime': run.regime < 0 ? 'warm-up' : REGIMES[run.regime]!.id,
    });
    children.push(rect);
  }
  const priceHeight = ribbonTop - 4 - PAD;
  if (showPrice && priceHeight > 12) {
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (const value of model.close) {
      if (value < low) low = value;
      if (value > high) high = value;
    }
    const span = high - low || 1;
    // One point per pixel column at most: 100,000 bars still draw as a short path.
    const step = Math.max(1, Math.floor(model.bars / plotWidth));
    let path = '';
    for (let index = 0; index < model.bars; index += step) {
      const y = Math.round((PAD + ((high - model.close[index]!) / span) * priceHeight) * 100) / 100;
      path += `${path ? 'L' : 'M'}${x(index + 0.5)},${y}`;
    }
    children.push(node('path', { d: path, fill: 'none', stroke: muted, 'stroke-width': 1.25, class: 'nrg-price' }));
  }
  svg.replaceChildren(...children);
  const latest = model.latest ? REGIMES[model.latest.regime]!.name : 'none yet';
  svg.setAttribute('aria-label', `Regime ribbon of ${model.bars} bars; latest regime ${latest}`);
}

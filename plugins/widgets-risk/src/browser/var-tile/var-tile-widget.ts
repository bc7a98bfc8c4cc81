import type { WidgetImplementation, WidgetProps } from '@nautilus/sdk';
import { resolveOptions, VAR_BACKTEST_TABLE_COLUMNS, VAR_TABLE_COLUMNS } from '@nautilus/sdk';
import { drawnInstance, formatExactMoney, formatMoney, formatPercent } from '@nautilus/widget-kit';
import { type VarTileOptions, varTileDescriptor, varTileOptionsSchema } from '../../descriptors/var-tile.ts';
import { readTable } from '../shared/table-frame.ts';
import type { Palette } from '../shared/theme.ts';
import { applyTheme, createRoot, NO_DATA_MESSAGE, setMessage } from '../shared/widget-root.ts';
import { describeSetup, describeVerdict, methodLabel, readVarRows, type VarRow } from './var-rows.ts';

interface State {
  rows: VarRow[];
  selected?: string;
  /** The `method` option last applied: a new value in the settings moves the tile to it. */
  preferred?: string;
  options?: VarTileOptions;
  palette?: Palette;
}

/**
 * VaR and ES of one method at a time. The table holds every method, so the selector switches in the
 * tile without a new query; a refresh keeps the method the user picked while the data still has it.
 */
export const varTile: WidgetImplementation = {
  async mount(element, initial) {
    const document = element.ownerDocument;
    const root = createRoot(element, 'var');
    const tile = document.createElement('div');
    tile.className = 'nrw-var-tile';
    tile.setAttribute('role', 'group');
    const selector = document.createElement('div');
    selector.className = 'nrw-segmented';
    selector.setAttribute('role', 'group');
    selector.setAttribute('aria-label', 'VaR method');
    const figures = document.createElement('div');
    figures.className = 'nrw-var-figures';
    const setup = document.createElement('div');
    setup.className = 'nrw-var-meta nrw-var-setup';
    const backend = document.createElement('div');
    backend.className = 'nrw-var-meta nrw-var-backend';
    const verdict = document.createElement('div');
    verdict.className = 'nrw-badge nrw-var-verdict';
    tile.append(selector, figures, setup, backend, verdict);
    root.append(tile);
    const state: State = { rows: [] };

    const showSelected = () => {
      const row = state.rows.find((candidate) => candidate.method === state.selected);
      for (const button of selector.querySelectorAll('button')) {
        button.setAttribute('aria-pressed', String(button.dataset.method === state.selected));
      }
      if (!row || !state.options || !state.palette) return;
      const currency = state.options.currency;
      const varFigure = figure(document, 'VaR', row.var, row.varPct, currency);
      const esFigure = figure(document, 'ES', row.es, row.esPct, currency);
      figures.replaceChildren(varFigure.element, esFigure.element);
      setup.textContent = describeSetup(row);
      backend.textContent = row.backend ? `Computed on ${row.backend}` : '';
      backend.hidden = !row.backend;
      renderVerdict(verdict, row, state.palette);
      tile.setAttribute(
        'aria-label',
        `VaR / ES, ${methodLabel(row.method)}, ${setup.textContent}: ${varFigure.description}; ${esFigure.description}`,
      );
    };

    selector.addEventListener('click', (event) => {
      const button = (event.target as Element).closest('button');
      if (!button?.dataset.method) return;
      state.selected = button.dataset.method;
      showSelected();
    });

    const draw = (props: WidgetProps) => {
      state.options = resolveOptions<VarTileOptions>(varTileOptionsSchema, props.options);
      state.palette = applyTheme(root, props.theme);
      const reading = readTable(props.frames, {
        widgetName: varTileDescriptor.name,
        required: VAR_TABLE_COLUMNS,
        optional: VAR_BACKTEST_TABLE_COLUMNS,
      });
      const rows = reading.status === 'ok' ? readVarRows(reading) : [];
      setMessage(root, reading.status === 'problem' ? reading.message : rows.length === 0 ? NO_DATA_MESSAGE : null);
      tile.hidden = rows.length === 0;
      const methodsBefore = state.rows.map((row) => row.method).join();
      state.rows = rows;
      if (state.options.method !== state.preferred) {
        state.preferred = state.options.method;
        state.selected = undefined;
      }
      if (!rows.some((row) => row.method === state.selected)) {
        state.selected = (rows.find((row) => row.method === state.preferred) ?? rows[0])?.method;
      }
      // The buttons stay while the methods do, so a refresh does not take the keyboard focus away.
      if (rows.map((row) => row.method).join() !== methodsBefore || selector.childElementCount === 0) {
        selector.replaceChildren(...rows.map((row) => methodButton(document, row.method)));
      }
      showSelected();
    };

    return drawnInstance(root, initial, draw, { redrawOnResize: false });
  },
};

function methodButton(document: Document, method: string): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.dataset.method = method;
  button.textContent = methodLabel(method);
  return button;
}

/** A measure in money (compact when large, exact in the title) and as a percentage of the gross value. */
function figure(
  document: Document,
  name: string,
  money: number,
  fraction: number,
  currency: string,
): { element: HTMLElement; description: string } {
  const element = document.createElement('div');
  element.className = 'nrw-var-figure';
  element.dataset.measure = name;
  const label = document.createElement('div');
  label.className = 'nrw-var-label';
  label.textContent = name;
  const value = document.createElement('div');
  value.className = 'nrw-var-money nrw-num';
  value.textContent = formatMoney(money, currency);
  const percent = document.createElement('div');
  percent.className = 'nrw-var-pct nrw-num';
  percent.textContent = `${formatPercent(fraction)} of gross`;
  element.append(label, value, percent);
  const description = `${name} ${formatExactMoney(money, currency)} (${formatPercent(fraction)} of gross value)`;
  element.title = description;
  return { element, description };
}

function renderVerdict(badge: HTMLElement, row: VarRow, palette: Palette): void {
  badge.hidden = !row.backtest;
  if (!row.backtest) return;
  const light = row.backtest.trafficLight;
  const color =
    light === 'green' ? palette.ok : light === 'yellow' ? palette.warn : light === 'red' ? palette.breach : palette.mutedText;
  const dot = badge.ownerDocument.createElement('span');
  dot.className = 'nrw-badge-dot';
  dot.style.background = color;
  dot.setAttribute('aria-hidden', 'true');
  const text = badge.ownerDocument.createElement('span');
  text.className = 'nrw-var-verdict-text';
  text.textContent = describeVerdict(row.backtest);
  badge.replaceChildren(dot, text);
  badge.style.borderColor = color;
  badge.dataset.light = light ?? '';
  badge.title = `VaR backtest: ${text.textContent}`;
}

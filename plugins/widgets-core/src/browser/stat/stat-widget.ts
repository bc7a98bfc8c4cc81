import type { WidgetImplementation, WidgetProps } from '@nautilus/sdk';
import { resolveOptions } from '@nautilus/sdk';
import { afterPaint, formatSignedNumber, formatSignedPercent, formatValue } from '@nautilus/widget-kit';
import { type StatOptions, statDescriptor, statOptionsSchema } from '../../descriptors/stat.ts';
import { expectFrames } from '../shared/expect-frames.ts';
import { applyTheme, createRoot, NO_DATA_MESSAGE, setMessage } from '../shared/widget-root.ts';
import { readStat, statChange } from './stat-reading.ts';

const ACCEPTS = ['scalar', 'ohlcv', 'timeseries'] as const;

/** One big number with its change: green and ▲ when up, red and ▼ when down (colour is not the only cue). */
export const stat: WidgetImplementation = {
  async mount(element, initial) {
    expectFrames(statDescriptor.id, ACCEPTS, initial.frames);
    const document = element.ownerDocument;
    const root = createRoot(element, 'stat');
    const tile = document.createElement('div');
    tile.className = 'nwc-stat';
    const label = document.createElement('div');
    label.className = 'nwc-stat-label';
    const value = document.createElement('div');
    value.className = 'nwc-stat-value';
    const change = document.createElement('div');
    change.className = 'nwc-stat-change';
    tile.append(label, value, change);
    root.append(tile);
    let size = { width: initial.width, height: initial.height };

    const fit = () => {
      // The value takes what the tile allows: 40 % of its height, or its width shared by the characters.
      const characters = Math.max(4, value.textContent?.length ?? 0);
      let fontSize = Math.max(14, Math.min(size.height * 0.4, (size.width * 0.9) / (characters * 0.6), 96));
      // The label (up to two lines) and the change keep their room: the value takes what is left.
      const changeSize = Math.max(12, Math.min(fontSize * 0.32, 20));
      const taken = (label.hidden ? 0 : label.offsetHeight) + (change.hidden ? 0 : changeSize * 1.4) + 22;
      if (taken > 22) fontSize = Math.max(14, Math.min(fontSize, (size.height - taken) / 1.15));
      value.style.fontSize = `${Math.round(fontSize)}px`;
      change.style.fontSize = `${Math.round(Math.max(12, Math.min(fontSize * 0.32, 20)))}px`;
    };

    const render = (props: WidgetProps) => {
      const frame = expectFrames(statDescriptor.id, ACCEPTS, props.frames)[0];
      const options = resolveOptions<StatOptions>(statOptionsSchema, props.options);
      applyTheme(root, props.theme);
      size = { width: props.width, height: props.height };
      const reading = frame ? readStat(frame) : null;
      setMessage(root, reading ? null : NO_DATA_MESSAGE);
      tile.hidden = !reading;
      if (!reading) return;
      label.textContent = options.label || reading.label || '';
      label.title = label.textContent;
      label.hidden = label.textContent === '';
      // The shared formatter: separators, and a unit written as charts and legends write it (12.50%).
      const unit = options.suffix ? undefined : reading.unit;
      value.textContent = `${options.prefix}${formatValue(reading.value, options.decimals, unit)}${options.suffix}`;
      renderChange(change, options, statChange(reading.value, reading.previous));
      fit();
    };

    const view = document.defaultView as Window;
    render(initial);
    await afterPaint(view);
    return {
      update(props) {
        render(props);
        return afterPaint(view);
      },
      resize(width, height) {
        size = { width, height };
        fit();
      },
      destroy() {
        root.remove();
      },
    };
  },
};

function renderChange(element: HTMLElement, options: StatOptions, change: ReturnType<typeof statChange>): void {
  element.hidden = !options.showChange || !change;
  if (element.hidden || !change) return;
  const arrow = element.ownerDocument.createElement('span');
  arrow.setAttribute('aria-hidden', 'true');
  arrow.textContent = change.direction === 'up' ? '▲ ' : change.direction === 'down' ? '▼ ' : '';
  const percent = change.percent === undefined ? '' : ` (${formatSignedPercent(change.percent)})`;
  const text = element.ownerDocument.createElement('span');
  text.className = 'nwc-stat-change-text';
  text.textContent = `${formatSignedNumber(change.absolute, options.decimals)}${percent}`;
  element.replaceChildren(arrow, text);
  element.dataset.direction = change.direction;
  element.style.color =
    change.direction === 'up' ? options.upColor : change.direction === 'down' ? options.downColor : 'var(--nwc-muted)';
}

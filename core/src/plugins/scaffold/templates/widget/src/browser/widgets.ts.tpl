// The browser bundle: esbuild bundles this file, the sdk and the widget kit into dist/browser/widgets.js,
// the `bundle` the manifest names. The builder imports it and mounts each widget by id.
import { defineWidgets, type WidgetProps } from '@nautilus/sdk';
import {
  createWidgetRoot,
  drawnInstance,
  formatNumber,
  NO_DATA_MESSAGE,
  neutralPalette,
  setMessage,
  setThemeVariables,
} from '@nautilus/widget-kit';
import { lastValue } from './last-value.ts';

/** The panel options, with the defaults of the manifest's optionsSchema filled in by the builder. */
interface LastValueOptions {
  decimals: number;
  label: string;
}

const PREFIX = '__CSS_PREFIX__';
const stylesheet = {
  id: `${PREFIX}-style`,
  css: `.${PREFIX}-root{position:relative;height:100%;display:flex;flex-direction:column;align-items:center;justify-content:center;background:var(--${PREFIX}-bg);color:var(--${PREFIX}-text);font:13px/1.4 system-ui,sans-serif}
.${PREFIX}-label{color:var(--${PREFIX}-muted)}
.${PREFIX}-value{font-size:28px;font-weight:600;font-variant-numeric:tabular-nums}
.${PREFIX}-message{position:absolute;inset:0;display:flex;align-items:center;justify-content:center;background:var(--${PREFIX}-bg)}`,
};

function draw(root: HTMLElement, props: WidgetProps<LastValueOptions>): void {
  const palette = neutralPalette(props.theme);
  setThemeVariables(root, props.theme, {
    [`--${PREFIX}-bg`]: palette.background,
    [`--${PREFIX}-text`]: palette.text,
    [`--${PREFIX}-muted`]: palette.mutedText,
  });
  const reading = lastValue(props.frames);
  setMessage(root, reading ? null : NO_DATA_MESSAGE, `${PREFIX}-message`);
  const label = root.querySelector(`.${PREFIX}-label`) as HTMLElement;
  const value = root.querySelector(`.${PREFIX}-value`) as HTMLElement;
  label.textContent = props.options.label || reading?.label || '';
  value.textContent = reading ? formatNumber(reading.value, props.options.decimals) : '';
}

export default defineWidgets({
  widgets: {
    'last-value': {
      mount(element, props: WidgetProps<LastValueOptions>) {
        const root = createWidgetRoot(element, `${PREFIX}-root`, stylesheet);
        for (const part of ['label', 'value']) {
          const child = element.ownerDocument.createElement('div');
          child.className = `${PREFIX}-${part}`;
          root.append(child);
        }
        return drawnInstance(root, props, (next) => draw(root, next), { redrawOnResize: false });
      },
    },
  },
});

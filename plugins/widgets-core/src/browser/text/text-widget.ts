import type { WidgetImplementation, WidgetProps } from '@nautilus/sdk';
import { resolveOptions } from '@nautilus/sdk';
import { drawnInstance } from '@nautilus/widget-kit';
import { type TextOptions, textOptionsSchema } from '../../descriptors/text.ts';
import { applyTheme, createRoot } from '../shared/widget-root.ts';
import { renderMarkdown } from './markdown.ts';

/**
 * Markdown notes, rendered with marked and sanitised with DOMPurify. It takes no data, so frames a
 * misconfigured panel passes are ignored rather than refused.
 */
export const text: WidgetImplementation = {
  async mount(element, initial) {
    const root = createRoot(element, 'text');
    const body = element.ownerDocument.createElement('div');
    body.className = 'nwc-text';
    root.append(body);
    let shown: string | undefined;

    const render = (props: WidgetProps) => {
      const { markdown } = resolveOptions<TextOptions>(textOptionsSchema, props.options);
      applyTheme(root, props.theme);
      if (markdown !== shown) body.replaceChildren(renderMarkdown(markdown, element.ownerDocument));
      shown = markdown;
    };

    return drawnInstance(root, initial, render, { redrawOnResize: false });
  },
};

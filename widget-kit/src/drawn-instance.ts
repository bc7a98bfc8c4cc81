import type { WidgetInstance, WidgetProps } from '@nautilus/sdk';
import { afterPaint } from './after-paint.ts';

/**
 * Draws `initial` and returns the widget's instance: each update redraws and resolves after paint,
 * destroy removes the widget's root. The builder owns the panel's size and calls `resize` when it
 * changes: with `redrawOnResize` the widget redraws with the last props at the new size (SVG in
 * pixels, values shown only in cells wide enough); without it the layout is all CSS and a resize
 * needs no work.
 * @example return drawnInstance(root, props, (next) => draw(root, next), { redrawOnResize: false });
 */
export async function drawnInstance<O = Record<string, unknown>>(
  root: HTMLElement,
  initial: WidgetProps<O>,
  draw: (props: WidgetProps<O>) => void,
  { redrawOnResize }: { redrawOnResize: boolean },
): Promise<WidgetInstance<O>> {
  const view = root.ownerDocument.defaultView as Window;
  let last = initial;
  draw(initial);
  await afterPaint(view);
  return {
    update(props) {
      last = props;
      draw(props);
      return afterPaint(view);
    },
    resize(width, height) {
      last = { ...last, width, height };
      if (redrawOnResize) draw(last);
    },
    destroy() {
      root.remove();
    },
  };
}

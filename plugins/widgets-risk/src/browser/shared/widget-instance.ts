import type { WidgetInstance, WidgetProps } from '@nautilus/sdk';
import { afterPaint } from './after-paint.ts';

/**
 * Draws `initial` and returns the widget's instance: each update redraws and resolves after paint,
 * destroy removes the widget's root. A resize redraws with the last props at the new size when the
 * drawing depends on it (SVG in pixels, values shown only in cells wide enough); CSS does the rest.
 */
export async function drawnInstance(
  root: HTMLElement,
  initial: WidgetProps,
  draw: (props: WidgetProps) => void,
  { redrawOnResize }: { redrawOnResize: boolean },
): Promise<WidgetInstance> {
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

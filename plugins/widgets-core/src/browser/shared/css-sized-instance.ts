import type { WidgetInstance, WidgetProps } from '@nautilus/sdk';
import { afterPaint } from './after-paint.ts';

/**
 * Draws `initial` and returns the instance of a widget whose layout is all CSS (it fills and scrolls
 * its element): each update redraws and resolves after paint, a resize needs no work, destroy removes
 * the widget's root.
 */
export async function cssSizedInstance(
  root: HTMLElement,
  initial: WidgetProps,
  render: (props: WidgetProps) => void,
): Promise<WidgetInstance> {
  const view = root.ownerDocument.defaultView as Window;
  render(initial);
  await afterPaint(view);
  return {
    update(props) {
      render(props);
      return afterPaint(view);
    },
    resize() {},
    destroy() {
      root.remove();
    },
  };
}

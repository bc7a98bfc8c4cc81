import type { Frame, WidgetImplementation, WidgetInstance, WidgetProps } from '@nautilus/sdk';

/** Props of a panel of `width` × `height` px for DOM tests. */
export const panelProps = (frames: Frame[], options: Record<string, unknown> = {}, width = 390, height = 300): WidgetProps => ({
  frames,
  options,
  width,
  height,
  theme: 'dark',
  timeRange: { from: 0, to: 1 },
});

/** Mounts a widget in a fresh element of the document; returns it and the instance. */
export async function mountWidget(
  widget: WidgetImplementation,
  props: WidgetProps,
): Promise<{ element: HTMLElement; instance: WidgetInstance }> {
  const element = document.createElement('div');
  document.body.append(element);
  const instance = await widget.mount(element, props);
  return { element, instance };
}

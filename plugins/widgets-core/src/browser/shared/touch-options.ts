import type { ChartOptions, DeepPartial } from 'lightweight-charts';

/**
 * lightweight-charts' touch options for a chart whose one-finger gestures are on (after a tap) or off
 * (a swipe scrolls the page; see the widget kit's touchGestures). Pinching with two fingers always
 * zooms; mouse and wheel handling are left as they are.
 */
export function touchOptions(active: boolean): DeepPartial<ChartOptions> {
  return {
    handleScroll: { horzTouchDrag: active, vertTouchDrag: active },
    handleScale: { pinch: true },
  };
}

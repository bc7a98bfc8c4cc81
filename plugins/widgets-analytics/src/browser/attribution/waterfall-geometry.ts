import { px } from '../shared/svg.ts';
import type { WaterfallStep } from './attribution-model.ts';

const SHORT: Record<string, string> = {
  Allocation: 'Alloc.',
  Selection: 'Select.',
  Interaction: 'Inter.',
  Residual: 'Resid.',
  'Active return': 'Active',
};
const TOP = 16;
const BOTTOM = 18;

/** Pixel geometry of the waterfall: equal slots, each bar spanning its step's from → to on one scale that includes 0. */
export function waterfallGeometry(steps: WaterfallStep[], width: number, height: number) {
  let low = 0;
  let high = 0;
  for (const step of steps) {
    low = Math.min(low, step.from, step.to);
    high = Math.max(high, step.from, step.to);
  }
  const span = high - low || 1;
  const plotHeight = Math.max(1, height - TOP - BOTTOM);
  const y = (value: number) => px(TOP + ((high - value) / span) * plotHeight);
  const slot = width / Math.max(1, steps.length);
  const bars = steps.map((step, index) => {
    const top = y(Math.max(step.from, step.to));
    const bottom = y(Math.min(step.from, step.to));
    return {
      step,
      short: SHORT[step.label] ?? step.label,
      x: px(index * slot + slot * 0.15),
      width: px(slot * 0.7),
      y: top,
      // A zero effect still shows as a hairline.
      height: px(Math.max(1, bottom - top)),
      valueY: step.to >= step.from ? px(Math.max(11, top - 3)) : px(Math.min(height - BOTTOM - 2, bottom + 11)),
    };
  });
  return { bars, zeroY: y(0) };
}

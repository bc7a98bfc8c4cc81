// ColorBrewer RdYlGn ends around a near-white middle: red is a loss, green a gain, in both themes, so a
// legend means the same everywhere.
const LOSS = [215, 48, 39];
const MIDDLE = [247, 247, 247];
const GAIN = [26, 152, 80];

const hex = (rgb: number[]) => `#${rgb.map((channel) => Math.round(channel).toString(16).padStart(2, '0')).join('')}`;

/**
 * The colour of `value` on a diverging scale centred on 0 that reaches full red at −bound and full green
 * at +bound (clamped beyond). A bound of 0 (all values 0) gives the middle colour.
 * @example divergingColor(-0.05, 0.1) // half-way from near-white to red
 */
export function divergingColor(value: number, bound: number): string {
  if (!(bound > 0) || !Number.isFinite(value)) return hex(MIDDLE);
  const t = Math.max(-1, Math.min(1, value / bound));
  const end = t < 0 ? LOSS : GAIN;
  const share = Math.abs(t);
  return hex(MIDDLE.map((channel, index) => channel + (end[index]! - channel) * share));
}

/** Dark or white text, whichever contrasts more with a `#rrggbb` background (WCAG relative luminance). */
export function textColorOn(background: string): string {
  const value = Number.parseInt(background.slice(1), 16);
  const linear = [value >> 16, (value >> 8) & 255, value & 255].map((channel) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * linear[0]! + 0.7152 * linear[1]! + 0.0722 * linear[2]!;
  // Contrast with white (1.05 / (L + 0.05)) against with near-black #1f1f1f (L ≈ 0.0137).
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.0637 ? '#ffffff' : '#1f1f1f';
}

export type HeatmapScale = 'diverging' | 'sequential';

/** The values mapped to the two ends of a colour scale. */
export interface ColorDomain {
  min: number;
  max: number;
}

// ColorBrewer schemes, chosen for print and colour-vision safety. The same colours in both themes: a
// legend means the same thing on every dashboard.
const STOPS: Record<HeatmapScale, readonly string[]> = {
  // RdBu: blue for -1 (diversifying), near-white for 0, red for +1 (moving together).
  diverging: ['#2166ac', '#67a9cf', '#f7f7f7', '#ef8a62', '#b2182b'],
  // Reds: near-white for 0 to dark red for the largest value.
  sequential: ['#fff5f0', '#fcbba1', '#fb6a4a', '#cb181d', '#67000d'],
};

/**
 * The domain of a set of values. Diverging is symmetric around 0: -1..1 while every value lies in it
 * (correlations keep one fixed scale), else ±the largest magnitude. Sequential runs from 0 to the largest
 * value (1 when none is positive); values below 0 take the lightest colour.
 */
export function colorDomain(scale: HeatmapScale, values: Iterable<number>): ColorDomain {
  let largest = 0;
  let largestMagnitude = 0;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    largest = Math.max(largest, value);
    largestMagnitude = Math.max(largestMagnitude, Math.abs(value));
  }
  if (scale === 'sequential') return { min: 0, max: largest > 0 ? largest : 1 };
  const extent = Math.max(largestMagnitude, 1);
  return { min: -extent, max: extent };
}

/** The colour of a value (`#rrggbb`), interpolated between the scale's stops; null for a missing value. */
export function colorOf(scale: HeatmapScale, domain: ColorDomain, value: number): string | null {
  if (!Number.isFinite(value)) return null;
  const stops = STOPS[scale];
  const position = Math.min(1, Math.max(0, (value - domain.min) / (domain.max - domain.min)));
  const scaled = position * (stops.length - 1);
  const index = Math.min(stops.length - 2, Math.floor(scaled));
  return mix(stops[index]!, stops[index + 1]!, scaled - index);
}

/** The scale as a CSS gradient, left (domain min) to right (domain max), for the legend. */
export function legendGradient(scale: HeatmapScale): string {
  const stops = STOPS[scale];
  return `linear-gradient(to right, ${stops.map((color, index) => `${color} ${(index / (stops.length - 1)) * 100}%`).join(', ')})`;
}

/** Dark or white text, whichever contrasts more with the cell's colour (WCAG relative luminance). */
export function textColorOn(background: string): string {
  const [r, g, b] = rgb(background).map((channel) => {
    const value = channel / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast against black (L + 0.05) / 0.05 beats contrast against white 1.05 / (L + 0.05) above L ≈ 0.179.
  return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? '#1f1f1f' : '#ffffff';
}

function rgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [value >> 16, (value >> 8) & 255, value & 255];
}

function mix(from: string, to: string, weight: number): string {
  const a = rgb(from);
  const b = rgb(to);
  return `#${a
    .map((channel, index) =>
      Math.round(channel + (b[index]! - channel) * weight)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

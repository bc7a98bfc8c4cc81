/** A fraction as a percentage for messages: 0.99 → '99 %', 0.975 → '97.5 %' (no 99.00000000000001). */
export function percentText(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(12))} %`;
}

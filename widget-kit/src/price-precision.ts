/**
 * Decimals to show on the price axis: the fewest (up to 8) that write the sampled prices exactly, so FX
 * shows 5 and equities 2. Prices that no short decimal writes (computed, not ticked) get 2 above 1,000,
 * 4 above 1 and 6 below.
 */
export function pricePrecision(prices: ArrayLike<number>): number {
  const sample: number[] = [];
  for (let index = prices.length - 1; index >= 0 && sample.length < 200; index--) {
    if (Number.isFinite(prices[index]!)) sample.push(prices[index]!);
  }
  if (sample.length === 0) return 2;
  for (let decimals = 0; decimals <= 8; decimals++) {
    const scale = 10 ** decimals;
    if (sample.every((price) => writesExactly(price * scale))) return decimals;
  }
  const magnitude = Math.abs(sample[0]!);
  return magnitude >= 1000 ? 2 : magnitude >= 1 ? 4 : 6;
}

/** Whether a scaled price is a whole number up to binary rounding (1.08345 * 1e5 = 108345.00000000001). */
function writesExactly(scaled: number): boolean {
  return Math.abs(scaled - Math.round(scaled)) <= Math.max(1e-7, Math.abs(scaled) * 1e-15);
}

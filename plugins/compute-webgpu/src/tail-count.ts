/**
 * k = ⌈(1 − c)·N⌉, the number of tail observations at confidence c, in exact integer arithmetic:
 * c is taken as the decimal it was written as (0.99 = 99/100), so (1 − 0.99)·1,000,000 is 10,000,
 * not the 10,001 that binary floating point gives. The same convention as historical VaR.
 * @example tailCount(0.99, 1_000_000) // 10_000
 */
export function tailCount(confidence: number, observations: number): number {
  const match = /^0\.(\d+)$/.exec(String(confidence));
  if (!match) throw new RangeError(`confidence must be a decimal in (0, 1), got ${confidence}`);
  const scale = 10n ** BigInt(match[1]!.length);
  const tail = (scale - BigInt(match[1]!)) * BigInt(observations);
  return Number((tail + scale - 1n) / scale);
}

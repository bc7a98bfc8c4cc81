/**
 * k = ⌈(1 − c)·N⌉, the number of tail observations at confidence c, in exact integer arithmetic:
 * c is taken as the decimal it was written as (0.99 = 99/100), so (1 − 0.99)·1,000,000 is 10,000,
 * not the 10,001 that binary floating point gives. The same convention as historical VaR.
 * @example tailCount(0.99, 1_000_000) // 10_000
 */
export function tailCount(confidence: number, observations: number): number {
  const { scale, tail } = decimalTail(confidence);
  return Number((tail * BigInt(observations) + scale - 1n) / scale);
}

/**
 * The fewest observations N with (1 − c)·N >= 1, i.e. ⌈1/(1 − c)⌉ on the decimal confidence: 100 at
 * 0.99 (binary floating point says 1/(1 − 0.99) = 100.00000000000001), 40 at 0.975, 34 at 0.97.
 * @example fewestForTail(0.999) // 1000
 */
export function fewestForTail(confidence: number): number {
  const { scale, tail } = decimalTail(confidence);
  return Number((scale + tail - 1n) / tail);
}

/** c as digits / scale, and 1 − c as tail / scale, exactly. */
function decimalTail(confidence: number): { scale: bigint; tail: bigint } {
  const match = /^0\.(\d+)$/.exec(String(confidence));
  if (!match) throw new RangeError(`confidence must be a decimal in (0, 1), got ${confidence}`);
  const scale = 10n ** BigInt(match[1]!.length);
  return { scale, tail: scale - BigInt(match[1]!) };
}

/** Strategy names as the server compares them: trimmed, ignoring case. */
export const sameStrategyName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Longest name the server takes. */
export const STRATEGY_NAME_MAX = 200;

/**
 * `wanted`, or `wanted 2`, `wanted 3`, … : the first that no name in `taken` has.
 * @example freeStrategyName('SMA crossover', ['SMA crossover']) // 'SMA crossover 2'
 */
export function freeStrategyName(wanted: string, taken: readonly string[]): string {
  const isTaken = (name: string) => taken.some((other) => sameStrategyName(other, name));
  if (!isTaken(wanted)) return wanted;
  for (let suffix = 2; ; suffix++) {
    const name = `${wanted} ${suffix}`;
    if (!isTaken(name)) return name;
  }
}

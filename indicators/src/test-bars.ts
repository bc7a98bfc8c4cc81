/** Deterministic random-walk bars for tests and the benchmark (a Park-Miller generator, no Math.random). */
export function makeTestBars(
  count: number,
  seed = 1,
): { time: number[]; open: number[]; high: number[]; low: number[]; close: number[]; volume: number[] } {
  let state = seed;
  const random = () => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647;
  };
  const columns = {
    time: [] as number[],
    open: [] as number[],
    high: [] as number[],
    low: [] as number[],
    close: [] as number[],
    volume: [] as number[],
  };
  let price = 100;
  for (let index = 0; index < count; index++) {
    const open = price;
    price *= 1 + (random() - 0.5) * 0.04;
    columns.time.push(Date.UTC(2020, 0, 1) + index * 86_400_000);
    columns.open.push(open);
    columns.high.push(Math.max(open, price) * (1 + random() * 0.01));
    columns.low.push(Math.min(open, price) * (1 - random() * 0.01));
    columns.close.push(price);
    columns.volume.push(1000 + Math.floor(random() * 1000));
  }
  return columns;
}

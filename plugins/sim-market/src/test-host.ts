// A minimal stand-in for the host, for this package's tests: the real host is tested in core.
import type { DataSource, OhlcvFrame, PluginContext, Timeframe } from '@nautilus/sdk';
import plugin from './index.ts';

const silent = () => {};

/** The smallest PluginContext the plugin can be set up with; the simulated market uses none of it. */
export const fakeContext: PluginContext = {
  pluginId: 'nautilus.sim-market',
  logger: { debug: silent, info: silent, warn: silent, error: silent },
  config: {},
  secrets: { get: () => undefined },
  fetch: () => Promise.reject(new Error('the simulated market must not fetch')),
  cache: { get: async () => undefined, set: async () => {}, delete: async () => {} },
  bus: { publish: async () => {}, subscribe: async () => async () => {} },
  compute: { run: () => Promise.reject(new Error('the simulated market runs no kernels')) },
};

/** Sets the plugin up afresh (cold caches) and returns its data sources. */
export async function startPlugin(): Promise<Record<string, DataSource<any>>> {
  const contributions = await plugin.setup(fakeContext);
  return contributions.dataSources ?? {};
}

const bars = (await startPlugin()).bars as DataSource<{ symbol: string; timeframe: Timeframe }>;

/** Queries the `bars` source of one shared plugin instance, as the host would. */
export async function queryBars(
  symbol: string,
  timeframe: Timeframe,
  from: string | number,
  to: string | number,
  maxPoints = 1_000_000,
): Promise<OhlcvFrame> {
  const range = { from: typeof from === 'string' ? Date.parse(from) : from, to: typeof to === 'string' ? Date.parse(to) : to };
  const [frame] = await bars.query({ params: { symbol, timeframe }, range, maxPoints }, new AbortController().signal);
  if (frame?.kind !== 'ohlcv') throw new Error(`expected an ohlcv frame, got ${frame?.kind}`);
  return frame;
}

const newYorkClock = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  hourCycle: 'h23',
  weekday: 'short',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
});
const hourParts = new Map<number, { weekday: string; hour: number; date: string }>();

/**
 * New York wall-clock parts of an instant, computed with Intl independently of the plugin's own
 * time code. Memoised per UTC hour (New York's offset is a whole number of hours): tests ask for
 * hundreds of thousands of minutes.
 */
export function newYorkParts(time: number): { weekday: string; hour: number; minute: number; date: string } {
  const hourStart = time - (time % 3_600_000);
  let parts = hourParts.get(hourStart);
  if (!parts) {
    const found = Object.fromEntries(newYorkClock.formatToParts(hourStart).map((part) => [part.type, part.value]));
    parts = { weekday: found.weekday ?? '', hour: Number(found.hour), date: `${found.year}-${found.month}-${found.day}` };
    hourParts.set(hourStart, parts);
  }
  return { ...parts, minute: (time - hourStart) / 60_000 };
}

import type { TableFrame } from '@nautilus/sdk';
import type { PluginHost } from '../plugins/plugin-host.ts';

export interface InstrumentHit {
  symbol: string;
  name: string | null;
  assetClass: string | null;
  exchange: string | null;
  /** The search source that found it (`plugin/source`), and its plugin's name. */
  source: string;
  provider: string;
}

/**
 * One search across every data source that declares `instrumentSearch`, asked in parallel: hits
 * keep their source and asset class, exact symbol matches come first, then each source's own order,
 * interleaved. A source that fails is named in `failures` and the others still answer.
 */
export async function searchInstruments(
  plugins: PluginHost,
  text: string,
  limit: number,
): Promise<{ hits: InstrumentHit[]; failures: { source: string; message: string }[] }> {
  const sources = plugins.dataSources().filter(({ descriptor }) => descriptor.instrumentSearch);
  const now = Date.now();
  const answers = await Promise.allSettled(
    sources.map(async ({ ref, pluginId, descriptor }) => {
      const param = descriptor.instrumentSearch?.param as string;
      const frames = await plugins.query(ref, {
        params: { [param]: text },
        range: { from: now - 86_400_000, to: now },
        maxPoints: limit,
      });
      const table = frames.find((frame): frame is TableFrame => frame.kind === 'table');
      const provider = plugins.list().find((status) => status.id === pluginId)?.name ?? pluginId;
      return table ? hitsOf(table, ref, provider) : [];
    }),
  );
  const lists: InstrumentHit[][] = [];
  const failures: { source: string; message: string }[] = [];
  answers.forEach((answer, index) => {
    if (answer.status === 'fulfilled') lists.push(answer.value);
    else
      failures.push({
        source: (sources[index] as { ref: string }).ref,
        message: String((answer.reason as Error)?.message ?? answer.reason),
      });
  });
  const wanted = text.trim().toUpperCase();
  const merged: InstrumentHit[] = [];
  for (let rank = 0; lists.some((list) => rank < list.length); rank++) {
    for (const list of lists) if (list[rank]) merged.push(list[rank] as InstrumentHit);
  }
  const exact = merged.filter((hit) => hit.symbol.toUpperCase() === wanted || hit.symbol.toUpperCase().endsWith(`:${wanted}`));
  const rest = merged.filter((hit) => !exact.includes(hit));
  return { hits: [...exact, ...rest].slice(0, limit), failures };
}

function hitsOf(table: TableFrame, source: string, provider: string): InstrumentHit[] {
  const index = (name: string) => table.columns.findIndex((column) => column.name === name);
  const symbol = index('symbol');
  if (symbol < 0) return [];
  const cell = (row: (string | number | boolean | null)[], at: number) =>
    at >= 0 && row[at] !== null && row[at] !== undefined ? String(row[at]) : null;
  const [name, assetClass, exchange] = [index('name'), index('assetClass'), index('exchange')];
  return table.rows
    .filter((row) => typeof row[symbol] === 'string' && row[symbol] !== '')
    .map((row) => ({
      symbol: row[symbol] as string,
      name: cell(row, name),
      assetClass: cell(row, assetClass),
      exchange: cell(row, exchange),
      source,
      provider,
    }));
}

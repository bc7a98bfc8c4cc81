import { type DataQuery, definePlugin, type Frame, type PluginContext } from '@nautilus/sdk';
import { baseUrlOf, dbnomicsGet } from './dbnomics-request.ts';
import { manifest } from './manifest.ts';
import { parseSeriesDocs } from './series-docs.ts';

const segment = encodeURIComponent;

async function querySeries(
  ctx: PluginContext,
  baseUrl: string,
  query: DataQuery<{ provider: string; dataset: string; series: string }>,
  signal: AbortSignal,
): Promise<Frame[]> {
  const { provider, dataset, series } = query.params;
  const path = `series/${segment(provider)}/${segment(dataset)}/${segment(series)}`;
  const body = await dbnomicsGet(ctx, baseUrl, path, { observations: '1' }, signal);
  return [{ kind: 'timeseries', series: parseSeriesDocs(path, body, query.range.from, query.range.to) }];
}

async function queryDataset(
  ctx: PluginContext,
  baseUrl: string,
  query: DataQuery<{ provider: string; dataset: string; q?: string; limit?: number }>,
  signal: AbortSignal,
): Promise<Frame[]> {
  const { provider, dataset, q, limit = 10 } = query.params;
  const path = `series/${segment(provider)}/${segment(dataset)}`;
  const params: Record<string, string> = { observations: '1', limit: String(limit) };
  if (q) params.q = q;
  const body = await dbnomicsGet(ctx, baseUrl, path, params, signal);
  return [{ kind: 'timeseries', series: parseSeriesDocs(path, body, query.range.from, query.range.to).slice(0, limit) }];
}

/** DBnomics: `series` (one series) and `dataset` (its first series), as time series. */
export default definePlugin({
  manifest,
  setup(ctx) {
    const baseUrl = baseUrlOf(ctx);
    return {
      dataSources: {
        series: { query: (query, signal) => querySeries(ctx, baseUrl, query, signal) },
        dataset: { query: (query, signal) => queryDataset(ctx, baseUrl, query, signal) },
      },
    };
  },
});

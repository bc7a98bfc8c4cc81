import { describe, expect, it } from 'vitest';
import type { DataSource } from '../contributions/data-source.ts';
import type { Frame, OhlcvFrame } from '../frames.ts';
import { definePlugin, type PluginManifest } from '../plugin.ts';
import { ContractError, checkDataSourceContract } from './data-source-contract.ts';

const MINUTE = 60_000;
const range = { from: 0, to: 100 * MINUTE };
const params = { symbol: 'ACME' };

const manifest: PluginManifest = {
  id: 'acme.bars',
  name: 'ACME bars',
  version: '1.0.0',
  engine: '^0.1.0',
  description: 'Synthetic one-minute bars',
  contributes: {
    dataSources: [
      {
        id: 'bars',
        name: 'Bars',
        frames: ['ohlcv'],
        querySchema: {
          type: 'object',
          required: ['symbol'],
          additionalProperties: false,
          properties: { symbol: { type: 'string', minLength: 1 } },
        },
      },
    ],
  },
  permissions: { network: [], secrets: [] },
};

/** One-minute bars at every minute of [from, to), close = minute index. */
function minuteBars(from: number, to: number, symbol: string): OhlcvFrame {
  const time: number[] = [];
  for (let t = Math.ceil(from / MINUTE) * MINUTE; t < to; t += MINUTE) time.push(t);
  const close = time.map((t) => t / MINUTE);
  return { kind: 'ohlcv', symbol, timeframe: '1m', time, open: close, high: close, low: close, close, volume: close };
}

const lastPoints = (frame: OhlcvFrame, count: number): OhlcvFrame => {
  const cut = <T>(column: T[]) => column.slice(Math.max(0, column.length - count));
  return {
    ...frame,
    time: cut(frame.time),
    open: cut(frame.open),
    high: cut(frame.high),
    low: cut(frame.low),
    close: cut(frame.close),
    volume: cut(frame.volume),
  };
};

const good: DataSource<{ symbol: string }> = {
  async query({ params, range, maxPoints }, signal) {
    signal.throwIfAborted();
    return [lastPoints(minuteBars(range.from, range.to, params.symbol), maxPoints)];
  },
};

const pluginWith = (source: DataSource<any>, overrides: Partial<PluginManifest> = {}) =>
  definePlugin({ manifest: { ...manifest, ...overrides }, setup: () => ({ dataSources: { bars: source } }) });

/** The failures a contract check reports; fails the test when the check passes. */
async function failuresOf(check: Promise<unknown>): Promise<readonly string[]> {
  const error = await check.then(
    () => {
      throw new Error('expected the contract check to fail');
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ContractError);
  return (error as ContractError).failures;
}

describe('checkDataSourceContract', () => {
  it('passes a source that keeps the contract and returns its frames', async () => {
    let tornDown = false;
    const plugin = {
      ...pluginWith(good),
      teardown: () => {
        tornDown = true;
      },
    };
    const { frames } = await checkDataSourceContract(plugin, { source: 'bars', params, range });
    expect((frames[0] as OhlcvFrame).time).toHaveLength(100);
    expect(tornDown).toBe(true);
  });

  it('lists every broken promise of a source that ignores maxPoints, its signal and the range', async () => {
    const careless: DataSource<{ symbol: string }> = {
      async query({ params }) {
        return [minuteBars(-10 * MINUTE, 200 * MINUTE, params.symbol)];
      },
    };
    const failures = await failuresOf(
      checkDataSourceContract(pluginWith(careless), { source: 'bars', params, range, maxPoints: 50 }),
    );
    expect(failures).toEqual([
      `frames[0].time has 110 bar(s) outside the range [0, ${100 * MINUTE})`,
      'query returned 210 points in one frame with maxPoints 50',
      'query returned 210 points in one frame with maxPoints 25; return at most maxPoints',
      'query answered although its signal was already aborted; call signal.throwIfAborted() before and during the work, and pass the signal to fetch',
    ]);
  });

  it('says which frame the host would refuse, and why', async () => {
    const broken: DataSource = {
      async query() {
        const frame = minuteBars(0, 3 * MINUTE, 'ACME');
        return [{ ...frame, close: [1, Number.NaN, 3] }] as Frame[];
      },
    };
    const failures = await failuresOf(checkDataSourceContract(pluginWith(broken), { source: 'bars', params, range }));
    expect(failures).toEqual(['query returned frames the host refuses: frames[0].close has a value that is not a finite number']);
  });

  it('reports a query that hangs once its signal aborted', async () => {
    const hanging: DataSource = {
      query: (query, signal) => (signal.aborted ? new Promise<Frame[]>(() => {}) : good.query(query as never, signal)),
    };
    const failures = await failuresOf(
      checkDataSourceContract(pluginWith(hanging), { source: 'bars', params, range, timeoutMs: 200 }),
    );
    expect(failures).toEqual(['query with an aborted signal did not settle within 200 ms; reject when the signal aborts']);
  });

  it('checks the params against the querySchema and the implementations against the manifest', async () => {
    const plugin = definePlugin({
      manifest: {
        ...manifest,
        contributes: { ...manifest.contributes, riskModels: [{ id: 'var', name: 'VaR', measures: ['VaR'] }] },
      },
      setup: () => ({ dataSources: { bars: good, extra: good } }),
    });
    const failures = await failuresOf(
      checkDataSourceContract(plugin, { source: 'bars', params: { symbol: 'ACME', day: 1 }, range }),
    );
    expect(failures).toEqual([
      'params.day: is not an allowed field (querySchema)',
      "setup returns dataSources['extra'], which the manifest does not declare",
      "setup returns no riskModels['var'] for the declared risk model 'var'",
    ]);
  });

  it('refuses an invalid manifest by field before running any code', async () => {
    let ran = false;
    const plugin = definePlugin({
      manifest: { ...manifest, id: 'Acme', version: '1.0', permissions: { network: [], secrets: ['lower'] } },
      setup: () => {
        ran = true;
        return {};
      },
    });
    const failures = await failuresOf(checkDataSourceContract(plugin, { source: 'bars', params, range }));
    expect(failures).toEqual([
      'manifest.id: must match ^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+$',
      'manifest.version: must have at least 5 characters',
      'manifest.permissions.secrets[0]: must match ^[A-Z][A-Z0-9_]*$',
    ]);
    expect(ran).toBe(false);
  });

  it('names an undeclared source, a failing setup and a source that returns nothing', async () => {
    expect(await failuresOf(checkDataSourceContract(pluginWith(good), { source: 'quotes', params, range }))).toEqual([
      "manifest.contributes.dataSources declares no 'quotes' (it declares bars)",
    ]);
    const failing = definePlugin({
      manifest,
      setup: () => {
        throw new Error('ACME_TOKEN is not set');
      },
    });
    expect(await failuresOf(checkDataSourceContract(failing, { source: 'bars', params, range }))).toEqual([
      'setup threw Error: ACME_TOKEN is not set',
    ]);
    const empty = await failuresOf(
      checkDataSourceContract(pluginWith(good), { source: 'bars', params, range: { from: 1, to: 2 } }),
    );
    expect(empty).toContain('query returned no data: pick params and a range with data, so the contract can be checked');
  });

  it('throws an Error whose message lists the failures, for any test runner', async () => {
    const error = await checkDataSourceContract(pluginWith(good), { source: 'quotes', params, range }).catch((reason) => reason);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe(
      "Plugin acme.bars, data source 'quotes', breaks the data-source contract:\n" +
        "  - manifest.contributes.dataSources declares no 'quotes' (it declares bars)",
    );
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { runBacktest } from '@nautilus/runtime';
import type { OhlcvFrame } from '@nautilus/sdk';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { closedBars } from '../src/backtests/load-bars.ts';
import { MemoryBus } from '../src/bus/memory-bus.ts';
import { loadConfig } from '../src/config.ts';
import { loadPlugins } from '../src/server.ts';
import { SMA_CROSSOVER } from './strategies.ts';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const example = fileURLToPath(new URL('../../runtime/examples/sma-crossover.ts', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'nautilus-cli-'));
const run = promisify(execFile);

/** Runs `nautilus backtest …` as a user would; resolves with its output and exit code. */
async function backtest(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--no-node-snapshot', cli, 'backtest', ...args], {
      env: { ...process.env, NAUTILUS_DATA_DIR: scratch, NAUTILUS_LOG_LEVEL: 'silent' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const market = ['--symbol', 'SIM:AAPL', '--timeframe', '1d', '--from', '2024-01-01', '--to', '2025-01-01'];

describe('nautilus backtest', () => {
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('prints the metrics of the example strategy as an aligned table, equal to runBacktest on the same bars', async () => {
    const { code, stdout } = await backtest(example, ...market, '--param', 'fast=5', '--param', 'slow=20', '--cash', '25000');
    expect(code).toBe(0);
    const host = await loadPlugins(loadConfig({ NAUTILUS_DATA_DIR: scratch }), pino({ level: 'silent' }), new MemoryBus());
    const [frame] = await host.query('nautilus.sim-market/bars', {
      params: { symbol: 'SIM:AAPL', timeframe: '1d' },
      range: { from: Date.parse('2024-01-01'), to: Date.parse('2025-01-01') },
      maxPoints: 10_000,
    });
    await host.teardown();
    const bars = closedBars(frame as OhlcvFrame, Date.now());
    const direct = await runBacktest({
      source: SMA_CROSSOVER,
      bars,
      params: { fast: 5, slow: 20 },
      config: { initialCash: 25_000 },
    });

    expect(stdout).toContain(`SMA crossover on SIM:AAPL 1d, 2024-01-01 to 2024-12-31 (${bars.time.length} bars)`);
    expect(stdout).toContain('params: fast=5 slow=20; initial cash 25,000');
    const rows = stdout.trim().split('\n').slice(3);
    expect(rows[0]).toMatch(/^metric +value$/);
    // Every value ends in the same column.
    expect(new Set(rows.map((row) => row.length)).size).toBe(1);
    const value = (label: string) =>
      rows
        .find((row) => row.startsWith(`${label}  `))
        ?.slice(label.length)
        .trim();
    expect(value('total return')).toBe(`${(direct.metrics.totalReturn * 100).toFixed(2)} %`);
    expect(value('Sharpe')).toBe(direct.metrics.sharpe?.toFixed(2));
    expect(value('trades')).toBe(String(direct.metrics.tradeCount));
    // The example sizes within its cash: the default cash account rejects none of its orders.
    expect(value('rejected orders')).toBe('0');
    expect(direct.rejectedOrders).toBe(0);
    expect(value('max drawdown')).toBe(`${(direct.metrics.maxDrawdown * 100).toFixed(2)} %`);
    expect(direct.metrics.tradeCount).toBeGreaterThan(2);
  });

  it('prints the whole result with --json', async () => {
    const { code, stdout } = await backtest(example, ...market, '--json');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ symbol: 'SIM:AAPL', timeframe: '1d', params: { fast: 10, slow: 30 } });
    expect(result.curve.equity).toHaveLength(result.bars);
  });

  it('trades in a margin account with --margin and names the option when its value is wrong', async () => {
    const margin = await backtest(example, ...market, '--margin', '2');
    expect(margin.code).toBe(0);
    expect(margin.stdout).toContain('; margin account, leverage 2');
    const json = JSON.parse((await backtest(example, ...market, '--margin', '2', '--json')).stdout);
    expect(json.config.account).toEqual({ type: 'margin', leverage: 2 });
    const cash = await backtest(example, ...market);
    expect(cash.stdout).toContain('; cash account');
    const word = await backtest(example, ...market, '--margin', 'lots');
    expect(word.code).toBe(1);
    expect(word.stderr).toContain("--margin: must be a leverage such as 2, got 'lots'");
    const huge = await backtest(example, ...market, '--margin', '1000');
    expect(huge.code).toBe(1);
    expect(huge.stderr).toMatch(/^nautilus: VALIDATION: .*leverage/);
  });

  it('reports a compile error at file:line:column and an unknown symbol, exiting 1', async () => {
    const broken = join(scratch, 'broken.ts');
    writeFileSync(broken, 'export default defineStrategy({\n  onBar(ctx) {\n    const x = ;\n  },\n});\n');
    const compile = await backtest(broken, ...market);
    expect(compile.code).toBe(1);
    expect(compile.stderr).toContain(`nautilus: ${broken} does not compile:\n${broken}:3:15: Unexpected ";"`);
    const unknown = await backtest(
      example,
      '--symbol',
      'SIM:NOPE',
      '--timeframe',
      '1d',
      '--from',
      '2024-01-01',
      '--to',
      '2025-01-01',
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^nautilus: VALIDATION: .*params\.symbol: must be one of "SIM:AAPL"/);
    const param = await backtest(example, ...market, '--param', 'fast=0');
    expect(param.stderr).toContain('params.fast: must be >= 1, got 0');
  });

  it('returns with a clear message and a non-zero exit when the strategy would hang the sandbox', async () => {
    const hanging = join(scratch, 'hanging.ts');
    writeFileSync(
      hanging,
      'export default defineStrategy({ onBar(ctx) {\n  if (ctx.barIndex === 3) Promise.reject(Object.create(Error.prototype, { message: { get() { for (;;) {} } } }));\n} });\n',
    );
    const started = performance.now();
    const { code, stderr } = await backtest(hanging, ...market);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/^nautilus: SANDBOX_TIMEOUT: The strategy ran longer than its 10000 ms limit/);
    // The default 10 s limit per batch, the watchdog's grace, and loading the plugins.
    expect(performance.now() - started).toBeLessThan(25_000);
  });
});

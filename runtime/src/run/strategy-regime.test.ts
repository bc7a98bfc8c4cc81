import { labelRegimes, REGIMES, syntheticSeries } from '@nautilus/regimes';
import { describe, expect, it } from 'vitest';
import { typeCheckStrategy } from '../compile/type-check-strategy.ts';
import { runBacktest } from '../index.ts';
import { dailyBars } from './test-bars.ts';

// A strategy reading ctx.regime bar by bar, in the isolate and on the host, sees exactly the causal
// labels @nautilus/regimes gives over the same closes: computed from the bars up to each one only.
const SOURCE = `
export default defineStrategy({
  name: 'Reads the regime',
  onBar(ctx) {
    if (ctx.barIndex < 250) return; // reading late must give the same answers as reading from the start
    const regime = ctx.regime;
    ctx.log(JSON.stringify(regime ? [regime.id, regime.probability, regime.probabilities[regime.id]] : null));
  },
});`;

describe('ctx.regime in strategies', () => {
  const { close } = syntheticSeries({ seed: 41, bars: 420 });
  const bars = dailyBars(close.length, (index) => close[Math.floor(index)]!);
  const labels = labelRegimes(bars.close);
  const expected = Array.from({ length: close.length - 250 }, (_, offset) => {
    const t = offset + 250;
    const label = labels.label[t]!;
    if (label < 0) return null;
    const probability = labels.probabilities[t * 6 + label]!;
    return [REGIMES[label]!.id, probability, probability];
  });

  for (const sandbox of [true, false]) {
    it(`matches the series' causal labels bar by bar, undefined before the first fit (${sandbox ? 'sandboxed' : 'host'})`, async () => {
      const result = await runBacktest({ source: SOURCE, bars, sandbox });
      const seen = result.logs.map((line) => JSON.parse(line.message) as unknown);
      expect(seen).toEqual(expected);
      expect(seen.filter((entry) => entry === null)).toHaveLength(labels.firstLabelled - 250);
      expect(seen.at(-1)).not.toBeNull();
    });
  }

  it('type-checks a strategy reading the regime, and refuses a trend the sdk does not name', async () => {
    const good = await typeCheckStrategy(
      "export default defineStrategy({ onBar(ctx) { const r = ctx.regime; if (r?.trend === 'up' && r.probabilities['up-low']! > 0.5) ctx.buy(1); } });\n",
    );
    expect(good.diagnostics).toEqual([]);
    const bad = await typeCheckStrategy(
      "export default defineStrategy({ onBar(ctx) { if (ctx.regime?.trend === 'upward') ctx.buy(1); } });\n",
    );
    expect(bad.diagnostics.map((diagnostic) => diagnostic.message).join('\n')).toMatch(/"upward"/);
  });
});

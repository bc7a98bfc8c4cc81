import { NautilusError, type StressScenario } from '@nautilus/sdk';

const DAY_MS = 86_400_000;

/** Scenarios a dashboard can pick by id; a historical window can also be given by dates. */
export const STRESS_PRESETS = ['equity-crash', 'fx-up', 'crypto-crash', 'historical'] as const;
export type StressPreset = (typeof STRESS_PRESETS)[number];

/**
 * The named scenarios. Equities are the sim-market's stock, ETF and index classes plus the equity
 * index future SIM:ES; 'fx-up' moves every FX pair's price up 5 %. 'historical' replays each
 * instrument's return over `from`–`to` (default: the 30 days before `asOf`).
 */
export function stressScenario(
  preset: StressPreset,
  window: { from?: string | undefined; to?: string | undefined; asOf: number },
): StressScenario {
  switch (preset) {
    case 'equity-crash':
      return {
        kind: 'hypothetical',
        name: 'Equities −20 %',
        byAssetClass: { stock: -0.2, etf: -0.2, index: -0.2 },
        bySymbol: { 'SIM:ES': -0.2 },
      };
    case 'fx-up':
      return { kind: 'hypothetical', name: 'FX +5 %', byAssetClass: { fx: 0.05 } };
    case 'crypto-crash':
      return { kind: 'hypothetical', name: 'Crypto −40 %', byAssetClass: { crypto: -0.4 } };
    case 'historical': {
      const to = window.to ? Date.parse(window.to) : window.asOf;
      const from = window.from ? Date.parse(window.from) : to - 30 * DAY_MS;
      if (!Number.isFinite(from) || !Number.isFinite(to) || from >= to) {
        throw NautilusError.validation('stress scenario', [
          { path: 'params.from', message: `expected a date before 'to' (YYYY-MM-DD), got '${window.from}' … '${window.to}'` },
        ]);
      }
      const day = (time: number) => new Date(time).toISOString().slice(0, 10);
      return { kind: 'historical', name: `Replay ${day(from)} → ${day(to)}`, from, to };
    }
  }
}

import type { StressPreset, StressScenarioInput } from '../risk/risk-api.ts';

/** The preset scenarios, as the server names them. */
export const STRESS_PRESETS: readonly { value: StressPreset; label: string }[] = [
  { value: 'equity-crash', label: 'Equities −20 %' },
  { value: 'fx-up', label: 'FX +5 %' },
  { value: 'crypto-crash', label: 'Crypto −40 %' },
  { value: 'historical', label: 'Replay of the last 30 days' },
];

/** Asset classes of the sim market that hypothetical shocks can target. */
export const ASSET_CLASSES = ['stock', 'etf', 'index', 'fx', 'crypto', 'future'] as const;

/** One custom shock: an instrument or an asset class moving by a percentage. */
export interface ShockDraft {
  key: string;
  target: 'symbol' | 'assetClass';
  name: string | null;
  percent: number | null;
}

/** Shocks are fractional moves above −100 % and below +1,000 %, as the server accepts them. */
export const SHOCK_PERCENT_RANGE = { min: -99.99, max: 999.99 } as const;

/**
 * The hypothetical scenario the shocks describe (a symbol's shock beats its class's on the server);
 * undefined while a row is incomplete or out of range, or when there is no row.
 * @example customScenario([{ key: 'a', target: 'assetClass', name: 'stock', percent: -30 }]) // { kind: 'hypothetical', name: 'Custom: stock −30 %', byAssetClass: { stock: -0.3 } }
 */
export function customScenario(shocks: readonly ShockDraft[]): StressScenarioInput | undefined {
  if (shocks.length === 0) return undefined;
  const bySymbol: Record<string, number> = {};
  const byAssetClass: Record<string, number> = {};
  for (const shock of shocks) {
    if (!shock.name || shock.percent === null) return undefined;
    if (shock.percent < SHOCK_PERCENT_RANGE.min || shock.percent > SHOCK_PERCENT_RANGE.max) return undefined;
    (shock.target === 'symbol' ? bySymbol : byAssetClass)[shock.name] = Number((shock.percent / 100).toPrecision(12));
  }
  const words = shocks.map(
    (shock) => `${shock.name} ${shock.percent! > 0 ? '+' : shock.percent! < 0 ? '−' : ''}${Math.abs(shock.percent!)} %`,
  );
  return {
    kind: 'hypothetical',
    name: `Custom: ${words.join(', ')}`.slice(0, 200),
    ...(Object.keys(bySymbol).length > 0 ? { bySymbol } : {}),
    ...(Object.keys(byAssetClass).length > 0 ? { byAssetClass } : {}),
  };
}

/** The trend axis of a regime. */
export const TRENDS = ['up', 'sideways', 'down'] as const;
export type Trend = (typeof TRENDS)[number];

/** The volatility axis of a regime. */
export const VOLATILITIES = ['high', 'low'] as const;
export type Volatility = (typeof VOLATILITIES)[number];

export interface Regime {
  /** `<trend>-<volatility>`, e.g. `up-low`. */
  id: string;
  trend: Trend;
  volatility: Volatility;
  /** What a legend shows. */
  name: string;
  /** Ribbon colour: green / grey / red for the trend, saturated when volatility is high. */
  colour: string;
}

const COLOURS: Record<Trend, Record<Volatility, string>> = {
  up: { high: '#16a34a', low: '#86efac' },
  sideways: { high: '#6b7280', low: '#d1d5db' },
  down: { high: '#dc2626', low: '#fca5a5' },
};

/** The six regimes, in the order every probability vector uses: high volatility first, then up, sideways, down. */
export const REGIMES: readonly Regime[] = VOLATILITIES.flatMap((volatility) =>
  TRENDS.map((trend) => ({
    id: `${trend}-${volatility}`,
    trend,
    volatility,
    name: `${trend[0]!.toUpperCase()}${trend.slice(1)} · ${volatility} vol`,
    colour: COLOURS[trend][volatility],
  })),
);

/** Index of the regime with these axes in `REGIMES`. */
export function regimeIndex(trend: Trend, volatility: Volatility): number {
  return VOLATILITIES.indexOf(volatility) * TRENDS.length + TRENDS.indexOf(trend);
}

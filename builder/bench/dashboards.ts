/** Dashboard documents the benchmark draws. */

const bars = (symbol: string, timeframe: string) => ({ dataSource: 'nautilus.sim-market/bars', params: { symbol, timeframe } });
const SYMBOLS = ['SIM:AAPL', 'SIM:MSFT', 'SIM:NVDA', 'SIM:SPY', 'SIM:QQQ', 'SIM:EURUSD', 'SIM:BTCUSD', 'SIM:ES'];

/** 24 panels on the 24-column grid: 8 candlestick charts, 4 line charts, 6 stat tiles, 4 tables, 2 text. */
export function mixedDashboard(): Record<string, unknown> {
  const kinds: [string, number, number, (index: number) => Record<string, unknown> | undefined][] = [
    ...Array.from({ length: 8 }, () => ['candlestick', 8, 8, (i: number) => bars(SYMBOLS[i % 8] as string, '1h')] as const),
    ...Array.from({ length: 4 }, () => ['line', 8, 8, (i: number) => bars(SYMBOLS[(i + 3) % 8] as string, '1d')] as const),
    ...Array.from({ length: 6 }, () => ['stat', 4, 4, (i: number) => bars(SYMBOLS[i % 8] as string, '1d')] as const),
    ...Array.from({ length: 4 }, () => ['table', 6, 8, (i: number) => bars(SYMBOLS[(i + 5) % 8] as string, '1d')] as const),
    ...Array.from({ length: 2 }, () => ['text', 12, 4, () => undefined] as const),
  ].map((entry) => [...entry] as [string, number, number, (index: number) => Record<string, unknown> | undefined]);
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  const panels = kinds.map(([kind, w, h, query], index) => {
    if (x + w > 24) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const panel = {
      id: `p${index}`,
      type: `nautilus.widgets-core/${kind}`,
      pluginVersion: '0.1.0',
      title: `${kind} ${index}`,
      gridPos: { x, y, w, h },
      options: kind === 'text' ? { markdown: '**Desk notes**: watch the open.' } : {},
      ...(query(index) ? { query: query(index) } : {}),
    };
    x += w;
    rowHeight = Math.max(rowHeight, h);
    return panel;
  });
  return {
    schemaVersion: 1,
    title: '24 panels',
    tags: [],
    variables: [],
    timeRange: { from: 'now-30d', to: 'now' },
    refresh: 'off',
    panels,
  };
}

/** One candlestick chart of 100,800 one-minute bars (70 days of a 24/7 market). */
export function hundredThousandBars(): Record<string, unknown> {
  return {
    schemaVersion: 1,
    title: '100k bars',
    tags: [],
    variables: [],
    timeRange: { from: '2025-01-01', to: '2025-03-12' },
    refresh: 'off',
    panels: [
      {
        id: 'big',
        type: 'nautilus.widgets-core/candlestick',
        pluginVersion: '0.1.0',
        title: 'SIM:BTCUSD 1m',
        gridPos: { x: 0, y: 0, w: 24, h: 20 },
        options: {},
        query: bars('SIM:BTCUSD', '1m'),
      },
    ],
  };
}

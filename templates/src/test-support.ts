import type { DashboardDocument } from '@nautilus/sdk';
import type { InstalledPlugin } from './installed-plugin.ts';

/** A dashboard of two panels on the simulated market, for tests. */
export function sampleDashboard(): DashboardDocument {
  return {
    schemaVersion: 1,
    title: 'Morning desk',
    description: 'Price and last close',
    tags: ['equities'],
    variables: [{ name: 'symbol', label: 'Instrument', type: 'instrument', default: 'SIM:AAPL' }],
    timeRange: { from: 'now-30d', to: 'now' },
    refresh: 'off',
    panels: [
      {
        id: 'price',
        type: 'nautilus.widgets-core/candlestick',
        pluginVersion: '0.1.0',
        title: 'Price',
        gridPos: { x: 0, y: 0, w: 16, h: 10 },
        query: { dataSource: 'nautilus.sim-market/bars', params: { symbol: '$symbol', timeframe: '1h' } },
        options: { smaEnabled: true },
      },
      {
        id: 'last',
        type: 'nautilus.widgets-core/stat',
        pluginVersion: '0.1.0',
        title: 'Last close',
        gridPos: { x: 16, y: 0, w: 8, h: 4 },
        query: { dataSource: 'nautilus.sim-market/bars', params: { symbol: '$symbol', timeframe: '1d' } },
        options: {},
      },
    ],
  };
}

const DIGEST = `sha256:${'a'.repeat(64)}`;

/** The first-party plugins as a server would list them. */
export function installedPlugins(): InstalledPlugin[] {
  return [
    {
      id: 'nautilus.sim-market',
      version: '0.1.0',
      state: 'active',
      digest: DIGEST,
      widgets: [],
      dataSources: [
        { id: 'bars', name: 'Simulated bars', frames: ['ohlcv'] },
        { id: 'instruments', name: 'Simulated instruments', frames: ['table'] },
      ],
    },
    {
      id: 'nautilus.core',
      version: '0.1.0',
      state: 'active',
      digest: null,
      widgets: [],
      dataSources: [{ id: 'bars', name: 'Bars', frames: ['ohlcv'] }],
    },
    {
      id: 'nautilus.widgets-core',
      version: '0.1.0',
      state: 'active',
      digest: `sha256:${'b'.repeat(64)}`,
      widgets: ['candlestick', 'stat', 'table', 'line', 'text'],
      dataSources: [],
    },
  ];
}

/** Keys of every object in reverse order: the same value, written differently. */
export function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([key, item]) => [key, reversedKeys(item)]),
    ) as T;
  }
  return value;
}

/** Only x.y.z and ^x.y.z (what the tests use), the way semver reads a caret on 0.x and 1+. */
export function caretSatisfies(version: string, range: string): boolean {
  if (range === '*') return true;
  const exact = /^(\d+)\.(\d+)\.(\d+)$/;
  const [, major, minor] = exact.exec(version) ?? [];
  const caret = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range);
  if (!caret) throw new Error(`unsupported range ${range}`);
  if (major !== caret[1]) return false;
  if (major === '0' && minor !== caret[2]) return false;
  return version.localeCompare(range.slice(1), undefined, { numeric: true }) >= 0;
}

import { type PluginManifest, TIMEFRAMES } from '@nautilus/sdk';

/** The kinds of plugin `nautilus plugins new` writes, one working example each. */
export const SCAFFOLD_KINDS = ['data-source', 'widget', 'risk-model', 'compute'] as const;
export type ScaffoldKind = (typeof SCAFFOLD_KINDS)[number];

/** What one kind adds to the common package: its manifest contributions, its files and its build. */
export interface KindTemplate {
  /** One sentence on what the example does: the manifest's description and the README's opening. */
  description: string;
  contributes: PluginManifest['contributes'];
  /** `src/index.ts`: the imports of the example and the `setup` member of `definePlugin`. */
  imports: string;
  setup: string;
  /** A browser bundle esbuild builds after tsc (widgets), and the source folder tsc leaves to it. */
  bundle?: { entry: string; outfile: string; sourceDir: string };
  /** The README's section on this kind. */
  readme: string;
}

const noServerCode =
  '  // Widgets run in the browser (dist/browser/widgets.js); the server side has nothing to run.\n  setup: () => ({}),';

export const KIND_TEMPLATES: Record<ScaffoldKind, KindTemplate> = {
  'data-source': {
    description: 'A data source of synthetic daily or intraday OHLCV bars.',
    contributes: {
      dataSources: [
        {
          id: 'bars',
          name: 'Synthetic bars',
          description: 'Made-up OHLCV bars that are the same for every query of the same time',
          frames: ['ohlcv'],
          querySchema: {
            type: 'object',
            required: ['symbol', 'timeframe'],
            additionalProperties: false,
            properties: {
              symbol: { type: 'string', title: 'Symbol', minLength: 1, maxLength: 32, default: 'DEMO' },
              timeframe: { type: 'string', title: 'Timeframe', enum: [...TIMEFRAMES], default: '1d', 'x-widget': 'timeframe' },
            },
          },
          connectionTest: { params: { symbol: 'DEMO', timeframe: '1d' } },
        },
      ],
    },
    imports: "import { bars } from './synthetic-bars.ts';",
    setup: [
      '  setup(ctx) {',
      "    ctx.logger.info('synthetic bars ready');",
      '    return { dataSources: { bars } };',
      '  },',
    ].join('\n'),
    readme: [
      '`src/synthetic-bars.ts` answers `query({ params, range, maxPoints }, signal)` with one OHLCV frame:',
      'bars inside the range only, at most `maxPoints` of them (the most recent), and it stops when',
      '`signal` aborts. Replace its body with calls to your provider through `ctx.fetch` (declare the host',
      'in `permissions.network`, any token in `permissions.secrets`, and pass the signal along).',
      "`test/plugin.test.ts` runs the sdk's contract test, `checkDataSourceContract`, which checks the",
      'same things the host does and throws an Error listing every failure.',
    ].join('\n'),
  },
  widget: {
    description: 'A tile showing the last value of a scalar or time series.',
    contributes: {
      widgets: [
        {
          id: 'last-value',
          name: 'Last value',
          description: 'The last value of a scalar or of the first series, with a label',
          accepts: ['scalar', 'timeseries'],
          defaultSize: { w: 6, h: 4 },
          optionsSchema: {
            type: 'object',
            additionalProperties: false,
            properties: {
              decimals: { type: 'integer', title: 'Decimals', minimum: 0, maximum: 8, default: 2 },
              label: { type: 'string', title: 'Label (empty: the series name)', maxLength: 100, default: '' },
            },
          },
          bundle: 'dist/browser/widgets.js',
        },
      ],
    },
    imports: '',
    setup: noServerCode,
    bundle: { entry: 'src/browser/widgets.ts', outfile: 'dist/browser/widgets.js', sourceDir: 'src/browser' },
    readme: [
      'The widget lives in the browser: `src/browser/widgets.ts` default-exports `defineWidgets({ … })`,',
      'and the build bundles it with the sdk and `@nautilus/widget-kit` (theme colours, number and money',
      'formatting, the widget root, the message overlay, a drawn instance that follows resizes) into',
      '`dist/browser/widgets.js`, the `bundle` the manifest names. The builder loads that file at run time',
      'and mounts the widget into each panel; the host refuses a plugin whose bundle file is missing.',
    ].join('\n'),
  },
  'risk-model': {
    description: 'A historical-simulation Value at Risk and Expected Shortfall model.',
    contributes: {
      riskModels: [
        {
          id: 'historical-var',
          name: 'Historical VaR',
          description: 'VaR and ES from past daily returns, with component VaR per position',
          measures: ['VaR', 'ES'],
        },
      ],
    },
    imports: "import { historicalVar } from './historical-var.ts';",
    setup: "  setup: () => ({ riskModels: { 'historical-var': historicalVar } }),",
    readme: [
      "`src/historical-var.ts` implements the sdk's `RiskModel.compute`: positions and their daily",
      'closes in, VaR and ES (positive amounts lost) with component VaRs that add up to the VaR out. Core',
      'calls it by reference, `<plugin id>/historical-var`; set `NAUTILUS_RISK_PLUGIN` to your plugin id',
      'for the risk pages to use your models.',
    ].join('\n'),
  },
  compute: {
    description: 'A compute kernel: a moving average over a column of numbers.',
    contributes: {
      computeKernels: [
        {
          id: 'moving-average',
          name: 'Moving average',
          description: 'Simple moving average over a window of values',
          inputs: { values: 'f64' },
          outputs: { averages: 'f64' },
        },
      ],
    },
    imports: "import { movingAverage } from './moving-average.ts';",
    setup: "  setup: () => ({ computeKernels: { 'moving-average': movingAverage } }),",
    readme: [
      "`src/moving-average.ts` is the kernel's CPU implementation in f64, which always exists; add a",
      '`webgpu` member (WGSL and the code that dispatches it) to run on the GPU the host owns. Any plugin',
      "calls it with `ctx.compute.run('<plugin id>/moving-average', { values }, { window })`.",
    ].join('\n'),
  },
};

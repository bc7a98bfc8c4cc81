import { DASHBOARD_SCHEMA_VERSION, type DashboardDocument, type Panel } from '@nautilus/sdk';

export const RISK_SOURCE = 'nautilus.core/risk';
export const RISK_WIDGETS_PLUGIN = 'nautilus.widgets-risk';
const CORE_WIDGETS_PLUGIN = 'nautilus.widgets-core';

/** The variable every panel of a risk dashboard reads its portfolio from. */
export const PORTFOLIO_VARIABLE = 'portfolio';

export interface RiskDashboardInput {
  /** The portfolio the dashboard opens on. */
  portfolio: { name: string };
  /** Every portfolio's name: the variable offers them all, so one dashboard serves each book. */
  portfolioNames: readonly string[];
  /** Installed plugin versions by plugin id (from widgets.list); panels record the version of their widget. */
  pluginVersions?: Readonly<Record<string, string>>;
  confidence?: number;
}

/**
 * A dashboard of one portfolio's risk on the 24-column grid: VaR/ES tile, correlation and risk
 * contribution heatmaps, limit bars, a stress waterfall and the VaR backtest, all reading the
 * portfolio from the `$portfolio` variable (by name, which the risk source accepts like an id).
 * @example riskDashboardDocument({ portfolio: { name: 'Core book' }, portfolioNames: ['Core book'] })
 */
export function riskDashboardDocument(input: RiskDashboardInput): DashboardDocument {
  const confidence = input.confidence ?? 0.99;
  const version = (pluginId: string) => input.pluginVersions?.[pluginId] ?? '0.1.0';
  const panel = (
    id: string,
    widget: string,
    title: string,
    gridPos: Panel['gridPos'],
    params: Record<string, unknown>,
    options: Record<string, unknown>,
  ): Panel => {
    const pluginId = widget.slice(0, widget.indexOf('/'));
    return {
      id,
      type: widget,
      pluginVersion: version(pluginId),
      title,
      gridPos,
      query: { dataSource: RISK_SOURCE, params: { portfolio: `$${PORTFOLIO_VARIABLE}`, ...params } },
      options,
    };
  };
  const risk = (widget: string) => `${RISK_WIDGETS_PLUGIN}/${widget}`;
  const percent = `${Number((confidence * 100).toPrecision(4))} %`;
  const names = [...new Set([input.portfolio.name, ...input.portfolioNames])].sort((a, b) => a.localeCompare(b));

  return {
    schemaVersion: DASHBOARD_SCHEMA_VERSION,
    title: `Risk: ${input.portfolio.name}`,
    description: `VaR, correlations, limits and stress of the portfolio chosen in $${PORTFOLIO_VARIABLE}.`,
    tags: ['risk'],
    variables: [{ name: PORTFOLIO_VARIABLE, label: 'Portfolio', type: 'custom', options: names, default: input.portfolio.name }],
    // The risk source computes as of the range's end; a year shows the whole 250-day backtest.
    timeRange: { from: 'now-1y', to: 'now' },
    refresh: 'off',
    panels: [
      panel(
        'var',
        risk('var-tile'),
        `VaR / ES (${percent}, 1 day)`,
        { x: 0, y: 0, w: 6, h: 8 },
        { view: 'var', confidence },
        {
          method: 'historical',
          currency: 'USD',
        },
      ),
      panel(
        'correlation',
        risk('risk-heatmap'),
        'Correlation',
        { x: 6, y: 0, w: 9, h: 8 },
        { view: 'correlation' },
        { scale: 'diverging', decimals: 2 },
      ),
      panel(
        'contribution',
        risk('risk-heatmap'),
        'Risk contribution',
        { x: 15, y: 0, w: 9, h: 8 },
        { view: 'contribution', method: 'historical', confidence },
        { scale: 'sequential', decimals: 2 },
      ),
      panel(
        'limits',
        risk('limit-bars'),
        'Limit utilisation',
        { x: 0, y: 8, w: 8, h: 8 },
        { view: 'limits' },
        {
          sort: 'utilisation',
          showOk: true,
        },
      ),
      panel(
        'stress',
        risk('pnl-waterfall'),
        'Stress: equities −20 %',
        { x: 8, y: 8, w: 16, h: 8 },
        { view: 'stress', scenario: 'equity-crash' },
        { sort: 'magnitude', currency: 'USD' },
      ),
      panel(
        'backtest',
        `${CORE_WIDGETS_PLUGIN}/line`,
        `VaR backtest (historical, ${percent}) vs daily P&L`,
        { x: 0, y: 16, w: 24, h: 8 },
        { view: 'backtest', method: 'historical', confidence, backtestWindow: 250 },
        { style: 'line', lineWidth: 2, showLegend: true, priceScale: 'normal' },
      ),
    ],
  };
}

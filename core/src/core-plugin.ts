import { definePlugin, type PluginDefinition, type TableFrame } from '@nautilus/sdk';
import type { Kysely } from 'kysely';
import { analyticsSource, analyticsSourceDescriptor } from './analytics/analytics-source.ts';
import { BarsService } from './bars/bars-service.ts';
import { barsSource, barsSourceDescriptor } from './bars/bars-source.ts';
import { regimesSource, regimesSourceDescriptor } from './bars/regimes-source.ts';
import type { Tables } from './db/tables.ts';
import type { PluginHost } from './plugins/plugin-host.ts';
import { limitUsage } from './risk/limit-usage.ts';
import type { Portfolio } from './risk/portfolio-store.ts';
import { RiskService } from './risk/risk-service.ts';
import { riskSource, riskSourceDescriptor } from './risk/risk-source.ts';
import { strategyResultsDescriptor, strategyResultsSource } from './strategies/strategy-results-source.ts';
import { uploadsSource, uploadsSourceDescriptor } from './uploads/uploads-source.ts';
import { CORE_VERSION } from './version.ts';

export const CORE_PLUGIN_ID = 'nautilus.core';

/**
 * The built-in data sources of core (Grafana-style): data that core owns (strategy results, portfolio
 * risk). They close over core's services and are loaded through the same PluginHost checks (manifest,
 * query schema, frame checks, timeouts) as any plugin.
 */
export function corePlugin(
  db: Kysely<Tables>,
  risk: RiskService,
  limitRows: (portfolio: Portfolio, asOf: number) => Promise<TableFrame>,
  bars: BarsService,
  host: PluginHost,
): PluginDefinition {
  return definePlugin({
    manifest: {
      id: CORE_PLUGIN_ID,
      name: 'Nautilus core',
      version: CORE_VERSION,
      engine: `^${CORE_VERSION}`,
      description:
        "Data that core owns: bars of any instrument through the providers' fallback chain and the bars cache, strategy runs' equity and trades, and the risk of stored portfolios.",
      permissions: { network: [], secrets: [] },
      contributes: {
        dataSources: [
          barsSourceDescriptor,
          uploadsSourceDescriptor,
          strategyResultsDescriptor,
          riskSourceDescriptor,
          regimesSourceDescriptor,
          analyticsSourceDescriptor,
        ],
      },
    },
    setup: () => ({
      dataSources: {
        bars: barsSource(bars),
        regimes: regimesSource(bars),
        uploads: uploadsSource(db),
        'strategy-results': strategyResultsSource(db),
        risk: riskSource(risk, limitRows),
        analytics: analyticsSource({ db, plugins: host }),
      },
    }),
  });
}

/** Loads core's built-in plugin into the host and returns the risk service its risk source uses. */
export async function loadCorePlugin(host: PluginHost, db: Kysely<Tables>): Promise<RiskService> {
  const risk = new RiskService(db, host);
  await host.loadDefinition(
    corePlugin(db, risk, (portfolio, asOf) => limitUsage(host, risk, portfolio, asOf), new BarsService(db, host), host),
    'core',
  );
  return risk;
}

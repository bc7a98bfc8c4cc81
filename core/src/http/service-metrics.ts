import { sql } from 'kysely';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Services } from '../api/context.ts';
import type { QueryErrorCounts } from '../db/database.ts';
import { DEPLOYMENT_STATUSES } from '../db/tables.ts';

/** How long a scrape waits for the database probe and the state counts before reporting it down. */
const PROBE_TIMEOUT_MS = 2_000;

/** What the service metrics read, at scrape time, beyond the services themselves. */
export interface ServiceMetricsSources {
  services: Pick<Services, 'db' | 'plugins' | 'backtests' | 'deployments'>;
  queryErrors: QueryErrorCounts;
}

/**
 * Metrics of the running services, registered once they exist: data source totals, rate-limit waits,
 * plugin restarts, bars cache use, backtests, deployments, sweeps and the database. Every one reads
 * state the services keep anyway (plain counters, queue lengths) when Prometheus scrapes.
 */
export function registerServiceMetrics(registry: Registry, { services, queryErrors }: ServiceMetricsSources): void {
  const { plugins, backtests, deployments, db } = services;
  counterFrom(registry, 'nautilus_data_source_requests_total', 'Data source calls since start, by source', ['source'], () =>
    plugins.health.totals().map((total) => [{ source: total.source }, total.calls]),
  );
  counterFrom(
    registry,
    'nautilus_data_source_errors_total',
    "Data source calls that failed since start, by source (a bad parameter or unknown symbol is the caller's fault and not counted)",
    ['source'],
    () => plugins.health.totals().map((total) => [{ source: total.source }, total.errors]),
  );
  const waits = () =>
    [...plugins.counters.rateLimitWaits].map(([key, value]) => [labelPair(key, 'plugin', 'host'), value] as const);
  counterFrom(
    registry,
    'nautilus_provider_rate_limit_waits_total',
    "Provider requests that waited for room in a plugin's rate-limit window, by plugin and host",
    ['plugin', 'host'],
    () => waits().map(([labels, value]) => [labels, value.count]),
  );
  counterFrom(
    registry,
    'nautilus_provider_rate_limit_wait_seconds_total',
    "Seconds provider requests spent waiting for room in a plugin's rate-limit window, by plugin and host",
    ['plugin', 'host'],
    () => waits().map(([labels, value]) => [labels, value.seconds]),
  );
  counterFrom(
    registry,
    'nautilus_provider_rate_limited_total',
    'Provider requests refused at once (RATE_LIMITED) because the window had no room before their deadline, by plugin and host',
    ['plugin', 'host'],
    () => [...plugins.counters.rateLimitRefusals].map(([key, count]) => [labelPair(key, 'plugin', 'host'), count]),
  );
  counterFrom(
    registry,
    'nautilus_bars_cache_requests_total',
    'Stretches of bars answered from the bars cache (hit) or fetched from a source (miss; source "none" when every source failed), by source',
    ['source', 'outcome'],
    () => [...plugins.counters.barsCache].map(([key, count]) => [labelPair(key, 'source', 'outcome'), count]),
  );
  counterFrom(
    registry,
    'nautilus_plugin_restarts_total',
    "Times an isolated plugin's process stopped and was restarted (or, after repeated failures, left stopped), by plugin and reason (memory, timeout, hang, heartbeat, killed, exit)",
    ['plugin', 'reason'],
    () => [...plugins.counters.restarts].map(([key, count]) => [labelPair(key, 'plugin', 'reason'), count]),
  );
  new Gauge({
    name: 'nautilus_backtests',
    help: 'Backtests of this instance by state: queued (waiting for a slot) or running',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const load = backtests.load();
      this.set({ state: 'queued' }, load.queued);
      this.set({ state: 'running' }, load.running);
    },
  });
  new Gauge({
    name: 'nautilus_deployment_last_bar_processed_timestamp_seconds',
    help: 'When each deployment running on this instance last processed a bar, in Unix seconds (its start until the first bar); a stuck deployment stops advancing',
    labelNames: ['deployment'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const deployment of deployments.progressHere())
        this.set({ deployment: deployment.id }, deployment.lastBarProcessedAt / 1000);
    },
  });
  counterFrom(
    registry,
    'nautilus_db_query_errors_total',
    'Database queries that failed, by kind: constraint (a unique or check violation, often an expected conflict) or other',
    ['kind'],
    () => [
      [{ kind: 'constraint' }, queryErrors.constraint],
      [{ kind: 'other' }, queryErrors.other],
    ],
  );
  // One probe per scrape answers both: the database is up if the state counts came back in time.
  let probe: Promise<Counts | undefined> | undefined;
  const counts = () => {
    probe ??= countStates(db).finally(() => {
      setTimeout(() => {
        probe = undefined;
      }, 1_000).unref();
    });
    return probe;
  };
  new Gauge({
    name: 'nautilus_database_up',
    help: `1 when the database answered a probe at scrape time within ${PROBE_TIMEOUT_MS / 1000} s, else 0`,
    registers: [registry],
    async collect() {
      this.set((await counts()) ? 1 : 0);
    },
  });
  new Gauge({
    name: 'nautilus_deployments',
    help: 'Deployments of every instance by status (running, stopped, failed), counted in the database',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const result = await counts();
      if (!result) return;
      for (const status of DEPLOYMENT_STATUSES) this.set({ status }, result.deployments.get(status) ?? 0);
    },
  });
  new Gauge({
    name: 'nautilus_sweeps',
    help: 'Parameter sweeps of every instance by status (running, done, cancelled), counted in the database',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const result = await counts();
      if (!result) return;
      for (const status of ['running', 'done', 'cancelled']) this.set({ status }, result.sweeps.get(status) ?? 0);
    },
  });
}

interface Counts {
  deployments: Map<string, number>;
  sweeps: Map<string, number>;
}

/** Deployments and sweeps by status; undefined when the database did not answer within the timeout. */
async function countStates(db: Services['db']): Promise<Counts | undefined> {
  const query = async (): Promise<Counts> => {
    const rows = await sql<{ kind: string; status: string; count: string | number }>`
      select 'deployments' as kind, status, count(*) as count from deployments group by status
      union all
      select 'sweeps' as kind, status, count(*) as count from sweeps group by status`.execute(db);
    const result: Counts = { deployments: new Map(), sweeps: new Map() };
    for (const row of rows.rows) result[row.kind as keyof Counts].set(row.status, Number(row.count));
    return result;
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), PROBE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([query().catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The two labels a counter key `first|second` holds (the second part never contains `|`). */
function labelPair<A extends string, B extends string>(key: string, first: A, second: B): Record<A | B, string> {
  const at = key.lastIndexOf('|');
  return { [first]: key.slice(0, at), [second]: key.slice(at + 1) } as Record<A | B, string>;
}

/** A counter whose values are read from running totals at scrape time. */
function counterFrom<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: readonly L[],
  read: () => (readonly [Partial<Record<L, string>>, number])[],
): void {
  new Counter({
    name,
    help,
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const [labels, value] of read()) if (value > 0) this.inc(labels, value);
    },
  });
}

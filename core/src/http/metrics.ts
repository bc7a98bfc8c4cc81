import { LIVE_CLOSE } from '@nautilus/sdk';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { LiveStats } from '../live/live-stats.ts';
import type { PluginHost } from '../plugins/plugin-host.ts';

export interface Metrics {
  registry: Registry;
  procedureDuration: Histogram<'procedure' | 'type' | 'outcome'>;
  /** Passwords checked (argon2 runs) by logins, by outcome: what the login limits bound. */
  passwordChecks: Counter<'outcome'>;
  /** HTTP requests by method, route pattern and status class (see http-metrics.ts). */
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
}

/**
 * Prometheus metrics of one server (its own registry, so several servers in one process, as in
 * tests, do not collide): procedure latency, plugin states, database pool, and Node's defaults.
 */
export function createMetrics(
  plugins: () => PluginHost | undefined,
  poolStats: () => { total: number; idle: number; waiting: number },
  live: () => LiveStats | undefined = () => undefined,
): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'nautilus_' });
  const procedureDuration = new Histogram({
    name: 'nautilus_procedure_duration_seconds',
    help: 'Latency of tRPC procedures, by procedure and outcome (ok or error code)',
    labelNames: ['procedure', 'type', 'outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'nautilus_plugin_state',
    help: 'One per plugin and state; 1 for the state the plugin is in',
    labelNames: ['plugin', 'state'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const plugin of plugins()?.list() ?? []) {
        for (const state of ['active', 'failed'] as const) this.set({ plugin: plugin.id, state }, plugin.state === state ? 1 : 0);
      }
    },
  });
  new Gauge({
    name: 'nautilus_db_pool_connections',
    help: 'Database connections by state (total, idle, waiting clients)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const stats = poolStats();
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
    },
  });
  const health = () => plugins()?.health.all() ?? [];
  new Gauge({
    name: 'nautilus_data_source_calls',
    help: 'Data source calls in the last 15 minutes, by source and outcome (ok or error)',
    labelNames: ['source', 'outcome'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const report of health()) {
        this.set({ source: report.source, outcome: 'ok' }, report.calls - report.errors);
        this.set({ source: report.source, outcome: 'error' }, report.errors);
      }
    },
  });
  new Gauge({
    name: 'nautilus_data_source_latency_seconds',
    help: 'Data source call latency over its last 200 calls, by source and quantile (0.5, 0.95)',
    labelNames: ['source', 'quantile'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const report of health()) {
        if (report.latencyP50Ms !== null) this.set({ source: report.source, quantile: '0.5' }, report.latencyP50Ms / 1000);
        if (report.latencyP95Ms !== null) this.set({ source: report.source, quantile: '0.95' }, report.latencyP95Ms / 1000);
      }
    },
  });
  new Gauge({
    name: 'nautilus_data_source_circuit_open',
    help: '1 while a failing data source is skipped by the bars chain (its circuit is open), else 0',
    labelNames: ['source'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const report of health()) this.set({ source: report.source }, report.circuit === 'closed' ? 0 : 1);
    },
  });
  new Gauge({
    name: 'nautilus_data_source_last_success_timestamp_seconds',
    help: 'When each data source last answered, in Unix seconds',
    labelNames: ['source'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const report of health())
        if (report.lastSuccessAt !== null) this.set({ source: report.source }, report.lastSuccessAt / 1000);
    },
  });
  registerLiveMetrics(registry, live);
  const passwordChecks = new Counter({
    name: 'nautilus_password_checks_total',
    help: 'Passwords checked (argon2 runs) by logins, by outcome (ok or failed)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const httpLabels = ['method', 'route', 'status'] as const;
  const httpRequests = new Counter({
    name: 'nautilus_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern (never the raw path) and status class (2xx, 4xx, 5xx)',
    labelNames: httpLabels,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'nautilus_http_request_duration_seconds',
    help: 'Time to answer an HTTP request (until the response is handed over), by method, route pattern and status class',
    labelNames: httpLabels,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return { registry, procedureDuration, passwordChecks, httpRequests, httpDuration };
}

/** The live hub's gauges and counters, read from its plain counters at scrape time (the hot path only increments numbers). */
function registerLiveMetrics(registry: Registry, live: () => LiveStats | undefined): void {
  const gauges = [
    ['nautilus_live_connections', 'Open live WebSocket connections', 'connections'],
    ['nautilus_live_subscriptions', 'Live subscriptions held by those connections', 'subscriptions'],
    ['nautilus_live_channels', 'Live channels this instance listens to on the bus', 'channels'],
  ] as const;
  for (const [name, help, field] of gauges) {
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(live()?.[field] ?? 0);
      },
    });
  }
  const counters = [
    ['nautilus_live_messages_sent_total', 'Live messages written to sockets', 'messagesSent'],
    ['nautilus_live_frames_sent_total', 'Live frames written (a frame batches one event-loop turn of messages)', 'framesSent'],
    ['nautilus_live_conflated_total', 'Latest-value messages replaced or merged in a slow connection queue', 'conflated'],
    [
      'nautilus_live_slow_consumer_closes_total',
      'Live connections closed for staying over their outgoing bound (4008)',
      'slowConsumerCloses',
    ],
    ['nautilus_live_resyncs_total', 'Resyncs sent to live subscribers', 'resyncs'],
    ['nautilus_live_refused_total', 'Live upgrades refused (unauthenticated or over capacity)', 'refused'],
  ] as const;
  for (const [name, help, field] of counters) {
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(live()?.[field] ?? 0);
      },
    });
  }
  new Counter({
    name: 'nautilus_live_disconnects_total',
    help: 'Live WebSocket connections closed, by close code (1000 normal, 1001 going away, 1006 dropped, 4xxx Nautilus codes; other codes as "other")',
    labelNames: ['code'] as const,
    registers: [registry],
    collect() {
      this.reset();
      const byCode = new Map<string, number>();
      for (const [code, count] of live()?.closes ?? []) {
        const label = KNOWN_CLOSE_CODES.has(code) ? String(code) : 'other';
        byCode.set(label, (byCode.get(label) ?? 0) + count);
      }
      for (const [code, count] of byCode) this.inc({ code }, count);
    },
  });
}

/** Close codes reported by number; any other (a client may send any 4xxx) is counted as "other". */
const KNOWN_CLOSE_CODES = new Set([
  1000,
  1001,
  1005,
  1006,
  1008,
  1009,
  1011,
  ...Object.values(LIVE_CLOSE as Record<string, number>),
]);

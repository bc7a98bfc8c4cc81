import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { PluginHost } from '../plugins/plugin-host.ts';

export interface Metrics {
  registry: Registry;
  procedureDuration: Histogram<'procedure' | 'type' | 'outcome'>;
  /** Passwords checked (argon2 runs) by logins, by outcome: what the login limits bound. */
  passwordChecks: Counter<'outcome'>;
}

/**
 * Prometheus metrics of one server (its own registry, so several servers in one process, as in
 * tests, do not collide): procedure latency, plugin states, database pool, and Node's defaults.
 */
export function createMetrics(
  plugins: () => PluginHost | undefined,
  poolStats: () => { total: number; idle: number; waiting: number },
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
  const passwordChecks = new Counter({
    name: 'nautilus_password_checks_total',
    help: 'Passwords checked (argon2 runs) by logins, by outcome (ok or failed)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  return { registry, procedureDuration, passwordChecks };
}

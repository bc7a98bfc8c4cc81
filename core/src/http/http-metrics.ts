import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Metrics } from './metrics.ts';

/** `2xx`, `4xx`, …: the label requests are counted by (a status code per route would multiply series for little). */
export function statusClass(status: number): string {
  return status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : 'other';
}

/**
 * Counts and times every request by method, route pattern (`/plugins/:pluginId/*`, never the raw
 * path, so ids do not become series) and status class. Registered first, so it times the whole answer.
 */
export function httpMetrics(metrics: Pick<Metrics, 'httpRequests' | 'httpDuration'>): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const labels = { method: methodLabel(c.req.method), route: routePath(c) || 'unmatched', status: statusClass(c.res.status) };
      metrics.httpRequests.inc(labels);
      metrics.httpDuration.observe(labels, (performance.now() - started) / 1000);
    }
  };
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Methods outside the usual ones (any token is a valid method) share one label. */
function methodLabel(method: string): string {
  return METHODS.has(method) ? method : 'OTHER';
}

import { isNautilusError } from '@nautilus/sdk';

/** How a data source has been doing, as the Data sources page and `/metrics` show it. */
export interface SourceHealthReport {
  source: string;
  lastSuccessAt: number | null;
  lastErrorAt: number | null;
  lastError: string | null;
  /** Calls and failures in the last 15 minutes. */
  calls: number;
  errors: number;
  errorRate: number;
  /** Over the last 200 calls. */
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  /** closed: used; open: skipped until `retryAt`; half-open: the next call is a probe. */
  circuit: 'closed' | 'open' | 'half-open';
  retryAt: number | null;
}

/** Consecutive failures that open a source's circuit. */
const TRIP_AFTER = 3;
const FIRST_COOLDOWN_MS = 30_000;
const MAX_COOLDOWN_MS = 5 * 60_000;
const WINDOW_MS = 15 * 60_000;
const LATENCIES = 200;

interface Record_ {
  lastSuccessAt: number | null;
  lastErrorAt: number | null;
  lastError: string | null;
  /** [time, failed] of recent calls, oldest first. */
  recent: [number, boolean][];
  latencies: number[];
  consecutiveFailures: number;
  openUntil: number | null;
  cooldownMs: number;
  probing: boolean;
  /** Every call and failure since start (for the /metrics counters). */
  totalCalls: number;
  totalErrors: number;
}

/**
 * Errors that say the request was wrong, not that the source is failing: a bad parameter, a symbol
 * the source does not have. They neither count as errors nor trip the circuit.
 */
export function isCallersFault(error: unknown): boolean {
  return isNautilusError(error) && (error.code === 'VALIDATION' || error.code === 'NOT_FOUND');
}

/**
 * Health per data source (`plugin/source`) and a circuit breaker: after 3 failures in a row a source
 * is skipped for 30 s, then one call probes it; a failed probe doubles the wait (up to 5 minutes), a
 * good one closes the circuit.
 */
export class SourceHealth {
  readonly #sources = new Map<string, Record_>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  #get(source: string): Record_ {
    let record = this.#sources.get(source);
    if (!record) {
      record = {
        lastSuccessAt: null,
        lastErrorAt: null,
        lastError: null,
        recent: [],
        latencies: [],
        consecutiveFailures: 0,
        openUntil: null,
        cooldownMs: FIRST_COOLDOWN_MS,
        probing: false,
        totalCalls: 0,
        totalErrors: 0,
      };
      this.#sources.set(source, record);
    }
    return record;
  }

  /** True when `source` may be called now: its circuit is closed, or this call is its probe. */
  allow(source: string): boolean {
    const record = this.#sources.get(source);
    if (!record || record.openUntil === null) return true;
    if (this.#now() < record.openUntil || record.probing) return false;
    record.probing = true;
    return true;
  }

  /** When a skipped source will be tried again (epoch ms), or undefined when it is not skipped. */
  retryAt(source: string): number | undefined {
    return this.#sources.get(source)?.openUntil ?? undefined;
  }

  succeeded(source: string, latencyMs: number): void {
    const record = this.#get(source);
    const now = this.#now();
    record.lastSuccessAt = now;
    this.#sample(record, now, false, latencyMs);
    record.consecutiveFailures = 0;
    record.openUntil = null;
    record.cooldownMs = FIRST_COOLDOWN_MS;
    record.probing = false;
  }

  failed(source: string, error: unknown, latencyMs: number): void {
    if (isCallersFault(error)) {
      this.succeeded(source, latencyMs);
      return;
    }
    const record = this.#get(source);
    const now = this.#now();
    record.lastErrorAt = now;
    record.lastError = error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500);
    this.#sample(record, now, true, latencyMs);
    record.consecutiveFailures++;
    if (record.probing) {
      record.cooldownMs = Math.min(MAX_COOLDOWN_MS, record.cooldownMs * 2);
      record.openUntil = now + record.cooldownMs;
      record.probing = false;
    } else if (record.consecutiveFailures >= TRIP_AFTER && record.openUntil === null) {
      record.openUntil = now + record.cooldownMs;
    }
  }

  #sample(record: Record_, now: number, failed: boolean, latencyMs: number): void {
    record.totalCalls++;
    if (failed) record.totalErrors++;
    record.recent.push([now, failed]);
    while (record.recent.length > 0 && (record.recent[0] as [number, boolean])[0] < now - WINDOW_MS) record.recent.shift();
    if (record.recent.length > 10_000) record.recent.shift();
    record.latencies.push(latencyMs);
    if (record.latencies.length > LATENCIES) record.latencies.shift();
  }

  report(source: string): SourceHealthReport {
    const record = this.#get(source);
    const now = this.#now();
    const recent = record.recent.filter(([time]) => time >= now - WINDOW_MS);
    const errors = recent.filter(([, failed]) => failed).length;
    const sorted = [...record.latencies].sort((a, b) => a - b);
    const quantile = (q: number) =>
      sorted.length === 0 ? null : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number);
    const circuit = record.openUntil === null ? 'closed' : now < record.openUntil && !record.probing ? 'open' : 'half-open';
    return {
      source,
      lastSuccessAt: record.lastSuccessAt,
      lastErrorAt: record.lastErrorAt,
      lastError: record.lastError,
      calls: recent.length,
      errors,
      errorRate: recent.length === 0 ? 0 : errors / recent.length,
      latencyP50Ms: quantile(0.5),
      latencyP95Ms: quantile(0.95),
      circuit,
      retryAt: record.openUntil,
    };
  }

  /** Calls and failures of every source since start (callers' faults count as calls, not failures). */
  totals(): { source: string; calls: number; errors: number }[] {
    return [...this.#sources].map(([source, record]) => ({ source, calls: record.totalCalls, errors: record.totalErrors }));
  }

  /** Reports of every source called so far. */
  all(): SourceHealthReport[] {
    return [...this.#sources.keys()].sort().map((source) => this.report(source));
  }
}

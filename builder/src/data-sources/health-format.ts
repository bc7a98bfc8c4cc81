import type { HealthReport } from './useProviders.ts';

/** One line a trader can read: state, when it last worked, how often it fails and how fast it is. */
export function healthSummary(report: HealthReport, now: number): string {
  if (report.calls === 0 && report.lastSuccessAt === null && report.lastErrorAt === null) return 'not used yet';
  const parts: string[] = [];
  if (report.lastSuccessAt !== null) parts.push(`last answer ${ago(report.lastSuccessAt, now)}`);
  if (report.calls > 0) parts.push(`${Math.round(report.errorRate * 100)}% errors of ${report.calls} calls (15 min)`);
  if (report.latencyP50Ms !== null && report.latencyP95Ms !== null)
    parts.push(`p50 ${Math.round(report.latencyP50Ms)} ms · p95 ${Math.round(report.latencyP95Ms)} ms`);
  return parts.join(' · ');
}

/** The circuit's state as a tag: green working, orange probing, red skipped until a time. */
export function circuitTag(report: HealthReport, now: number): { color: string; text: string } {
  if (report.circuit === 'open' && report.retryAt !== null)
    return { color: 'red', text: `skipped, retried in ${Math.max(1, Math.ceil((report.retryAt - now) / 1000))} s` };
  if (report.circuit === 'half-open') return { color: 'orange', text: 'probing' };
  if (report.lastErrorAt !== null && (report.lastSuccessAt === null || report.lastErrorAt > report.lastSuccessAt))
    return { color: 'orange', text: 'failing' };
  if (report.lastSuccessAt !== null) return { color: 'green', text: 'working' };
  return { color: 'default', text: 'idle' };
}

export function ago(time: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - time) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  return `${Math.round(seconds / 3600)} h ago`;
}

/** A manifest's rate limit in words: "5 per minute", "25 per day", "2 per second". */
export function describeLimit(limit: { requests: number; perSeconds: number }): string {
  const unit =
    limit.perSeconds === 1
      ? 'second'
      : limit.perSeconds === 60
        ? 'minute'
        : limit.perSeconds === 3600
          ? 'hour'
          : limit.perSeconds === 86_400
            ? 'day'
            : `${limit.perSeconds} s`;
  return `${limit.requests} per ${unit}`;
}

/** `75/60, 500/86400` as rate-limit rules; [] for nothing; undefined when it does not read. */
export function parseQuota(text: string): { requests: number; perSeconds: number }[] | undefined {
  const parts = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const rules = parts.map((part) => /^(\d+)\s*\/\s*(\d+(\.\d+)?)$/.exec(part));
  if (rules.some((match) => match === null)) return undefined;
  return rules.map((match) => ({ requests: Number(match?.[1]), perSeconds: Number(match?.[2]) }));
}

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type ServerProcess, startServerProcess } from '../src/testing/server-process.ts';

// The Grafana dashboard and Prometheus rules in deploy/ are checked against a real server: every
// metric their PromQL names must be one /metrics serves, so a renamed metric cannot leave a dead panel.

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');
// Parsed JSON and YAML, walked field by field and asserted on.
type Doc = any;

const dashboard: Doc = JSON.parse(read('deploy/grafana/nautilus-dashboard.json'));
const alerts: Doc = parse(read('deploy/prometheus/alerts.yml'));
const scrapeConfig: Doc = parse(read('deploy/prometheus/prometheus.yml'));

/** Series Prometheus makes itself, not served by /metrics. */
const PROMETHEUS_SERIES = new Set(['up']);
const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'inf',
  'nan',
]);

/**
 * The metric names a PromQL expression selects: identifiers that are not a function (followed by
 * `(`), a keyword, a label inside `{…}` or a grouping clause, a string, a range or part of a number.
 */
export function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, '{}')
    .replace(/\[[^\]]*\]/g, '[]')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const match of bare.matchAll(/(?<![\w.$])[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const name = match[0];
    const after = bare.slice(match.index + name.length).trimStart();
    if (after.startsWith('(') || KEYWORDS.has(name.toLowerCase())) continue;
    names.add(name);
  }
  return [...names];
}

function dashboardExpressions(): string[] {
  const panels: Doc[] = dashboard.panels.flatMap((panel: Doc) => [panel, ...(panel.panels ?? [])]);
  return panels.flatMap((panel) => (panel.targets ?? []).map((target: Doc) => String(target.expr)));
}

const rules = (): Doc[] => alerts.groups.flatMap((group: Doc) => group.rules);

describe('metricNames', () => {
  it('finds the selected metrics and nothing else', () => {
    expect(
      metricNames(
        'histogram_quantile(0.99, sum by (le, route) (rate(a_bucket{job=~"$job", x="y{z}"}[$__rate_interval]))) / clamp_min(b_total, 1e-9) > 2 and on(instance) c',
      ).sort(),
    ).toEqual(['a_bucket', 'b_total', 'c']);
    expect(metricNames('time() - max by (deployment) (d_seconds) > 3600')).toEqual(['d_seconds']);
  });
});

describe('deploy/grafana and deploy/prometheus', () => {
  it('every alert rule has alert, expr, for, a severity and a summary', () => {
    expect(rules().length).toBeGreaterThanOrEqual(7);
    for (const rule of rules()) {
      expect(typeof rule.alert, JSON.stringify(rule)).toBe('string');
      expect(typeof rule.expr, rule.alert).toBe('string');
      expect(String(rule.for), rule.alert).toMatch(/^\d+[smh]$/);
      expect(['critical', 'warning', 'info'], rule.alert).toContain(rule.labels?.severity);
      expect(typeof rule.annotations?.summary, rule.alert).toBe('string');
    }
    const names = rules().map((rule) => rule.alert);
    for (const wanted of [
      'NautilusHighErrorRatio',
      'NautilusHighLatencyP99',
      'NautilusDataSourceFailing',
      'NautilusDeploymentStuck',
      'NautilusPluginRestarting',
      'NautilusDatabaseUnreachable',
      'NautilusEventLoopLag',
    ])
      expect(names).toContain(wanted);
  });

  it('the dashboard has unique panel ids and a Prometheus data source variable', () => {
    const ids = dashboard.panels.map((panel: Doc) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(dashboard.templating.list.find((variable: Doc) => variable.type === 'datasource')?.query).toBe('prometheus');
    expect(dashboardExpressions().length).toBeGreaterThan(20);
  });

  it('the scrape example reads /metrics with an API key file and loads the rules', () => {
    const job = scrapeConfig.scrape_configs.find((config: Doc) => config.job_name === 'nautilus');
    expect(job.metrics_path).toBe('/metrics');
    expect(job.bearer_token_file).toMatch(/^\//);
    expect(scrapeConfig.rule_files).toContain('alerts.yml');
  });
});

describe('the metrics the dashboard and alerts use, against a running server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nautilus-observability-'));
  const password = 'observability admin password 42';
  let server: ServerProcess;
  let apiKey: string;
  let exposition: string;

  const trpc = (path: string, init: RequestInit = {}) => fetch(`${server.url}/trpc/${path}`, init);

  beforeAll(async () => {
    // Start-up migrates a fresh embedded database, slow on a busy machine.
    server = await startServerProcess({ NAUTILUS_DATA_DIR: dataDir, NAUTILUS_ADMIN_PASSWORD: password });
    const login = await trpc('auth.login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const created = await trpc('apiKeys.create', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ name: 'prometheus' }),
    });
    apiKey = ((await created.json()) as Doc).result.data.key;
    // Traffic for the HTTP metrics: a plugin asset by id (its pattern must be the label, never the id), health.
    await (await fetch(`${server.url}/plugins/some-plugin-id-123/widget.js`, { headers: { cookie } })).body?.cancel();
    await (await fetch(`${server.url}/healthz`)).body?.cancel();
    const scrape = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${apiKey}` } });
    expect(scrape.status).toBe(200);
    exposition = await scrape.text();
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** True when /metrics declares `name`, or `name` is a histogram's `_bucket`, `_sum` or `_count` series. */
  const served = (name: string) => {
    if (exposition.includes(`\n# TYPE ${name} `)) return true;
    const base = /^(.*)_(?:bucket|sum|count)$/.exec(name)?.[1];
    return base !== undefined && exposition.includes(`\n# TYPE ${base} histogram`);
  };

  it('serves, with HELP and TYPE, every metric a dashboard panel or alert rule uses', () => {
    const used = new Set([...dashboardExpressions(), ...rules().map((rule) => String(rule.expr))].flatMap(metricNames));
    expect(used.size).toBeGreaterThan(25);
    const missing = [...used].filter((name) => !PROMETHEUS_SERIES.has(name) && !served(name));
    expect(missing).toEqual([]);
    for (const name of used) {
      if (PROMETHEUS_SERIES.has(name) || !exposition.includes(`# TYPE ${name} `)) continue;
      expect(exposition, name).toContain(`# HELP ${name} `);
    }
  });

  it('labels HTTP requests by route pattern and status class, never by a raw path', () => {
    expect(exposition).toMatch(/nautilus_http_requests_total\{method="GET",route="\/plugins\/:pluginId\/\*",status="[24]xx"\} 1/);
    expect(exposition).toMatch(/nautilus_http_requests_total\{method="POST",route="\/trpc\/\*",status="2xx"\} \d+/);
    expect(exposition).not.toContain('some-plugin-id-123');
    expect(exposition).toMatch(
      /nautilus_http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/healthz",status="2xx"\}/,
    );
  });

  it('reports the database up and the deployment counts from it', () => {
    expect(exposition).toMatch(/^nautilus_database_up 1$/m);
    expect(exposition).toMatch(/^nautilus_deployments\{status="running"\} 0$/m);
    expect(exposition).toMatch(/^nautilus_backtests\{state="queued"\} 0$/m);
  });

  it('still refuses /metrics without an API key or session', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
  });

  it('echoes a valid x-request-id in the header and the tRPC error body, and logs with it', async () => {
    const response = await trpc('dashboards.get?input=%7B%22id%22%3A%22nope%22%7D', {
      headers: { authorization: `Bearer ${apiKey}`, 'x-request-id': 'obs-test.request_1' },
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.headers.get('x-request-id')).toBe('obs-test.request_1');
    const body = (await response.json()) as Doc;
    expect(body.error.data.nautilus.requestId).toBe('obs-test.request_1');
  });

  it('replaces an invalid x-request-id with a generated one, in the header and the body alike', async () => {
    const response = await trpc('auth.me', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(response.status).toBe(401);
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(((await response.json()) as Doc).error.data.nautilus.requestId).toBe(id);
  });
});

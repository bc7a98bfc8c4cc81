import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { loadConfig } from '../src/config.ts';

// The deployment files (Dockerfile, docker-compose.yml, deploy/) checked without Docker or a cluster:
// every Kubernetes object against the API schemas shipped in `kubernetes-models`, the references
// between objects (which those schemas cannot see), and the compose file's structure.

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8');

// Parsed YAML, walked field by field and asserted on.
type Doc = any;

/** The models of the kinds deploy/k8s uses, by `apiVersion/kind`; another kind fails the test until added here. */
const MODELS: Record<string, new (data: Doc) => { validate(): void }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'networking.k8s.io/v1/Ingress': Ingress,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

/** Validates an object against its kind's schema in `kubernetes-models`; throws naming the bad field. */
async function validateObject(object: Doc): Promise<void> {
  const Model = MODELS[`${object.apiVersion}/${object.kind}`];
  if (!Model) throw new Error(`no model for ${object.apiVersion} ${object.kind}`);
  new Model(object).validate();
}

/** The `KEY=value` lines of an env file, comments and blank lines left out. */
function envFile(text: string): Record<string, string> {
  const entries = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const);
  return Object.fromEntries(entries);
}

/** What `kubectl apply -k deploy/k8s` would send: the listed resources plus the generated Secret. */
function renderKustomization(secretsEnv: string): Doc[] {
  const kustomization = parse(read('deploy/k8s/kustomization.yaml'));
  const objects: Doc[] = [];
  for (const file of kustomization.resources as string[]) {
    for (const document of parseAllDocuments(read(`deploy/k8s/${file}`))) {
      expect(document.errors, file).toEqual([]);
      objects.push(document.toJS());
    }
  }
  for (const generator of kustomization.secretGenerator as Doc[]) {
    expect(generator.envs).toEqual(['secrets.env']);
    objects.push({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: generator.name },
      type: 'Opaque',
      stringData: envFile(secretsEnv),
    });
  }
  return objects;
}

/** Docker Compose's interpolation: `${VAR:?message}` fails when VAR is unset or empty, `${VAR:-default}`, `${VAR}`, `$$`. */
function interpolate(text: string, env: Record<string, string>): string {
  return text.replace(
    /\$\$|\$\{([A-Z0-9_]+)(?::([?-])([^}]*))?\}/g,
    (match, name: string, operator: string, argument: string) => {
      if (match === '$$') return '$';
      const value = env[name];
      if (operator === '?' && !value) throw new Error(`${name}: ${argument}`);
      if (operator === '-' && !value) return argument;
      return value ?? '';
    },
  );
}

const SECRETS = {
  POSTGRES_PASSWORD: '4f1c0c2a9b7e',
  REDIS_PASSWORD: 'a81d00b3e2c4',
  NAUTILUS_SECRETS_KEY: 'ab'.repeat(32),
};

/** A compose file that refuses to start without each secret and holds no literal password. */
function expectSecretsRequired(text: string, compose: Doc): void {
  expect(() => interpolate(text, {})).toThrow(/POSTGRES_PASSWORD/);
  for (const name of Object.keys(SECRETS)) {
    expect(() => interpolate(text, { ...SECRETS, [name]: '' }), name).toThrow(name);
  }
  for (const [path, value] of strings(compose)) {
    if (/PASSWORD|SECRET|_KEY/.test(path.split('.').at(-1) ?? '')) {
      expect(value, path).toMatch(/^\$\{[A-Z_]+:[?-][^}]*\}$/);
    }
    const credentials = /:\/\/[^/@\s]*:([^@\s]*)@/.exec(value);
    if (credentials) expect(credentials[1], path).toMatch(/^\$\{[A-Z_]+:\?[^}]*\}$/);
  }
}

/** Every string in a parsed document, with its path. */
function* strings(value: Doc, path = ''): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value)) for (const [index, item] of value.entries()) yield* strings(item, `${path}[${index}]`);
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) yield* strings(item, `${path}.${key}`);
}

/** The body of an nginx block opened by `head {`, braces balanced. */
function nginxBlock(conf: string, head: string): string {
  const start = conf.indexOf(`${head} {`);
  if (start < 0) throw new Error(`no '${head}' block`);
  let depth = 0;
  for (let index = conf.indexOf('{', start); index < conf.length; index++) {
    if (conf[index] === '{') depth++;
    if (conf[index] === '}' && --depth === 0) return conf.slice(conf.indexOf('{', start) + 1, index);
  }
  throw new Error(`'${head}' block is not closed`);
}

describe('Kubernetes manifests (deploy/k8s)', () => {
  const objects = renderKustomization(read('deploy/k8s/secrets.env.example'));
  const find = (kind: string) => objects.filter((object) => object.kind === kind);
  const deployment = find('Deployment')[0];
  const podLabels = deployment.spec.template.metadata.labels;
  const container = deployment.spec.template.spec.containers[0];

  it('validates every object against the Kubernetes API schemas of kubernetes-models', async () => {
    expect(objects.map((object) => object.kind).sort()).toEqual([
      'ConfigMap',
      'Deployment',
      'Ingress',
      'PodDisruptionBudget',
      'Secret',
      'Service',
    ]);
    for (const object of objects) await validateObject(object);
  });

  it('notices a manifest the schemas refuse', async () => {
    const broken = structuredClone(deployment);
    broken.spec.replicas = 'two';
    await expect(validateObject(broken)).rejects.toThrow(/replicas/);
    delete broken.spec.selector;
    await expect(validateObject({ ...broken, spec: { ...broken.spec, replicas: 2 } })).rejects.toThrow(/selector/);
  });

  it('runs at least two replicas with resources, and probes /healthz on the port the container serves', () => {
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(deployment.spec.selector.matchLabels).toEqual(podLabels);
    expect(container.resources.requests.cpu).toBeTruthy();
    expect(container.resources.requests.memory).toBeTruthy();
    expect(container.resources.limits.memory).toBeTruthy();
    const portNames = container.ports.map((port: Doc) => port.name);
    for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
      expect(container[probe].httpGet.path, probe).toBe('/healthz');
      expect(portNames, probe).toContain(container[probe].httpGet.port);
    }
    expect(container.securityContext.allowPrivilegeEscalation).toBe(false);
    expect(deployment.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
  });

  it('takes its configuration from the ConfigMap and its secrets from the Secret, which the server accepts', () => {
    const sources = container.envFrom.map((source: Doc) => source.configMapRef?.name ?? source.secretRef?.name);
    const configMap = find('ConfigMap')[0];
    const secret = find('Secret')[0];
    expect(sources).toEqual([configMap.metadata.name, secret.metadata.name]);
    expect(Object.keys(secret.stringData).sort()).toEqual([
      'DATABASE_URL',
      'NAUTILUS_ADMIN_PASSWORD',
      'NAUTILUS_SECRETS_KEY',
      'REDIS_URL',
    ]);
    for (const key of Object.keys(configMap.data)) expect(key, 'a secret in the ConfigMap').not.toMatch(/PASSWORD|SECRET|_URL$/);
    // The example holds placeholders, never a usable credential.
    expect(secret.stringData.DATABASE_URL).toContain('<password>');
    expect(secret.stringData.NAUTILUS_SECRETS_KEY).toBe('');
    const config = loadConfig({
      ...configMap.data,
      DATABASE_URL: 'postgres://nautilus:x@postgres:5432/nautilus',
      REDIS_URL: 'redis://:x@redis:6379',
      NAUTILUS_SECRETS_KEY: SECRETS.NAUTILUS_SECRETS_KEY,
    });
    expect(config.host).toBe('0.0.0.0');
    expect(config.port).toBe(container.ports[0].containerPort);
  });

  it('routes the Service and the Ingress to the pods, with WebSocket timeouts', () => {
    const service = find('Service')[0];
    expect(service.spec.selector).toEqual(podLabels);
    expect(container.ports.map((port: Doc) => port.name)).toContain(service.spec.ports[0].targetPort);
    const ingress = find('Ingress')[0];
    const backends = ingress.spec.rules.flatMap((rule: Doc) => rule.http.paths.map((path: Doc) => path.backend.service));
    for (const backend of backends) {
      expect(backend.name).toBe(service.metadata.name);
      expect(service.spec.ports.map((port: Doc) => port.name)).toContain(backend.port.name);
    }
    const annotations = ingress.metadata.annotations;
    for (const name of ['proxy-read-timeout', 'proxy-send-timeout']) {
      expect(Number(annotations[`nginx.ingress.kubernetes.io/${name}`]), name).toBeGreaterThanOrEqual(3600);
    }
    expect(ingress.spec.rules.map((rule: Doc) => rule.host)).toEqual([find('ConfigMap')[0].data.NAUTILUS_ALLOWED_HOSTS]);
  });

  it('keeps one instance through a voluntary disruption', () => {
    const budget = find('PodDisruptionBudget')[0];
    expect(budget.spec.selector.matchLabels).toEqual(podLabels);
    expect(budget.spec.minAvailable).toBeGreaterThanOrEqual(1);
    expect(budget.spec.minAvailable).toBeLessThan(deployment.spec.replicas);
  });
});

describe('docker-compose.yml', () => {
  const text = read('docker-compose.yml');
  const compose = parse(text, { merge: true });
  const services = compose.services;
  const cores = ['core-a', 'core-b'];

  it('has PostgreSQL, Redis, two core instances and a proxy, the cores built from the Dockerfile', () => {
    expect(Object.keys(services).sort()).toEqual(['core-a', 'core-b', 'postgres', 'proxy', 'redis']);
    for (const name of cores) expect(services[name].build).toBe('.');
  });

  it('refuses to start without its secrets and holds no literal password', () => {
    expectSecretsRequired(text, compose);
  });

  it('gives both instances the same database, Redis and secrets key, which the server accepts', () => {
    const rendered = parse(interpolate(text, SECRETS), { merge: true }).services;
    const [a, b] = cores.map((name) => rendered[name].environment);
    expect(a.DATABASE_URL).toMatch(/^postgres:\/\/nautilus:4f1c0c2a9b7e@postgres:5432\//);
    expect(a.REDIS_URL).toBe('redis://:a81d00b3e2c4@redis:6379');
    for (const key of ['DATABASE_URL', 'REDIS_URL', 'NAUTILUS_SECRETS_KEY']) expect(b[key], key).toBe(a[key]);
    const config = loadConfig({ ...a, NAUTILUS_HOST: '0.0.0.0' });
    expect(config.databaseUrl).toBe(a.DATABASE_URL);
    expect(config.allowedHosts).toEqual(['localhost']);
  });

  it('starts the cores on healthy PostgreSQL and Redis, probes /healthz, and the second after the first has migrated', () => {
    for (const name of cores) {
      expect(services[name].healthcheck.test.join(' '), name).toContain('/healthz');
      expect(services[name].depends_on.postgres.condition).toBe('service_healthy');
      expect(services[name].depends_on.redis.condition).toBe('service_healthy');
    }
    expect(services['core-b'].depends_on['core-a'].condition).toBe('service_healthy');
    expect(read('Dockerfile')).toMatch(/HEALTHCHECK[^\n]*\n[^\n]*\/healthz/);
  });

  it('publishes only the proxy, on loopback, and the proxy spreads requests over both cores and upgrades /live', () => {
    for (const [name, service] of Object.entries<Doc>(services)) {
      if (name !== 'proxy') expect(service.ports, name).toBeUndefined();
    }
    expect(services.proxy.ports).toEqual(['127.0.0.1:${NAUTILUS_HTTP_PORT:-8080}:8080']);
    const mounts = new Map(
      (services.proxy.volumes as string[]).map((volume) => {
        const [from, to] = volume.split(':');
        return [to, (from ?? '').replace(/^\.\//, '')] as const;
      }),
    );
    // The main file raises the image's 1,024 connections a worker (a live client holds two).
    const main = read(mounts.get('/etc/nginx/nginx.conf') ?? '');
    expect(Number(/worker_connections (\d+);/.exec(main)?.[1])).toBeGreaterThanOrEqual(10_000);
    const [, included] = /include (\S+);/.exec(main) ?? [];
    const conf = read(mounts.get(included ?? '') ?? '');
    for (const name of [...cores, 'proxy']) expect(services[name].ulimits.nofile, name).toBeGreaterThanOrEqual(65_536);
    const upstream = nginxBlock(conf, 'upstream nautilus');
    expect([...upstream.matchAll(/server ([\w-]+):(\d+)/g)].map((match) => [match[1], Number(match[2])])).toEqual(
      cores.map((name) => [name, loadConfig({}).port]),
    );
    const live = nginxBlock(conf, 'location = /live');
    expect(live).toMatch(/proxy_pass http:\/\/nautilus;/);
    expect(live).toMatch(/proxy_set_header Upgrade \$http_upgrade;/);
    expect(live).toMatch(/proxy_set_header Connection \$connection_upgrade;/);
    expect(live).toMatch(/proxy_set_header Host \$http_host;/);
    for (const timeout of ['proxy_read_timeout', 'proxy_send_timeout']) {
      expect(Number(new RegExp(`${timeout} (\\d+)s;`).exec(live)?.[1]), timeout).toBeGreaterThanOrEqual(3600);
    }
    expect(nginxBlock(conf, 'map $http_upgrade $connection_upgrade')).toMatch(/default upgrade;/);
  });
});

describe('deploy/compose/one-instance.yml (the step after npm start)', () => {
  const text = read('deploy/compose/one-instance.yml');
  const compose = parse(text);
  const { services } = compose;

  it('has PostgreSQL, Redis and one core built from the Dockerfile at the repository root', () => {
    expect(Object.keys(services).sort()).toEqual(['core', 'postgres', 'redis']);
    expect(services.core.build).toBe('../..');
    expect(read('Dockerfile')).toMatch(/^FROM /m);
  });

  it('refuses to start without its secrets and holds no literal password', () => {
    expectSecretsRequired(text, compose);
  });

  it('gives the core a configuration the server accepts, publishes it on loopback only, and probes /healthz', () => {
    const core = parse(interpolate(text, SECRETS)).services.core;
    const config = loadConfig({ ...core.environment, NAUTILUS_HOST: '0.0.0.0' });
    expect(config.databaseUrl).toMatch(/^postgres:\/\/nautilus:4f1c0c2a9b7e@postgres:5432\/nautilus$/);
    expect(config.allowedHosts).toEqual(['localhost']);
    expect(core.ports).toEqual([`127.0.0.1:3000:${loadConfig({}).port}`]);
    for (const name of ['postgres', 'redis']) {
      expect(services[name].ports, name).toBeUndefined();
      expect(services.core.depends_on[name].condition, name).toBe('service_healthy');
    }
    expect(services.core.healthcheck.test.join(' ')).toContain('/healthz');
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const stages = dockerfile.split(/^FROM /m).slice(1);

  it('builds on the official Node 24 image from the lockfile, builds the app, and runs as a user other than root', () => {
    for (const stage of stages) expect(stage).toMatch(/^node:24[\w.-]*/);
    expect(dockerfile).toMatch(/pnpm install [^\n]*--frozen-lockfile/);
    expect(dockerfile).toMatch(/pnpm --filter @nautilus\/builder run build/);
    const final = stages.at(-1) ?? '';
    expect(final).toMatch(/^USER node$/m);
    expect(final).toMatch(/NAUTILUS_HOST=0\.0\.0\.0/);
    expect(final).toMatch(/CMD \["node", "--no-node-snapshot", "core\/src\/cli\.ts", "start"\]/);
  });
});

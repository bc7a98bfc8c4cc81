import { checkFrames } from '../check-frames.ts';
import { CONTRIBUTION_KINDS } from '../contributions/kinds.ts';
import type { Frame } from '../frames.ts';
import type { PluginContributions, PluginDefinition } from '../plugin.ts';
import { manifestIssues } from './manifest-issues.ts';
import { pluginTestContext, type TestContextOptions } from './plugin-test-context.ts';
import { schemaIssues } from './schema-issues.ts';

export interface DataSourceContractOptions {
  /** The data source's local id, as declared in `manifest.contributes.dataSources`. */
  source: string;
  /** Query params that return data; they are checked against the source's `querySchema` too. */
  params: Record<string, unknown>;
  /** An absolute range, epoch ms, in which the source has data. */
  range: { from: number; to: number };
  /** `maxPoints` of the main query; 1,000 by default. */
  maxPoints?: number;
  /** `config`, `secrets` or `fetch` for the plugin's test `ctx` (see `pluginTestContext`). */
  context?: Omit<TestContextOptions, 'pluginId'>;
  /** How long a query may take before it counts as hung; 10 s by default. */
  timeoutMs?: number;
}

export interface DataSourceContractResult {
  /** The main query's frames, for the author's own assertions. */
  frames: Frame[];
  /** What setup returned. */
  contributions: PluginContributions;
}

/** Thrown by {@link checkDataSourceContract}: its message lists every failure, one per line. */
export class ContractError extends Error {
  readonly failures: readonly string[];
  constructor(subject: string, failures: readonly string[]) {
    super(`${subject} breaks the data-source contract:\n${failures.map((failure) => `  - ${failure}`).join('\n')}`);
    this.name = 'ContractError';
    this.failures = failures;
  }
}

const SETTLED_LATE = Symbol('late');

async function within<T>(ms: number, work: () => Promise<T>): Promise<T | typeof SETTLED_LATE> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<typeof SETTLED_LATE>((resolve) => {
    timer = setTimeout(() => resolve(SETTLED_LATE), ms);
  });
  try {
    return await Promise.race([Promise.resolve().then(work), late]);
  } finally {
    clearTimeout(timer);
  }
}

const describeError = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/** Rows, bars or points of the largest frame (a scalar is one). */
function largestFrame(frames: readonly Frame[]): number {
  let most = 0;
  for (const frame of frames) {
    const points =
      frame.kind === 'ohlcv'
        ? frame.time.length
        : frame.kind === 'timeseries'
          ? Math.max(0, ...frame.series.map((series) => series.time.length))
          : frame.kind === 'table'
            ? frame.rows.length
            : 1;
    most = Math.max(most, points);
  }
  return most;
}

/** Times outside [from, to) in bar and series frames, described for a failure message. */
function timesOutside(frames: readonly Frame[], range: { from: number; to: number }): string[] {
  const outside = (times: number[]) => times.filter((time) => time < range.from || time >= range.to).length;
  const found: string[] = [];
  frames.forEach((frame, index) => {
    if (frame.kind === 'ohlcv' && outside(frame.time) > 0)
      found.push(`frames[${index}].time has ${outside(frame.time)} bar(s) outside the range [${range.from}, ${range.to})`);
    if (frame.kind === 'timeseries')
      frame.series.forEach((series, s) => {
        if (outside(series.time) > 0)
          found.push(
            `frames[${index}].series[${s}].time has ${outside(series.time)} point(s) outside the range [${range.from}, ${range.to})`,
          );
      });
  });
  return found;
}

/** Every declared server-side contribution is implemented with its required methods, and nothing undeclared is. */
function implementationFailures(plugin: PluginDefinition, contributions: PluginContributions): string[] {
  const failures: string[] = [];
  for (const [kind, { label, required }] of Object.entries(CONTRIBUTION_KINDS)) {
    const declared = (plugin.manifest.contributes[kind as keyof typeof CONTRIBUTION_KINDS] ?? []).map((item) => item.id);
    const implemented = (contributions[kind as keyof PluginContributions] ?? {}) as unknown as Record<
      string,
      Record<string, unknown>
    >;
    for (const id of declared) {
      if (!Object.hasOwn(implemented, id)) failures.push(`setup returns no ${kind}['${id}'] for the declared ${label} '${id}'`);
      else if (typeof implemented[id]?.[required] !== 'function')
        failures.push(`${kind}['${id}'].${required} must be a function`);
    }
    for (const id of Object.keys(implemented))
      if (!declared.includes(id)) failures.push(`setup returns ${kind}['${id}'], which the manifest does not declare`);
  }
  for (const source of plugin.manifest.contributes.dataSources ?? []) {
    const implementation = contributions.dataSources?.[source.id];
    if (source.streaming && implementation && typeof implementation.stream !== 'function')
      failures.push(`dataSources['${source.id}'] is declared streaming: true but has no stream()`);
  }
  return failures;
}

/**
 * Runs a plugin's data source the way the host does and checks the contract: a valid manifest, an
 * implementation for each declared contribution, params that match the source's `querySchema`, frames
 * that pass the host's frame check ({@link checkFrames}) with times inside the range, `maxPoints`
 * respected, and a query whose signal is already aborted rejecting instead of answering. Throws a
 * {@link ContractError} listing every failure, so it works in any test runner; resolves with the
 * frames otherwise.
 * @example
 * test('bars keeps the data-source contract', async () => {
 *   await checkDataSourceContract(plugin, { source: 'bars', params: { symbol: 'ACME' }, range: { from: 0, to: 86_400_000 } });
 * });
 */
export async function checkDataSourceContract(
  plugin: PluginDefinition,
  options: DataSourceContractOptions,
): Promise<DataSourceContractResult> {
  const manifest = plugin?.manifest;
  const subject = `Plugin ${typeof manifest?.id === 'string' ? manifest.id : '(no id)'}, data source '${options.source}',`;
  const failures = manifestIssues(manifest).map((issue) => `${issue.path}: ${issue.message}`);
  const stop = (...more: string[]): never => {
    throw new ContractError(subject, [...failures, ...more]);
  };
  if (typeof plugin?.setup !== 'function') stop('the plugin has no setup function: export definePlugin({ manifest, setup })');
  if (failures.length > 0) stop();
  const descriptor = manifest.contributes.dataSources?.find((source) => source.id === options.source);
  if (!descriptor) {
    const ids = (manifest.contributes.dataSources ?? []).map((source) => source.id);
    stop(`manifest.contributes.dataSources declares no '${options.source}' (it declares ${ids.join(', ') || 'none'})`);
  }
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxPoints = options.maxPoints ?? 1_000;
  const range = options.range;
  failures.push(
    ...schemaIssues(descriptor!.querySchema, options.params, 'params').map(
      (issue) => `${issue.path}: ${issue.message} (querySchema)`,
    ),
  );

  let contributions: PluginContributions;
  try {
    const ctx = pluginTestContext({ ...options.context, pluginId: manifest.id });
    const answer = await within(timeoutMs, () => Promise.resolve(plugin.setup(ctx)));
    if (answer === SETTLED_LATE) return stop(`setup did not finish within ${timeoutMs} ms`);
    contributions = answer ?? {};
  } catch (error) {
    return stop(`setup threw ${describeError(error)}`);
  }
  try {
    failures.push(...implementationFailures(plugin, contributions));
    const source = contributions.dataSources?.[options.source];
    if (typeof source?.query !== 'function') stop();

    const run = async (what: string, points: number, signal: AbortSignal): Promise<Frame[] | undefined> => {
      try {
        const frames = await within(timeoutMs, () => source!.query({ params: options.params, range, maxPoints: points }, signal));
        if (frames === SETTLED_LATE) failures.push(`${what} did not settle within ${timeoutMs} ms`);
        else return frames;
      } catch (error) {
        failures.push(`${what} threw ${describeError(error)}`);
      }
      return undefined;
    };

    const frames = (await run(`query (maxPoints ${maxPoints})`, maxPoints, new AbortController().signal)) ?? [];
    const problem = checkFrames(frames, descriptor!.frames);
    if (problem) stop(`query returned frames the host refuses: ${problem}`);
    failures.push(...timesOutside(frames, range));
    const largest = largestFrame(frames);
    if (largest > maxPoints) failures.push(`query returned ${largest} points in one frame with maxPoints ${maxPoints}`);
    if (largest === 0) failures.push('query returned no data: pick params and a range with data, so the contract can be checked');

    // Ask for fewer points than the source just returned: it must cut its answer down.
    const capped = Math.max(1, Math.floor(Math.min(largest, maxPoints) / 2));
    const cappedFrames = await run(`query (maxPoints ${capped})`, capped, new AbortController().signal);
    if (cappedFrames && !checkFrames(cappedFrames, descriptor!.frames) && largestFrame(cappedFrames) > capped)
      failures.push(
        `query returned ${largestFrame(cappedFrames)} points in one frame with maxPoints ${capped}; return at most maxPoints`,
      );

    // The host aborts a query that times out; a source that ignores its signal keeps working for nobody.
    const aborted = new AbortController();
    aborted.abort(new Error('aborted by the contract test'));
    try {
      const answer = await within(timeoutMs, () => source!.query({ params: options.params, range, maxPoints }, aborted.signal));
      if (answer === SETTLED_LATE)
        failures.push(`query with an aborted signal did not settle within ${timeoutMs} ms; reject when the signal aborts`);
      else
        failures.push(
          'query answered although its signal was already aborted; call signal.throwIfAborted() before and during the work, and pass the signal to fetch',
        );
    } catch {
      // Rejected, as it should.
    }
    if (failures.length > 0) stop();
    return { frames, contributions };
  } finally {
    await plugin.teardown?.();
  }
}

import {
  type DataSource,
  type DataSourceDescriptor,
  type Frame,
  isNautilusError,
  NautilusError,
  type StreamRequest,
} from '@nautilus/sdk';
import type { Logger } from 'pino';
import { schemaIssues } from '../validation/json-schema-validator.ts';
import { frameProblem } from './check-frames.ts';
import { limitFrames, type QueryTruncation } from './query-limit.ts';
import type { SourceHealth } from './source-health.ts';
import { withTimeout } from './with-timeout.ts';

export interface DataQueryRequest {
  params: Record<string, unknown>;
  range: { from: number; to: number };
  maxPoints: number;
}

/** A running data-source stream. `done` settles when it ends: rejected, stamped with the plugin id, if it failed. */
export interface DataStream {
  readonly done: Promise<void>;
  /** Aborts the stream and waits for it to end; PLUGIN_TIMEOUT when it does not within the call timeout. */
  stop(): Promise<void>;
}

/** A data source found by reference: its plugin, what it declares and what implements it. */
export interface ResolvedSource {
  pluginId: string;
  descriptor: DataSourceDescriptor;
  implementation: DataSource;
}

/**
 * Every data-source call goes through here: params checked against the declared schema, a timeout,
 * the frames checked against the declared kinds, errors stamped with the plugin id, health recorded.
 * Whether the plugin runs in this process or its own makes no difference here.
 */
export class QueryGateway {
  readonly #resolve: (ref: string) => ResolvedSource;
  readonly #health: SourceHealth;
  readonly #callTimeoutMs: number;
  readonly #logger: Logger;

  constructor(options: {
    resolve: (ref: string) => ResolvedSource;
    health: SourceHealth;
    callTimeoutMs: number;
    logger: Logger;
  }) {
    this.#resolve = options.resolve;
    this.#health = options.health;
    this.#callTimeoutMs = options.callTimeoutMs;
    this.#logger = options.logger;
  }

  /** True when `ref` (`plugin/source`) names a data source of an active plugin. */
  hasDataSource(ref: string): boolean {
    try {
      this.#resolve(ref);
      return true;
    } catch {
      return false;
    }
  }

  /** Validates the params against the source's query schema, runs the query with a timeout, checks the frames. */
  async query(ref: string, request: DataQueryRequest): Promise<Frame[]> {
    return (await this.queryLimited(ref, request)).frames;
  }

  /**
   * {@link query}, saying whether the answer was cut at `maxPoints`: the source is asked for one point
   * more, and a frame holding more than `maxPoints` is cut to its latest ones and reported (see
   * query-limit.ts), so no caller shows a cut range as if it were whole.
   */
  async queryLimited(ref: string, request: DataQueryRequest): Promise<{ frames: Frame[]; truncation?: QueryTruncation }> {
    const frames = await this.#run(ref, { ...request, maxPoints: request.maxPoints + 1 });
    return limitFrames(frames, request.maxPoints, request.range);
  }

  async #run(ref: string, request: DataQueryRequest): Promise<Frame[]> {
    const { pluginId, descriptor, implementation } = this.#resolve(ref);
    const issues = schemaIssues(descriptor.querySchema, request.params, 'params');
    if (issues.length) throw NautilusError.validation(`query for ${ref}`, issues);
    let frames: Frame[];
    const started = performance.now();
    try {
      frames = await withTimeout(
        `Data source ${ref}`,
        this.#callTimeoutMs,
        (signal) => implementation.query(request, signal),
        pluginId,
      );
    } catch (error) {
      const stamped = stamp(error, pluginId, 'DATA_SOURCE_ERROR', `Data source ${ref} failed`);
      this.#health.failed(ref, stamped, performance.now() - started);
      throw stamped;
    }
    const problem = frameProblem(frames, descriptor.frames);
    if (problem) {
      const error = new NautilusError(
        'DATA_SOURCE_ERROR',
        `Data source ${ref} returned invalid data (${problem}); report it to the plugin's author.`,
        {
          plugin: pluginId,
        },
      );
      this.#health.failed(ref, error, performance.now() - started);
      throw error;
    }
    this.#health.succeeded(ref, performance.now() - started);
    return frames;
  }

  /**
   * Checks a query's params against the source's schema without running it, so a background job can
   * refuse bad input before it is accepted.
   */
  checkQuery(ref: string, params: Record<string, unknown>): { pluginId: string; descriptor: DataSourceDescriptor } {
    const { pluginId, descriptor } = this.#resolve(ref);
    const issues = schemaIssues(descriptor.querySchema, params, 'params');
    if (issues.length) throw NautilusError.validation(`query for ${ref}`, issues);
    return { pluginId, descriptor };
  }

  /**
   * Starts a source's live stream: params are checked like a query's, each frame emitted is checked
   * before `emit` sees it (a bad one ends the stream with DATA_SOURCE_ERROR), and whatever the plugin
   * throws is stamped with its id. A throwing `emit` is logged, never passed back into the plugin.
   */
  async stream(ref: string, request: StreamRequest, emit: (frame: Frame) => void): Promise<DataStream> {
    const { pluginId, descriptor } = this.checkQuery(ref, request.params);
    const { implementation } = this.#resolve(ref);
    if (!descriptor.streaming || typeof implementation.stream !== 'function') {
      throw new NautilusError(
        'VALIDATION',
        `Data source ${ref} does not stream; pick one whose streaming is true in dataSources.list.`,
        {
          fields: [{ path: 'dataSource', message: 'does not stream' }],
          plugin: pluginId,
        },
      );
    }
    if (request.replay && !descriptor.replay) {
      throw new NautilusError('VALIDATION', `Data source ${ref} cannot replay history; deploy without replay.`, {
        fields: [{ path: 'replay', message: 'not supported by this data source' }],
        plugin: pluginId,
      });
    }
    const controller = new AbortController();
    let invalid: NautilusError | undefined;
    const checkedEmit = (frame: Frame) => {
      if (controller.signal.aborted) return;
      const problem = frameProblem([frame], descriptor.frames);
      if (problem) {
        invalid = new NautilusError(
          'DATA_SOURCE_ERROR',
          `Data source ${ref} streamed invalid data (${problem}); report it to the plugin's author.`,
          { plugin: pluginId },
        );
        controller.abort(invalid);
        return;
      }
      try {
        emit(frame);
      } catch (error) {
        this.#logger.error({ err: error, dataSource: ref }, 'a stream consumer threw');
      }
    };
    const stream = implementation.stream.bind(implementation);
    const done = Promise.resolve()
      .then(() => stream(request, checkedEmit, controller.signal))
      .then(
        () => {
          if (invalid) throw invalid;
        },
        (error: unknown) => {
          throw stamp(invalid ?? error, pluginId, 'DATA_SOURCE_ERROR', `Data source ${ref} stream failed`);
        },
      );
    return {
      done,
      stop: async () => {
        controller.abort();
        await withTimeout(`Stopping the stream of ${ref}`, this.#callTimeoutMs, () => done.catch(() => {}), pluginId);
      },
    };
  }
}

/** Keeps a NautilusError (stamping the plugin id), wraps anything else with `code` and `context`. */
export function stamp(error: unknown, pluginId: string | undefined, code: NautilusError['code'], context: string): NautilusError {
  const wrapped = isNautilusError(error)
    ? error
    : new NautilusError(code, `${context}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  wrapped.plugin ??= pluginId;
  return wrapped;
}

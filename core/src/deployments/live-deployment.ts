import type { RunnerUpdate, StrategyRunner } from '@nautilus/runtime';
import { type AccountState, type Bar, type Bus, NautilusError, type OhlcvFrame, TIMEFRAME_MS } from '@nautilus/sdk';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { closedBars } from '../backtests/load-bars.ts';
import type { Tables } from '../db/tables.ts';
import type { LivePublisher } from '../live/live-publisher.ts';
import type { BookFeed } from '../market/book-feed.ts';
import type { FeedKey, FeedMessage } from '../market/feed-topic.ts';
import { feedTopic } from '../market/feed-topic.ts';
import type { MarketFeed } from '../market/market-feed.ts';
import type { PluginHost } from '../plugins/plugin-host.ts';
import { alertOf, recordAlerts } from '../risk/alert-store.ts';
import { describeFailure, type RunError } from '../strategies/describe-failure.ts';
import { type AccountSnapshot, emptyActivity, recordActivity, snapshotOf } from './account-snapshot.ts';
import { type DeploymentBook, followDeploymentBook } from './deployment-book.ts';
import { type DeploymentEvent, deploymentTopic } from './deployment-events.ts';
import { type DeploymentRecord, markEnded, saveAccount, setFirstBarTime } from './deployment-store.ts';
import { OrderJournal } from './order-journal.ts';

/** What a running deployment needs of the server. */
export interface DeploymentContext {
  db: Kysely<Tables>;
  plugins: PluginHost;
  bus: Bus;
  feeds: MarketFeed;
  /** Order-book feeds for `ctx.book` (the bars source's plugin's book source); none, no book. */
  books?: BookFeed | undefined;
  logger: Logger;
  instanceId: string;
  /** Most bars a warm-up or a resume may replay. */
  maxBars: number;
  /** The live hub: events and alerts also go to the lossless `deployment` and `alerts` channels. */
  live?: LivePublisher | undefined;
}

const PERSIST_EVERY_MS = 2_000;
const TICK_EVERY_MS = 250;
const DAY_MS = 86_400_000;

/**
 * One deployment running on this instance: a sandboxed strategy runner fed by the bus. It warms up
 * from history (or, resuming, replays every bar since its first one, which rebuilds the same account
 * because runs are deterministic), then takes closed bars from its feed's topic, filling any gap
 * from history, and marks the account to market on ticks. Every step is queued, so bars reach the
 * strategy one at a time and in order. Whatever goes wrong ends this deployment only, with the
 * reason recorded.
 */
export class LiveDeployment {
  readonly id: string;
  readonly #context: DeploymentContext;
  readonly #record: DeploymentRecord;
  readonly #runner: StrategyRunner;
  readonly #onEnd: (id: string) => void;
  readonly #timeframeMs: number;
  readonly #activity = emptyActivity();
  /** Every order the strategy places, written to deployment_orders as it changes. */
  readonly #orders: OrderJournal;
  #chain: Promise<void> = Promise.resolve();
  #ended = false;
  #unsubscribe: (() => Promise<void>) | undefined;
  #releaseFeed: (() => Promise<void>) | undefined;
  /** The book live bars are handed with (ctx.book); warm-up bars are history and get none. */
  #book: DeploymentBook | undefined;
  #account: AccountState | undefined;
  #lastTime = Number.NEGATIVE_INFINITY;
  #lastPrice: number | null = null;
  #liveEquity: number | null = null;
  /** Bars opening before this are warm-up (no orders placed); see liveFromOf. */
  readonly #liveFrom: number;
  #warmUpBars = 0;
  #firstBarTime: number | null;
  #lastPersist = 0;
  #persistTimer: NodeJS.Timeout | undefined;
  #lastTick = 0;
  /** When (epoch ms, wall clock) the strategy last processed a bar; until the first, when this run started (so one that never gets a bar looks stuck too). */
  lastBarProcessedAt = Date.now();

  private constructor(context: DeploymentContext, record: DeploymentRecord, runner: StrategyRunner, onEnd: (id: string) => void) {
    this.id = record.id;
    this.#context = context;
    this.#record = record;
    this.#runner = runner;
    this.#onEnd = onEnd;
    this.#timeframeMs = TIMEFRAME_MS[record.timeframe];
    this.#liveFrom = liveFromOf(record);
    this.#firstBarTime = record.firstBarTime;
    this.#orders = new OrderJournal(context.db, record.id, record.symbol, this.#liveFrom);
  }

  /**
   * Subscribes to the feed, warms up and goes live. Resolves once the warm-up is done (or failed, in
   * which case the deployment has already ended with the reason).
   */
  static async open(
    context: DeploymentContext,
    record: DeploymentRecord,
    runner: StrategyRunner,
    options: { resume: boolean; onEnd: (id: string) => void },
  ): Promise<LiveDeployment> {
    const live = new LiveDeployment(context, record, runner, options.onEnd);
    const warmedUp = live.#enqueue(() => live.#warmUp(options.resume));
    try {
      const key = live.#feedKey(options.resume);
      live.#unsubscribe = await context.bus.subscribe(feedTopic(key), (message) =>
        live.#enqueue(() => live.#onFeed(message as FeedMessage)),
      );
      live.#releaseFeed = await context.feeds.acquire(key);
      // A replay's bars are history but its book is today's: demos and tests see a moving book too.
      live.#book = await followDeploymentBook(context, record.dataSource, record.symbol).catch((error: unknown) => {
        context.logger.warn({ err: error, deployment: record.id }, 'no order book for the deployment');
        return undefined;
      });
    } catch (error) {
      await live.#enqueue(() => Promise.reject(error));
    }
    await warmedUp;
    return live;
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** Stops the strategy (its onStop runs), records the reason and frees everything. */
  stop(reason: string): Promise<void> {
    return this.#enqueue(async () => {
      this.#ended = true;
      await this.#runStop();
      await this.#finish({ status: 'stopped', reason });
    });
  }

  /** Another instance stopped it (or took it over): run onStop, write the final account, free everything. */
  stoppedElsewhere(): Promise<void> {
    return this.#enqueue(async () => {
      this.#ended = true;
      await this.#runStop();
      await this.#release(true);
    });
  }

  /** Server shutdown: saves the account and frees everything but leaves the deployment `running`, to resume. */
  async detach(): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    await this.#persist(false).catch(() => {});
    this.#runner.dispose();
    await this.#chain;
    await this.#release(false);
  }

  #feedKey(resume: boolean): FeedKey {
    const { dataSource, symbol, timeframe, replay } = this.#record;
    // A resumed replay catches up from history instead: its replay clock is gone with the old process.
    return {
      dataSource,
      symbol,
      timeframe,
      ...(replay && !resume ? { replay: { from: replay.from, speed: replay.speed } } : {}),
    };
  }

  #enqueue(task: () => Promise<void>): Promise<void> {
    this.#chain = this.#chain.then(() => (this.#ended ? undefined : task())).catch((error: unknown) => this.#fail(error));
    return this.#chain;
  }

  async #warmUp(resume: boolean): Promise<void> {
    const { replay, warmupBars } = this.#record;
    const replayFrom = replay && !resume ? replay.from : undefined;
    const until = replayFrom ?? Date.now();
    let history: Bar[] = [];
    if (resume && this.#firstBarTime !== null) {
      history = await this.#history(this.#firstBarTime, until, this.#context.maxBars + 1);
      if (history.length > this.#context.maxBars) {
        throw new NautilusError(
          'VALIDATION',
          `The deployment has seen more than ${this.#context.maxBars} bars, too many to rebuild its account after a restart; deploy it again.`,
        );
      }
    } else if (warmupBars > 0) {
      // Generous calendar span: sessions, nights and weekends hold no bars.
      const span = warmupBars * this.#timeframeMs * 6 + 7 * DAY_MS;
      history = await this.#history(until - span, until, warmupBars);
    }
    // Warm-up bars reach the strategy (indicators, ctx.state) but place no orders: the account is
    // flat at the initial cash when live bars begin, however the strategy traded the history.
    this.#absorb(await this.#runner.start(history[0]?.time ?? until, { liveFrom: this.#liveFrom }), [], false);
    this.#warmUpBars = history.filter((bar) => bar.time < this.#liveFrom).length;
    if (history.length > 0) await this.#push(history, false);
    this.#liveEquity = this.#record.config.initialCash;
    this.#publish({ type: 'status', status: 'running', reason: resume ? 'resumed after a restart' : null, time: Date.now() });
    this.#publish({ type: 'account', account: this.#snapshot() });
    await this.#persist(false);
  }

  async #onFeed(message: FeedMessage): Promise<void> {
    if (message.kind === 'error') {
      this.#publish({
        type: 'notice',
        message: `Feed trouble: ${message.message} (retrying in ${message.retryInMs} ms)`,
        time: Date.now(),
      });
      return;
    }
    const { bar } = message;
    if (bar.time <= this.#lastTime) return;
    if (message.kind === 'tick') {
      this.#lastPrice = bar.close;
      const now = Date.now();
      if (now - this.#lastTick >= TICK_EVERY_MS) {
        this.#lastTick = now;
        this.#publish({ type: 'account', account: this.#snapshot() });
        this.#schedulePersist();
      }
      return;
    }
    // Bars missed (at-most-once bus, a feed taking over, a session gap) come from history first.
    if (this.#lastTime > Number.NEGATIVE_INFINITY && bar.time > this.#lastTime + this.#timeframeMs) {
      const missed = (await this.#history(this.#lastTime + 1, bar.time, this.#context.maxBars)).filter(
        (item) => item.time > this.#lastTime,
      );
      if (missed.length > 0) await this.#push(missed, true);
    }
    if (bar.time > this.#lastTime) await this.#push([bar], true);
  }

  /** Closed bars of the deployment's series opening in [from, to). */
  async #history(from: number, to: number, maxPoints: number): Promise<Bar[]> {
    const { dataSource, symbol, timeframe } = this.#record;
    const frames = await this.#context.plugins.query(dataSource, {
      params: { symbol, timeframe },
      range: { from, to },
      maxPoints,
    });
    const frame = frames.find((item): item is OhlcvFrame => item.kind === 'ohlcv');
    if (!frame) return [];
    const closed = closedBars(frame, Date.now());
    return closed.time.flatMap((time, index) =>
      time < to
        ? [
            {
              time,
              open: closed.open[index] as number,
              high: closed.high[index] as number,
              low: closed.low[index] as number,
              close: closed.close[index] as number,
              volume: closed.volume[index] as number,
            },
          ]
        : [],
    );
  }

  async #push(bars: Bar[], live: boolean): Promise<void> {
    const columns = {
      time: bars.map((bar) => bar.time),
      open: bars.map((bar) => bar.open),
      high: bars.map((bar) => bar.high),
      low: bars.map((bar) => bar.low),
      close: bars.map((bar) => bar.close),
      volume: bars.map((bar) => bar.volume),
    };
    const book = live ? this.#book?.current() : undefined;
    const update = await this.#runner.push(columns, undefined, book);
    const last = bars.at(-1)!;
    this.lastBarProcessedAt = Date.now();
    this.#lastTime = last.time;
    this.#lastPrice = last.close;
    if (this.#firstBarTime === null) {
      this.#firstBarTime = bars[0]!.time;
      await setFirstBarTime(this.#context.db, this.id, this.#firstBarTime);
    }
    this.#absorb(update, bars, live);
  }

  /** Takes a runner update into the account and activity, and (live) publishes it. */
  #absorb(update: RunnerUpdate, bars: Bar[], live: boolean): void {
    this.#account = update.account;
    recordActivity(this.#activity, {
      fills: update.fills,
      trades: update.trades,
      logs: update.logs,
      riskEvents: update.riskEvents,
      bars,
      equity: update.equity,
    });
    const orders = this.#orders.observe(update, bars);
    if (!live) return;
    if (update.riskEvents.length > 0) {
      this.#publish({ type: 'risk', events: update.riskEvents, tradingMode: update.tradingMode });
      const source = {
        kind: 'deployment' as const,
        id: this.id,
        name: `${this.#record.strategyName ?? 'strategy'} on ${this.#record.symbol}`,
      };
      void recordAlerts(
        this.#context.db,
        this.#context.bus,
        source,
        update.riskEvents.map((event) => alertOf(event, { strategyId: this.#record.strategyId })),
        this.#context.live,
      ).catch((error: unknown) => this.#context.logger.error({ err: error, deployment: this.id }, 'could not store risk alerts'));
    }
    for (const [index, bar] of bars.entries()) this.#publish({ type: 'bar', bar, equity: update.equity[index] as number });
    if (orders.length > 0) this.#publish({ type: 'orders', orders });
    if (update.fills.length > 0) this.#publish({ type: 'fills', fills: update.fills });
    if (update.trades.length > 0) this.#publish({ type: 'trades', trades: update.trades });
    if (update.logs.length > 0) this.#publish({ type: 'logs', lines: update.logs });
    this.#publish({ type: 'account', account: this.#snapshot() });
    this.#schedulePersist();
  }

  #snapshot(): AccountSnapshot {
    const initialCash = this.#record.config.initialCash;
    const account = this.#account;
    if (!account) {
      return snapshotOf(
        {
          barIndex: -1,
          time: Number.NaN,
          cash: initialCash,
          position: { quantity: 0, avgPrice: 0 },
          equity: initialCash,
          realisedPnl: 0,
          unrealisedPnl: 0,
          fees: 0,
          openOrders: [],
        },
        { initialCash, liveEquity: this.#liveEquity, lastPrice: null, liveFrom: this.#liveFrom, warmUpBars: this.#warmUpBars },
      );
    }
    return snapshotOf(account, {
      initialCash,
      liveEquity: this.#liveEquity,
      lastPrice: this.#lastPrice,
      liveFrom: this.#liveFrom,
      warmUpBars: this.#warmUpBars,
    });
  }

  #publish(event: DeploymentEvent): void {
    void this.#context.bus
      .publish(deploymentTopic(this.id), event)
      .catch((error: unknown) => this.#context.logger.warn({ err: error, deployment: this.id }, 'deployment event lost'));
    void this.#context.live
      ?.publish({ kind: 'deployment', deploymentId: this.id }, event)
      .catch((error: unknown) => this.#context.logger.warn({ err: error, deployment: this.id }, 'live deployment event lost'));
  }

  #schedulePersist(): void {
    if (this.#persistTimer) return;
    const wait = Math.max(0, this.#lastPersist + PERSIST_EVERY_MS - Date.now());
    this.#persistTimer = setTimeout(() => {
      this.#persistTimer = undefined;
      if (!this.#ended)
        void this.#persist(false).catch((error: unknown) => this.#context.logger.warn({ err: error }, 'account not saved'));
    }, wait);
    this.#persistTimer.unref();
  }

  async #persist(final: boolean): Promise<void> {
    this.#lastPersist = Date.now();
    await this.#orders.settled();
    await saveAccount(this.#context.db, this.id, this.#context.instanceId, {
      account: this.#snapshot(),
      activity: this.#activity,
      final,
    });
  }

  /** Runs onStop; a failure there is reported but does not change why the deployment ended. */
  async #runStop(): Promise<void> {
    try {
      this.#absorb(await this.#runner.stop(), [], true);
    } catch (error) {
      this.#publish({ type: 'notice', message: `onStop failed: ${describeFailure(error).error.message}`, time: Date.now() });
    }
  }

  async #fail(error: unknown): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    const { error: stored, isBug } = describeFailure(error);
    if (isBug) this.#context.logger.error({ err: error, deployment: this.id }, 'deployment failed');
    else
      this.#context.logger.info(
        { deployment: this.id, code: stored.code, reason: stored.message },
        'deployment stopped by a failure',
      );
    await this.#finish({ status: 'failed', reason: stored.message, error: stored }).catch((cause: unknown) =>
      this.#context.logger.error({ err: cause, deployment: this.id }, 'could not record a failed deployment'),
    );
  }

  async #finish(end: { status: 'stopped' | 'failed'; reason: string; error?: RunError }): Promise<void> {
    await this.#persist(true);
    await markEnded(this.#context.db, this.id, end);
    this.#publish({ type: 'status', status: end.status, reason: end.reason, time: Date.now() });
    await this.#release(false);
  }

  async #release(finalPersist: boolean): Promise<void> {
    clearTimeout(this.#persistTimer);
    this.#persistTimer = undefined;
    if (finalPersist) await this.#persist(true).catch(() => {});
    this.#runner.dispose();
    await this.#unsubscribe?.().catch(() => {});
    await this.#releaseFeed?.().catch(() => {});
    await this.#book?.release();
    this.#unsubscribe = undefined;
    this.#releaseFeed = undefined;
    this.#book = undefined;
    this.#onEnd(this.id);
  }
}

/**
 * Where a deployment's warm-up ends: bars opening before this time were history when it was
 * deployed. A replay goes live at its start; otherwise the first live bar is the one still forming
 * when the deployment was stored. Derived from the record, so a resumed deployment draws the same line.
 */
export function liveFromOf(record: Pick<DeploymentRecord, 'replay' | 'startedAt' | 'timeframe'>): number {
  if (record.replay) return record.replay.from;
  return Date.parse(record.startedAt) - TIMEFRAME_MS[record.timeframe] + 1;
}

import { channelKey, type Frame, type OhlcvFrame, type PanelQuery, type RefreshInterval, type TimeRange } from '@nautilus/sdk';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { QueryResult } from '../api/types.ts';
import type { PanelDataOptionsFactory } from '../data/panel-data-options.ts';
import { usePanelData } from '../data/usePanelData.ts';
import type { VariableValues } from '../data/variable-values.ts';
import { addClosedBar, barsOfFrame, EMPTY_TAIL, type LiveBarTail, mergeBars, pruneTail, setFormingBar } from './bar-merge.ts';
import { LiveBook } from './live-book.ts';
import type { LiveEvent } from './live-client.ts';
import { liveClient } from './live-connection.ts';
import { type LivePlan, livePlan, type StreamingSource, tailShowsMissedBars } from './live-plan.ts';
import { useLiveChannel } from './useLiveChannel.ts';

export interface LivePanelSettings {
  /** The panel's data source as the catalog describes it (its `streaming` flag decides). */
  source: StreamingSource | undefined;
  /** Frame kinds the panel's widget draws. */
  accepts: readonly string[];
  /** False where there is no session to stream with (a share link's view): the panel polls. */
  enabled: boolean;
}

/** The book is redrawn at most this often, however fast deltas come (they are all applied). */
const BOOK_DRAW_MS = 100;

/**
 * A panel's data, live where its source streams: the history query (`usePanelData`, not polled while
 * streaming) with the live tail merged in by bar time, or an order book kept from snapshot + deltas.
 * The subscription starts with the panel, before the history query resolves, so nothing that closes
 * meanwhile is lost; bars both in the history and live appear once.
 */
export function useLivePanelData(
  query: PanelQuery | undefined,
  values: VariableValues,
  range: TimeRange,
  refresh: RefreshInterval,
  optionsFor: PanelDataOptionsFactory | undefined,
  settings: LivePanelSettings,
) {
  const { source, accepts, enabled } = settings;
  const acceptsKey = accepts.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: accepts is followed through acceptsKey
  const plan = useMemo(
    () => (enabled ? livePlan(query, values, range, source, accepts) : undefined),
    [enabled, query, values, range, source, acceptsKey],
  );
  const history = usePanelData(query, values, range, plan ? 'off' : refresh, optionsFor);
  const bars = useLiveBars(plan?.kind === 'bars' ? plan : undefined, history);
  const book = useLiveBookFrames(plan?.kind === 'book' ? plan : undefined, history.data?.frames);
  const frames = plan?.kind === 'bars' ? bars : plan?.kind === 'book' ? book : history.data?.frames;
  return { history, frames, plan };
}

type History = ReturnType<typeof usePanelData>;

function useLiveBars(plan: Extract<LivePlan, { kind: 'bars' }> | undefined, history: History): Frame[] | undefined {
  const key = plan ? channelKey(plan.bars) : undefined;
  const [state, setState] = useState<{ key: string | undefined; tail: LiveBarTail }>({
    key,
    tail: EMPTY_TAIL,
  });
  const current = state.key === key ? state : { key, tail: EMPTY_TAIL };
  const historyRef = useRef(history);
  historyRef.current = history;

  const update = (change: (tail: LiveBarTail) => LiveBarTail) =>
    setState((previous) => {
      const base = previous.key === key ? previous : { key, tail: EMPTY_TAIL };
      return { key, tail: change(base.tail) };
    });
  const barsOf = (data: unknown) => {
    const parsed = barsOfFrame(data);
    return parsed && plan && parsed.symbol === plan.symbol && parsed.timeframe === plan.timeframe ? parsed.bars : [];
  };

  useLiveChannel(plan?.bars, (event: LiveEvent) => {
    if (event.type === 'data') update((tail) => barsOf(event.data).reduce(addClosedBar, tail));
    else if (event.type === 'resync') {
      // The log could not be continued: start again from a fresh history (what follows the resync is live).
      update(() => EMPTY_TAIL);
      void historyRef.current.refetch();
    }
  });
  useLiveChannel(plan?.forming, (event: LiveEvent) => {
    const data = event.type === 'data' ? event.data : event.type === 'resync' ? event.snapshot : undefined;
    const forming = barsOf(data).at(-1);
    if (forming) update((tail) => setFormingBar(tail, forming));
  });

  // A bar may have closed between the history's computation and the subscription's start: the first
  // closed bars after the history show it, and the history is fetched again (once per history).
  const checkedRef = useRef<number | undefined>(undefined);
  const historyFrame = ohlcvOf(history.data?.frames, plan);
  useEffect(() => {
    if (!plan || !historyFrame || history.isFetching || checkedRef.current === history.dataUpdatedAt) return;
    const closed = current.tail.closed.map((bar) => bar.time);
    if (!closed.some((time) => time > (historyFrame.time.at(-1) ?? Number.POSITIVE_INFINITY))) return;
    checkedRef.current = history.dataUpdatedAt;
    if (tailShowsMissedBars(historyFrame.time.at(-1), history.dataUpdatedAt, plan.timeframeMs, closed)) void history.refetch();
  }, [plan, historyFrame, current.tail, history.isFetching, history.dataUpdatedAt, history.refetch]);

  // A newer history holds what the tail had before its end.
  useEffect(() => {
    if (historyFrame)
      setState((previous) => (previous.key === key ? { ...previous, tail: pruneTail(previous.tail, historyFrame) } : previous));
  }, [historyFrame, key]);

  return useMemo(() => {
    const frames = history.data?.frames;
    if (!frames || !plan) return frames;
    return frames.map((frame) => (frame === historyFrame ? mergeBars(frame, current.tail) : frame));
  }, [history.data?.frames, historyFrame, current.tail, plan]);
}

function ohlcvOf(
  frames: readonly Frame[] | undefined,
  plan: Extract<LivePlan, { kind: 'bars' }> | undefined,
): OhlcvFrame | undefined {
  if (!plan) return undefined;
  return frames?.find(
    (frame): frame is OhlcvFrame => frame.kind === 'ohlcv' && frame.symbol === plan.symbol && frame.timeframe === plan.timeframe,
  );
}

function useLiveBookFrames(
  plan: Extract<LivePlan, { kind: 'book' }> | undefined,
  historyFrames: QueryResult['frames'] | undefined,
) {
  const key = plan ? channelKey(plan.book) : undefined;
  const bookRef = useRef<{ key: string | undefined; live: LiveBook }>({ key, live: new LiveBook() });
  if (bookRef.current.key !== key) bookRef.current = { key, live: new LiveBook() };
  const [version, setVersion] = useState(0);
  const drawTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const scheduleDraw = () => {
    if (drawTimer.current !== undefined) return;
    drawTimer.current = setTimeout(() => {
      drawTimer.current = undefined;
      setVersion((value) => value + 1);
    }, BOOK_DRAW_MS);
  };
  useEffect(() => () => clearTimeout(drawTimer.current), []);

  useLiveChannel(plan?.book, (event: LiveEvent) => {
    const live = bookRef.current.live;
    if (event.type === 'data') {
      const result = live.apply(event.data);
      if (result === 'resync' && plan) liveClient().requestResync(plan.book);
      if (result !== 'ignored') scheduleDraw();
    } else if (event.type === 'resync') {
      live.resyncedByServer();
      if (event.snapshot !== undefined) live.apply(event.snapshot);
      scheduleDraw();
    }
  });

  // The query's snapshot starts the book when it is newer than what the channel brought.
  useEffect(() => {
    const snapshot = LiveBook.snapshotOf(historyFrames as readonly unknown[] | undefined);
    if (snapshot && bookRef.current.live.applySnapshot(snapshot)) setVersion((value) => value + 1);
  }, [historyFrames]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: version marks a change inside the mutable book
  return useMemo(() => {
    if (!plan) return undefined;
    const frame = bookRef.current.live.frame();
    return frame ? [frame] : historyFrames;
  }, [plan, version, historyFrames]);
}

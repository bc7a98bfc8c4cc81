import type { LiveChannel } from '@nautilus/sdk';
import type { ChannelSource } from './channel-source.ts';
import type { LiveConnection } from './live-connection.ts';

/** A channel message as the hub received it from the bus, with its shared serialized part. */
export interface Envelope {
  data: unknown;
  position: { epoch: string; offset: number } | undefined;
  /** `"data":…,"position":…}`: serialized once, reused for every connection. */
  tail: string;
}

/** One channel this instance listens to: its local subscribers, bus subscription and open source. */
export interface ChannelState {
  key: string;
  topic: string;
  channel: LiveChannel;
  source: ChannelSource;
  lossless: boolean;
  /** Latest-value: merges a waiting value with a newer one (the source's, guarded; else the newer replaces). */
  conflate: (pending: unknown, next: unknown) => unknown;
  subscribers: Set<Subscription>;
  /** Resolves when the bus subscription is live and the source is open. */
  ready: Promise<void>;
  /** Undoes the bus subscription and the source's open. */
  stop: () => Promise<void>;
}

/** One subscription of one connection. Small on purpose: there are connections × channels of them. */
export interface Subscription {
  readonly id: number;
  readonly connection: LiveConnection;
  readonly state: ChannelState;
  /** Lossless: the position of the last message this subscription sent. */
  epoch: string;
  offset: number;
  /** While catching up (replay, snapshot), live messages wait here; undefined when live. */
  buffer: Envelope[] | undefined;
  /** The buffer went over its bound and was dropped: catch up from the log again. */
  overflowed: boolean;
  /** Latest-value: the one value waiting for a slow connection. */
  pending: { data: unknown; tail: string | undefined } | undefined;
  closed: boolean;
}

import type { LiveHub } from './live-hub.ts';

/** What producers (alerts, deployments) need of the hub: publishing, nothing else. */
export type LivePublisher = Pick<LiveHub, 'publish'>;

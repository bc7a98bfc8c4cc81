import { type LiveChannel, NautilusError } from '@nautilus/sdk';
import type { Kysely } from 'kysely';
import type { Tables } from '../../db/tables.ts';
import { getDeployment } from '../../deployments/deployment-store.ts';
import type { ChannelSource } from '../channel-source.ts';

type DeploymentChannel = Extract<LiveChannel, { kind: 'deployment' }>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A deployment's events (lossless): status, account, bars, fills, trades, logs, risk and notices
 * (`DeploymentEvent`), published by the instance running the deployment (and by the one that stops
 * it). Any logged-in user may watch a deployment that exists, as with `deployments.get`/`watch`.
 */
export function deploymentSource(db: Kysely<Tables>): ChannelSource<DeploymentChannel> {
  return {
    kind: 'deployment',
    async authorize(channel) {
      if (!UUID.test(channel.deploymentId)) {
        throw NautilusError.validation('live channel', [
          { path: 'channel.deploymentId', message: `expected a deployment id (a UUID), got '${channel.deploymentId}'` },
        ]);
      }
      await getDeployment(db, channel.deploymentId);
    },
  };
}

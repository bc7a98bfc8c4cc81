import type { LiveChannel } from '@nautilus/sdk';
import type { ChannelSource } from '../channel-source.ts';

type AlertsChannel = Extract<LiveChannel, { kind: 'alerts' }>;

/**
 * Risk alerts (lossless): every alert `recordAlerts` stores is published on this channel by the
 * instance that stored it. Any logged-in user may subscribe, as any user may list alerts
 * (`risk.alerts` is a viewer procedure); the gateway has authenticated the user already.
 */
export function alertsSource(): ChannelSource<AlertsChannel> {
  return {
    kind: 'alerts',
    async authorize() {},
  };
}

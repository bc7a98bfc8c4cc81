import { describe, expect, it } from 'vitest';
import { parseClientMessage } from './client-messages.ts';

describe('parseClientMessage', () => {
  it('accepts each message the protocol defines, as sent', () => {
    const messages = [
      { type: 'subscribe', id: 1, channel: { kind: 'bars', dataSource: 'a.b/c', symbol: 'SIM:AAPL', timeframe: '1m' } },
      { type: 'subscribe', id: 2, channel: { kind: 'forming', dataSource: 'a.b/c', symbol: 'X', timeframe: '1d' } },
      { type: 'subscribe', id: 3, channel: { kind: 'book', dataSource: 'a.b/book', symbol: 'X' } },
      { type: 'subscribe', id: 4, channel: { kind: 'alerts' }, from: { epoch: 'e', offset: 0 } },
      { type: 'subscribe', id: 5, channel: { kind: 'deployment', deploymentId: 'd' }, from: { epoch: 'e', offset: 12 } },
      { type: 'unsubscribe', id: 1 },
      { type: 'resync', id: 3 },
      { type: 'ping', time: 1.5 },
    ];
    for (const message of messages) expect(parseClientMessage(message)).toEqual(message);
  });

  it('names the field of what it refuses, and the subscription when the message names one', () => {
    const cases: [unknown, string, number | undefined][] = [
      ['subscribe', 'message', undefined],
      [{ type: 'subscribe', id: -1, channel: { kind: 'alerts' } }, 'id', -1],
      [{ type: 'subscribe', id: 7 }, 'channel', 7],
      [{ type: 'subscribe', id: 7, channel: { kind: 'quotes' } }, 'channel.kind', 7],
      [
        { type: 'subscribe', id: 7, channel: { kind: 'bars', dataSource: 'a.b/c', symbol: '', timeframe: '1m' } },
        'channel.symbol',
        7,
      ],
      [
        { type: 'subscribe', id: 7, channel: { kind: 'bars', dataSource: 'a.b/c', symbol: 'X', timeframe: '2m' } },
        'channel.timeframe',
        7,
      ],
      [{ type: 'subscribe', id: 7, channel: { kind: 'book', dataSource: 'a.b/c', symbol: 'X', depth: 5 } }, 'channel.depth', 7],
      [{ type: 'subscribe', id: 7, channel: { kind: 'deployment', deploymentId: 'x'.repeat(201) } }, 'channel.deploymentId', 7],
      [{ type: 'subscribe', id: 7, channel: { kind: 'alerts' }, from: { epoch: 'e', offset: 1.5 } }, 'from.offset', 7],
      [{ type: 'subscribe', id: 7, channel: { kind: 'alerts' }, from: { offset: 1 } }, 'from.epoch', 7],
      [{ type: 'subscribe', id: 7, channel: { kind: 'alerts' }, extra: true }, 'extra', 7],
      [{ type: 'unsubscribe' }, 'id', undefined],
      [{ type: 'ping', time: 'now' }, 'time', undefined],
      [{ type: 'publish', id: 3 }, 'type', 3],
    ];
    for (const [message, field, id] of cases) {
      expect(parseClientMessage(message), JSON.stringify(message)).toMatchObject({ field, id });
    }
  });
});

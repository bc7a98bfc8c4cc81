import type { Frame, TimeSeriesFrame } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { Bulk, BulkReader } from './bulk-pipe.ts';
import { Channel, decodeFrames, encodeFrames, inlineBulk, type WireMessage } from './wire.ts';

const frames: Frame[] = [
  {
    kind: 'ohlcv',
    symbol: 'X',
    timeframe: '1m',
    time: [1, 2],
    open: [1.5, 2],
    high: [2, 3],
    low: [1, 1],
    close: [2, 2.5],
    volume: [10, 0],
  },
  { kind: 'timeseries', series: [{ name: 'a', time: [1, 2, 3], values: [0.1, 0.2, 0.3] }] },
  { kind: 'table', columns: [{ name: 'n', type: 'number' }], rows: [[1], [null]] },
  { kind: 'scalar', value: 4 },
];

/** Two channels wired back to back, the plugin's end writing number columns on a bulk pipe cut into odd-sized chunks. */
function pair(chunkBytes: number) {
  const reader = new BulkReader();
  let host: Channel;
  const plugin = new Channel((message) => queueMicrotask(() => host.receive(structuredClone(message))), {
    write: (arrays) => {
      for (const array of arrays) {
        const bytes = Buffer.from(array.buffer, array.byteOffset, array.byteLength);
        for (let offset = 0; offset < bytes.length; offset += chunkBytes)
          reader.push(bytes.subarray(offset, offset + chunkBytes));
      }
    },
  });
  host = new Channel((message: WireMessage) => queueMicrotask(() => plugin.receive(structuredClone(message))), { read: reader });
  return { host, plugin };
}

describe('the plugin channel', () => {
  it('gives back the same frames after the bulk pipe, whatever the chunking', async () => {
    for (const chunkBytes of [1, 7, 8, 1_000]) {
      const { host, plugin } = pair(chunkBytes);
      plugin.handle('query', async () => encodeFrames(frames));
      expect(decodeFrames(await host.call('query', []))).toEqual(frames);
    }
  });

  it('keeps replies and streamed items in order while bulk bytes are on their way', async () => {
    const { host, plugin } = pair(3);
    plugin.handle('stream', async (_args, { item }) => {
      for (let value = 0; value < 20; value++)
        item(value % 2 ? value : encodeFrames([{ kind: 'timeseries', series: [{ name: 's', time: [value], values: [value] }] }]));
      return 'done';
    });
    const seen: unknown[] = [];
    const result = await host.call('stream', [], {
      onItem: (item) =>
        seen.push(item instanceof Bulk ? (decodeFrames(item) as TimeSeriesFrame[])[0]?.series[0]?.values[0] : item),
    });
    expect(result).toBe('done');
    expect(seen).toEqual(Array.from({ length: 20 }, (_, index) => index));
  });

  it('leaves malformed columns for the host to judge instead of hiding them as NaN', () => {
    const bad = [{ kind: 'timeseries', series: [{ name: 's', time: [1, 'two'], values: [1, 2] }] }];
    const encoded = encodeFrames(bad) as Bulk;
    expect(encoded.arrays).toHaveLength(1);
    expect(decodeFrames(encoded)).toEqual(bad);
    expect(inlineBulk(encoded)).toEqual([
      { kind: 'timeseries', series: [{ name: 's', time: [1, 'two'], values: new Float64Array([1, 2]) }] },
    ]);
  });

  it('carries errors with their code and fields, and fails waiting calls when the other end goes away', async () => {
    const { host, plugin } = pair(8);
    plugin.handle('fail', async () => {
      throw Object.assign(new Error('bad symbol'), {
        name: 'NautilusError',
        code: 'VALIDATION',
        fields: [{ path: 'symbol', message: 'unknown' }],
      });
    });
    await expect(host.call('fail', [])).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'symbol', message: 'unknown' }],
    });
    plugin.handle('hang', () => new Promise(() => {}));
    const hanging = host.call('hang', []);
    host.failAll({ name: 'NautilusError', code: 'PLUGIN_FAILED', message: 'gone' });
    await expect(hanging).rejects.toMatchObject({ code: 'PLUGIN_FAILED' });
  });
});

import { describe, expect, it } from 'vitest';
import { type ServerSentEvent, serverSentEvents } from './server-sent-events.ts';

/** A stream that delivers `chunks` as they are cut, to catch lines and characters split across reads. */
function streamOf(chunks: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      controller.close();
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  for await (const event of serverSentEvents(stream)) events.push(event);
  return events;
}

describe('serverSentEvents', () => {
  it('parses data lines split across chunks, CRLF line ends and named events', async () => {
    const events = await collect(
      streamOf([
        'data: {"a":',
        '1}\n\n',
        ': ping\n\n',
        'event: ping\r\ndata:\r\n\r\n',
        'id: 7\nevent: status\ndata: "x"\r',
        '\n\r\n',
      ]),
    );
    expect(events).toEqual([
      { event: 'message', data: { a: 1 } },
      { event: 'status', data: 'x' },
    ]);
  });

  it('joins multi-line data and keeps a character cut between two reads', async () => {
    const euro = new TextEncoder().encode('data: "€"\n\n');
    const events = await collect(streamOf(['data: [1,\ndata: 2]\n\n', euro.slice(0, 8), euro.slice(8)]));
    expect(events).toEqual([
      { event: 'message', data: [1, 2] },
      { event: 'message', data: '€' },
    ]);
  });
});

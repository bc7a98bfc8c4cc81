/** One server-sent event: its type (`message` unless the stream names one) and its data parsed as JSON. */
export interface ServerSentEvent {
  event: string;
  data: unknown;
}

/**
 * The events of a server-sent event stream, their data parsed as JSON. Comments (`: ping`) and events
 * without data are skipped; multi-line data is joined with newlines as the spec says.
 */
export async function* serverSentEvents(body: ReadableStream<Uint8Array>, signal?: AbortSignal): AsyncGenerator<ServerSentEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const onAbort = () => void reader.cancel().catch(() => {});
  signal?.addEventListener('abort', onAbort, { once: true });
  let buffer = '';
  let data: string[] = [];
  let event = 'message';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end = lineEnd(buffer);
      while (end) {
        const line = buffer.slice(0, end.at);
        buffer = buffer.slice(end.at + end.length);
        if (line === '') {
          // Keep-alive pings carry an empty data line: nothing to hand on.
          const text = data.join('\n');
          if (text !== '') yield { event, data: parseData(text) };
          data = [];
          event = 'message';
        } else if (line.startsWith('data:')) {
          data.push(fieldValue(line, 5));
        } else if (line.startsWith('event:')) {
          event = fieldValue(line, 6);
        }
        end = lineEnd(buffer);
      }
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await reader.cancel().catch(() => {});
  }
}

/** Where the first line of `text` ends (`\r\n`, `\n` or `\r`), or nothing while it may still be arriving. */
function lineEnd(text: string): { at: number; length: number } | undefined {
  const match = /\r\n|\n|\r/.exec(text);
  if (!match) return undefined;
  // A lone \r at the end may be the first half of \r\n: wait for the next chunk.
  if (match[0] === '\r' && match.index === text.length - 1) return undefined;
  return { at: match.index, length: match[0].length };
}

/** A field's value: what follows its colon, less one leading space. */
function fieldValue(line: string, colon: number): string {
  return line.slice(line[colon] === ' ' ? colon + 1 : colon);
}

/** JSON data parsed; data that is not JSON is handed on as the text it is. */
function parseData(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

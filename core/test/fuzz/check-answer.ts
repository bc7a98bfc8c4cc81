/** What one fuzz request got back: the status, and per call (one, or one per batch entry) its data or error. */
export interface Answer {
  status: number;
  text: string;
  calls: { data?: any; error?: any }[];
}

/** Reads a body; a server-sent event stream is read until its first error or end, or for `streamMs` at most. */
async function readText(response: Response, streamMs: number): Promise<string> {
  if (!response.headers.get('content-type')?.includes('text/event-stream')) return response.text();
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + streamMs;
  for (;;) {
    const left = deadline - Date.now();
    const next = await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), left))]);
    if (next === null || next.done) break;
    text += decoder.decode(next.value, { stream: true });
    if (/event: (serialized-error|return)\n/.test(text)) break;
  }
  await reader.cancel().catch(() => {});
  return text;
}

function parseCalls(text: string, contentType: string): Answer['calls'] {
  if (contentType.includes('text/event-stream')) {
    return [...text.matchAll(/event: serialized-error\ndata: (.*)\n/g)].map((match) => ({
      error: JSON.parse(match[1] as string),
    }));
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [];
  }
  const entries = Array.isArray(body) ? body : [body];
  return entries.map((entry) => ({ data: entry?.result?.data, error: entry?.error }));
}

/** Reads a response to a fuzz request. */
export async function readAnswer(response: Response, streamMs = 1_000): Promise<Answer> {
  const text = await readText(response, streamMs);
  return { status: response.status, text, calls: parseCalls(text, response.headers.get('content-type') ?? '') };
}

/**
 * What is wrong with an answer to a /trpc request, if anything: a 5xx, an error without a
 * `nautilus.code`, or one whose code is INTERNAL (a failure the server did not foresee).
 */
export function answerProblems(label: string, answer: Answer): string[] {
  const problems: string[] = [];
  const excerpt = answer.text.slice(0, 400);
  if (answer.status >= 500) problems.push(`${label}: HTTP ${answer.status} ${excerpt}`);
  if (answer.status >= 400 && !answer.calls.some((call) => call.error)) {
    problems.push(`${label}: HTTP ${answer.status} without a tRPC error body: ${excerpt}`);
  }
  if (problems.length) return problems;
  // Streams (JSON lines, events) are not parsed call by call: their text must not hold an INTERNAL code either.
  if (/"nautilus":\{"code":"INTERNAL"/.test(answer.text) && !answer.calls.some((call) => call.error)) {
    problems.push(`${label}: nautilus.code INTERNAL in the stream: ${excerpt}`);
  }
  for (const call of answer.calls) {
    if (!call.error) continue;
    const code = call.error?.data?.nautilus?.code;
    if (typeof code !== 'string') problems.push(`${label}: error without nautilus.code: ${excerpt}`);
    else if (code === 'INTERNAL') problems.push(`${label}: nautilus.code INTERNAL: ${excerpt}`);
  }
  return problems;
}

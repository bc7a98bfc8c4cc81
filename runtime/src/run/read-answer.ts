import { engineError } from './strategy-errors.ts';

/**
 * What an isolate call answered (see IsolateEngine): checked to be an answer at all; an engine that
 * failed becomes INTERNAL. Its size was bounded inside the isolate, where the engine built it.
 */
export function readAnswer(answer: unknown): Record<string, unknown> {
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) throw malformed('no output');
  const failure = (answer as { engineFailure?: { name?: unknown; message?: unknown } }).engineFailure;
  if (failure !== undefined) throw engineError(`${String(failure?.name)}: ${String(failure?.message)}`);
  return answer as Record<string, unknown>;
}

/** Appends a chunk of records (`[list, records][]`) to the lists of `output`, which must have them. */
export function appendItems(output: unknown, items: unknown): void {
  if (typeof output !== 'object' || output === null || !Array.isArray(items)) throw malformed('no records');
  for (const entry of items) {
    const [key, records] = Array.isArray(entry) ? entry : [];
    const list = typeof key === 'string' && Object.hasOwn(output, key) ? (output as Record<string, unknown>)[key] : undefined;
    if (!Array.isArray(list) || !Array.isArray(records)) throw malformed('records for a list it does not have');
    // The first chunk of a list takes its place as it is (one chunk is the common case).
    if (list.length === 0) (output as Record<string, unknown>)[key] = records;
    else for (const record of records) list.push(record);
  }
}

function malformed(problem: string) {
  return engineError(`the engine returned malformed output (${problem})`);
}

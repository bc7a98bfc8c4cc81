// The entry point of a session process: a strategy's isolate, away from the server's own heap, so a
// strategy that makes V8 give up (an out-of-memory abort isolated-vm cannot turn into an error) ends
// this process only. Started by session-process-pool.ts with an empty environment; it takes an
// `open`, the session's calls one at a time, then a `close` (the isolate is disposed and the process
// may host the next session, in a fresh isolate), and exits as soon as the server is gone.
import { isNautilusError } from '@nautilus/sdk';
import { createIsolateSession } from './isolate-session.ts';
import type { CarriedError, FromSessionProcess, ToSessionProcess } from './session-protocol.ts';
import type { RunUsage, StrategySession } from './strategy-session.ts';

if (!process.send) throw new Error('session-process-main.ts runs as a child process with an IPC channel');
const send = (message: FromSessionProcess) => process.send!(message);

let session: StrategySession | undefined;
let bundle: string | undefined;

function carry(error: unknown): CarriedError {
  if (isNautilusError(error)) {
    const cause = error.cause instanceof Error ? error.cause.message : undefined;
    return {
      code: error.code,
      message: error.message,
      fields: error.fields,
      details: error.details,
      ...(cause ? { cause: cause.slice(0, 2_000) } : {}),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `The strategy's session failed: ${message.slice(0, 2_000)}`, fields: [], details: {} };
}

function usage(): RunUsage | undefined {
  try {
    return session?.usage();
  } catch {
    return undefined;
  }
}

async function answer(message: Exclude<ToSessionProcess, { kind: 'close' }>): Promise<unknown> {
  if (message.kind === 'open') {
    if (session) throw new Error('this session process already holds a strategy');
    bundle = message.bundle ?? bundle;
    if (bundle === undefined) throw new Error('the first open of a session process brings the engine bundle');
    session = await createIsolateSession(message.compiled, message.seed, message.limits, bundle);
    return null;
  }
  if (!session) throw new Error('no strategy is open in this session process');
  const [first, second, third] = message.args;
  switch (message.method) {
    case 'describe':
      return session.describe();
    case 'start':
      return session.start(first as Parameters<StrategySession['start']>[0]);
    case 'push':
      return session.push(first as Float64Array, second as number, third as Float64Array | undefined);
    case 'stop':
      return session.stop();
    case 'account':
      return session.account();
  }
}

process.on('message', (message: ToSessionProcess) => {
  if (message.kind === 'close') {
    session?.dispose();
    session = undefined;
    return;
  }
  answer(message).then(
    (value) => send({ kind: 'answer', id: message.id, ok: true, value, usage: usage() ?? emptyUsage() }),
    (error: unknown) => send({ kind: 'answer', id: message.id, ok: false, error: carry(error), usage: usage() }),
  );
});

// The server is gone (it exited, crashed or closed the channel): so is the reason to run.
process.on('disconnect', () => {
  session?.dispose();
  process.exit(0);
});

function emptyUsage(): RunUsage {
  return { cpuMs: 0, wallMs: 0, heap: null };
}

send({ kind: 'ready' });

import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { sessionProcessEntry, sessionProcessEntryNow } from './session-process-entry.ts';
import type { FromSessionProcess, ToSessionProcess } from './session-protocol.ts';

/** The end of a session process's stderr kept to say why it died (V8 prints its fatal error there). */
const STDERR_TAIL = 2_000;
/** Idle session processes kept for the next sessions. */
const MAX_IDLE = 2;
/** A process is retired, not reused, after this many sessions or above this resident size. */
const MAX_SESSIONS_PER_PROCESS = 200;
const MAX_IDLE_RESIDENT_BYTES = 256 * 2 ** 20;

/** What a session listens to while it holds a process. */
export interface SessionListeners {
  message(message: FromSessionProcess): void;
  /** The process has gone, with how it went ("was killed by SIGKILL", …). */
  exit(how: string): void;
}

/** One session process, as the server sees it. */
export interface SessionProcess {
  readonly pid: number | undefined;
  /** False once it has exited (or could not start). */
  readonly alive: boolean;
  /** Sends once the process has said it is ready. */
  send(message: ToSessionProcess): void;
  /** The session that holds the process hears its answers and its end; undefined: nobody does. */
  attach(listeners: SessionListeners | undefined): void;
  /** Its resident memory now, in bytes (Linux, from /proc); undefined elsewhere or once gone. */
  residentBytes(): number | undefined;
  /** While busy the process keeps the server's event loop alive (an answer is awaited); idle, it does not. */
  busy(busy: boolean): void;
  /** SIGKILL. Safe to call twice. */
  kill(): void;
  /** Sessions it has hosted. */
  sessions: number;
}

/**
 * Starts a session process: Node with nothing from the server's environment (no secrets, no
 * DATABASE_URL), no stdin or stdout, stderr kept for its last words, and an IPC channel that ends it
 * when the server goes (see session-process-main.ts).
 */
export function spawnSessionProcess(): SessionProcess {
  let child: ChildProcess;
  let alive = true;
  let ready = false;
  let stderr = '';
  let listeners: SessionListeners | undefined;
  const queue: ToSessionProcess[] = [];
  try {
    child = fork(sessionProcessEntryNow(), [], {
      execPath: process.execPath,
      execArgv: ['--no-node-snapshot'],
      env: {},
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
  } catch (error) {
    return deadProcess(`could not start: ${(error as Error).message}`);
  }
  const gone = (how: string) => {
    if (!alive) return;
    alive = false;
    living.delete(child);
    listeners?.exit(how);
  };
  living.add(child);
  if (living.size === 1 && !exitHooked) {
    exitHooked = true;
    // A session process leaves on its own when the channel closes; this covers a server whose main
    // thread exits while a child's is busy.
    process.once('exit', () => {
      for (const each of living) each.kill('SIGKILL');
    });
  }
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_TAIL);
  });
  child.on('message', (message: FromSessionProcess) => {
    if (message.kind === 'ready') {
      ready = true;
      for (const queued of queue.splice(0)) child.send(queued);
      return;
    }
    listeners?.message(message);
  });
  child.on('error', (error) => gone(`failed: ${error.message}`));
  child.on('exit', (code, signal) => {
    const last = lastWords(stderr);
    gone(`${signal ? `was killed by ${signal}` : `exited with code ${code}`}${last ? ` (${last})` : ''}`);
  });
  const idle = () => {
    child.unref();
    (child.channel as { unref?: () => void } | undefined)?.unref?.();
    (child.stderr as { unref?: () => void } | null)?.unref?.();
  };
  idle();

  return {
    sessions: 0,
    get pid() {
      return child.pid;
    },
    get alive() {
      return alive;
    },
    send(message) {
      if (!alive) return;
      if (ready) child.send(message);
      else queue.push(message);
    },
    attach(next) {
      listeners = next;
    },
    residentBytes() {
      if (!alive || child.pid === undefined) return undefined;
      return residentBytesOf(child.pid);
    },
    busy(busy) {
      if (!alive) return;
      if (busy) {
        child.ref();
        (child.channel as { ref?: () => void } | undefined)?.ref?.();
      } else idle();
    },
    kill() {
      if (alive) child.kill('SIGKILL');
    },
  };
}

/** VmRSS from /proc/<pid>/status, in bytes; undefined where there is no /proc or the process is gone. */
export function residentBytesOf(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** The one line of a dying process's stderr worth quoting: V8's fatal error, if it printed one. */
function lastWords(stderr: string): string {
  const fatal = /(Fatal [^\n]*|FATAL ERROR[^\n]*|[^\n]*out of memory[^\n]*)/i.exec(stderr)?.[1];
  return (fatal ?? '').trim().slice(0, 200);
}

function deadProcess(how: string): SessionProcess {
  return {
    sessions: 0,
    pid: undefined,
    alive: false,
    send() {},
    attach: (listeners) => listeners?.exit(how),
    residentBytes: () => undefined,
    busy() {},
    kill() {},
  };
}

const idle: SessionProcess[] = [];
/** Every session process still running, to end them with the server. */
const living = new Set<ChildProcess>();
let exitHooked = false;

/**
 * A session process for a new session: an idle one when one is waiting (started, modules loaded,
 * its last session's isolate disposed), else a new one; when none is left idle, one is started in
 * the background for the next session. Nothing is started before the first sandboxed session, and
 * an idle process never keeps the server running.
 */
export function takeSessionProcess(): SessionProcess {
  let taken: SessionProcess | undefined;
  while (!taken?.alive && idle.length > 0) taken = idle.pop();
  if (!taken?.alive) taken = spawnSessionProcess();
  taken.sessions++;
  if (idle.length === 0) {
    setImmediate(() => {
      if (idle.length === 0) idle.push(spawnSessionProcess());
    }).unref();
  }
  return taken;
}

/**
 * Takes back a process whose session ended cleanly (its isolate disposed by the `close` just sent) for
 * a later session, or retires it: when enough are idle, after many sessions, or when it has grown.
 */
export function releaseSessionProcess(worker: SessionProcess): void {
  worker.attach(undefined);
  worker.busy(false);
  const resident = worker.residentBytes() ?? 0;
  const keep =
    worker.alive && idle.length < MAX_IDLE && worker.sessions < MAX_SESSIONS_PER_PROCESS && resident < MAX_IDLE_RESIDENT_BYTES;
  if (keep) idle.push(worker);
  else worker.kill();
}

/** Ends every idle session process (tests that count processes; a server shutting down). */
export function endIdleSessionProcesses(): void {
  for (const worker of idle.splice(0)) worker.kill();
}

/**
 * Starts one idle session process ahead of the first session (a server calls it once it is up), so
 * even the first backtest finds one waiting. Builds the process's entry first.
 */
export async function prepareSessionProcesses(): Promise<void> {
  await sessionProcessEntry();
  if (idle.length === 0) idle.push(spawnSessionProcess());
}

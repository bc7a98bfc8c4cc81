import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../cli.ts', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Everything the process printed on stdout so far. */
  output(): string;
  stop(): Promise<number | null>;
}

/**
 * Starts `nautilus start` as a user would, on a free port, and waits until it is ready: its URL from
 * the log, then `/readyz` answering 200 (start-up done: migrations, first admin, plugins, strategy services).
 * The wait is generous: it is not a measure of start-up time (`npm run bench` has that), and on two
 * cores shared with other test files and a type-check, migrations on PGlite alone took 30 s once.
 */
export async function startServerProcess(env: Record<string, string>, timeoutMs = 120_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--no-node-snapshot', cli, 'start', '--port', '0'], {
    env: { ...process.env, NAUTILUS_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const deadline = Date.now() + timeoutMs;
  const failed = () => new Error(`server did not become ready in ${timeoutMs} ms:\n${stdout}\n${stderr}`);
  let exited: Error | undefined;
  child.once('exit', (code) => {
    exited = new Error(`server exited with ${code}:\n${stdout}\n${stderr}`);
  });
  let url: string | undefined;
  for (;;) {
    if (exited) throw exited;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw failed();
    }
    url ??= /"url":"(http:\/\/[^"]+)"[^\n]*"msg":"Nautilus is starting"/.exec(stdout)?.[1];
    if (url && (await ready(url))) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    child,
    url,
    output: () => stdout,
    stop: () =>
      new Promise((resolve) => {
        // A process ended by a signal (a test's kill -9) has no exit code, only a signal code.
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

/** True once the server answers `/readyz` with 200; false while it starts (503) or cannot be reached. */
async function ready(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/readyz`);
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

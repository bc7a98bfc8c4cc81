import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What confines an isolated plugin on this machine, part by part; the Plugins page shows it. */
export interface IsolationReport {
  mode: 'process' | 'in-process';
  /** Each part and how it is enforced, or why it is not. */
  parts: { part: 'memory' | 'cpu' | 'files' | 'processes' | 'environment' | 'network'; enforced: boolean; how: string }[];
}

let namespaces: boolean | undefined;

/** True when this user may start a process in a network namespace of its own (`unshare -rn`). */
export function networkNamespaceAvailable(): boolean {
  if (namespaces === undefined) {
    const probe = spawnSync('unshare', ['-rn', 'true'], { stdio: 'ignore', timeout: 5_000 });
    namespaces = probe.status === 0;
  }
  return namespaces;
}

/** The report for a plugin run in its own process with these limits. */
export function processIsolationReport(memoryMb: number): IsolationReport {
  const network = networkNamespaceAvailable();
  return {
    mode: 'process',
    parts: [
      { part: 'memory', enforced: true, how: `heap capped at ${memoryMb} MB; over it the process is stopped and restarted` },
      {
        part: 'cpu',
        enforced: true,
        how: 'runs at a lower priority than the server (nice 10); a call that outlives its timeout by 1 s, or a missed heartbeat, restarts it',
      },
      {
        part: 'files',
        enforced: true,
        how: "Node's permission model: reads only its own folder, the sdk and its declared dependencies; writes only its data folder",
      },
      { part: 'processes', enforced: true, how: "Node's permission model: no child processes, worker threads, addons or WASI" },
      {
        part: 'environment',
        enforced: true,
        how: 'started with an empty environment; secrets it declared arrive through ctx.secrets',
      },
      network
        ? {
            part: 'network',
            enforced: true,
            how: 'a network namespace with no interfaces: only ctx.fetch, through the host, reaches declared hosts',
          }
        : {
            part: 'network',
            enforced: false,
            how: 'not enforced here: this machine does not allow unprivileged network namespaces (unshare -rn); ctx.fetch still checks declared hosts, but direct sockets are not blocked',
          },
    ],
  };
}

/** Reported for a first-party plugin the configuration keeps in the server's process. */
export const IN_PROCESS_REPORT: IsolationReport = {
  mode: 'in-process',
  parts: [
    {
      part: 'memory',
      enforced: false,
      how: 'runs in the server process (first-party, NAUTILUS_PLUGIN_ISOLATION=third-party); set it to "all" to isolate it',
    },
  ],
};

/**
 * The folders a plugin's process may read: its own, the sdk's, this folder (the process entry), and
 * where its declared dependencies really live (a pnpm store is allowed as a whole: library code only).
 */
export function readableFolders(pluginDir: string, sdkRoot: string): string[] {
  const folders = new Set([pluginDir, sdkRoot, dirname(fileURLToPath(import.meta.url))]);
  // A dependency linked from outside the store (a workspace package such as @nautilus/indicators)
  // brings its own dependencies: follow those too, once each.
  const visit = (packageDir: string) => {
    const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    for (const name of Object.keys(pkg.dependencies ?? {})) {
      const linked = join(packageDir, 'node_modules', name);
      if (!existsSync(linked)) continue;
      const real = realpathSync(linked);
      const store = real.indexOf(`${sep}node_modules${sep}.pnpm${sep}`);
      const folder = store >= 0 ? real.slice(0, store + `${sep}node_modules${sep}.pnpm`.length) : real;
      if (folders.has(folder)) continue;
      folders.add(folder);
      if (store < 0) visit(real);
    }
  };
  visit(pluginDir);
  return [...folders];
}

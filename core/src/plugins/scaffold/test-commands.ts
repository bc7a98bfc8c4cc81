import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Helpers for the scaffold's tests: they run the generated package's own npm scripts, as its author would.

export const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

/** PATH with this Node first (so npm, which runs on `node` from PATH, runs on Node 24) and the given bin folders. */
export function pathWith(...folders: string[]): string {
  return [dirname(process.execPath), ...folders, process.env.PATH ?? ''].join(delimiter);
}

export interface CommandResult {
  code: number;
  output: string;
}

/** Runs a command, never throwing: its exit code and its stdout and stderr together, for failure messages. */
export function run(
  command: string,
  args: string[],
  options: { cwd: string; path?: string; timeoutMs?: number; env?: Record<string, string> },
): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd,
        env: {
          ...process.env,
          ...options.env,
          PATH: options.path ?? pathWith(),
          npm_config_update_notifier: 'false',
          NO_COLOR: '1',
        },
        timeout: options.timeoutMs ?? 120_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}${stderr}${error && code === 1 && !stderr ? error.message : ''}` });
      },
    );
  });
}

/** Fails with the command's output when it did not exit 0. */
export async function succeed(command: string, args: string[], options: Parameters<typeof run>[2]): Promise<string> {
  const result = await run(command, args, options);
  if (result.code !== 0)
    throw new Error(`${command} ${args.join(' ')} exited ${result.code} in ${options.cwd}:\n${result.output}`);
  return result.output;
}

/**
 * Puts a workspace package into `nodeModules` as it is published: its dist/ built by its
 * tsconfig.build.json and a package.json whose `exports` are the publishConfig ones, as `pnpm pack`
 * writes them. For tests that need the packed layout without packing (fast, offline).
 */
export async function installAsPublished(workspaceDir: string, nodeModules: string): Promise<void> {
  const pkg = JSON.parse(readFileSync(join(REPO, workspaceDir, 'package.json'), 'utf8')) as Record<string, unknown>;
  const target = join(nodeModules, pkg.name as string);
  mkdirSync(target, { recursive: true });
  const tsc = join(REPO, 'node_modules/.bin/tsc');
  await succeed(tsc, ['-p', 'tsconfig.build.json', '--outDir', join(target, 'dist')], { cwd: join(REPO, workspaceDir) });
  const published = { name: pkg.name, version: pkg.version, type: pkg.type, ...(pkg.publishConfig as object) };
  writeFileSync(join(target, 'package.json'), JSON.stringify(published, null, 2));
}

/** Bin folders of this workspace holding the scaffold's build tools (tsc, esbuild), for offline builds. */
export const WORKSPACE_BINS = [join(REPO, 'node_modules/.bin'), join(REPO, 'runtime/node_modules/.bin')].filter(existsSync);

import { spawn } from 'node:child_process';
import { NautilusError } from '@nautilus/sdk';

/** Runs a PostgreSQL client tool (pg_dump, pg_restore) against `databaseUrl`, its password in PGPASSWORD, not argv. */
export async function runPgTool(tool: 'pg_dump' | 'pg_restore', args: string[], databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (password) env.PGPASSWORD = password;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(tool, [...args, `--dbname=${url.toString()}`], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new NautilusError(
              'NOT_FOUND',
              `${tool} is not on PATH: install the PostgreSQL client tools (the server's major version or newer), or back up and restore by hand as the README's "Backup and restore" says (pg_dump -Fc "$DATABASE_URL" > nautilus.dump, and a copy of the data dir beside it)`,
            )
          : error,
      ),
    );
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new NautilusError('INTERNAL', `${tool} failed (exit ${code}): ${stderr.trim().slice(-2_000)}`)),
    );
  });
}

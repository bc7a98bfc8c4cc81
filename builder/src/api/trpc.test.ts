import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ServerProcess, startServerProcess } from '@nautilus/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PASSWORD = 'builder client password 42';

describe("the app's tRPC client against the real server", () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nautilus-builder-'));
  const browserFetch = globalThis.fetch;
  let server: ServerProcess | undefined;
  beforeAll(async () => {
    server = await startServerProcess({ NAUTILUS_DATA_DIR: dataDir, NAUTILUS_ADMIN_PASSWORD: PASSWORD });
    // The app calls '/trpc' on its own origin, as a page served by the server does.
    const origin = server.url;
    globalThis.fetch = (input, init) => browserFetch(new URL(String(input), origin), init);
  });
  afterAll(async () => {
    globalThis.fetch = browserFetch;
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends auth.login alone (the server refuses it in a batch), even when two go at once', async () => {
    const { trpc } = await import('./trpc.ts');
    const logins = await Promise.all([
      trpc.auth.login.mutate({ username: 'admin', password: PASSWORD }),
      trpc.auth.login.mutate({ username: 'admin', password: PASSWORD }),
    ]);
    expect(logins.map((login) => login.user.username)).toEqual(['admin', 'admin']);
  });
});

import { describe, expect, it } from 'vitest';
import { createStartupGate } from './startup-gate.ts';

const app = { fetch: (request: Request) => new Response(`app answered ${new URL(request.url).pathname}`) };
const get = (gate: ReturnType<typeof createStartupGate>, path: string) => gate.fetch(new Request(`http://127.0.0.1${path}`));

describe('the start-up gate', () => {
  it('answers /readyz with 503 naming the steps still running, then 200 once open', async () => {
    const gate = createStartupGate(['database', 'plugins', 'first admin']);
    let response = await get(gate, '/readyz');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'starting', pending: ['database', 'plugins', 'first admin'] });
    gate.done('database');
    expect(await (await get(gate, '/readyz')).json()).toEqual({ status: 'starting', pending: ['plugins', 'first admin'] });
    gate.open(app);
    response = await get(gate, '/readyz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready' });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('holds back every other request with 503 and Retry-After until open, then hands it to the app', async () => {
    const gate = createStartupGate(['database', 'first admin']);
    for (const path of ['/healthz', '/', '/metrics', '/plugins/x/w.js', '/trpc/auth.login']) {
      const response = await get(gate, path);
      expect(response.status, path).toBe(503);
      expect(response.headers.get('retry-after'), path).toBe('1');
    }
    gate.open(app);
    expect(await (await get(gate, '/healthz')).text()).toBe('app answered /healthz');
    expect(await (await get(gate, '/trpc/auth.login')).text()).toBe('app answered /trpc/auth.login');
  });

  it('answers API calls while starting as tRPC errors with code UNAVAILABLE, one per call of a batch', async () => {
    const gate = createStartupGate(['first admin']);
    const single = await (await get(gate, '/trpc/auth.login')).json();
    expect(single.error.data).toMatchObject({
      httpStatus: 503,
      path: 'auth.login',
      nautilus: { code: 'UNAVAILABLE', details: { retryAfterSeconds: 1, pending: ['first admin'] } },
    });
    expect(single.error.message).toMatch(/Nautilus is starting \(still waiting for: first admin\); retry in 1 s/);
    const batch = await (await get(gate, '/trpc/auth.me,dashboards.list?batch=1&input={}')).json();
    expect(batch.map((item: any) => item.error.data.path)).toEqual(['auth.me', 'dashboards.list']);
  });

  it('answers a malformed %-escape in the procedure path with the same 503, not a failure', async () => {
    const gate = createStartupGate(['first admin']);
    const response = await get(gate, '/trpc/auth.me%E0%A4%A,x%');
    expect(response.status).toBe(503);
    const batch = await (await get(gate, '/trpc/a%,b?batch=1')).json();
    expect(batch.map((item: any) => item.error.data.path)).toEqual(['a%', 'b']);
  });

  it('says stopping on /readyz once the server shuts down, so a balancer drains it', async () => {
    const gate = createStartupGate([]);
    gate.open(app);
    gate.stopping();
    const response = await get(gate, '/readyz');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'stopping' });
  });
});

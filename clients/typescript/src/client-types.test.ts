import { describe, expect, expectTypeOf, it } from 'vitest';
import { createClient } from './create-client.ts';
import type { EventOf, InputOf, OutputOf, ProcedurePath, SubscriptionPath } from './procedures.ts';
import { queryString } from './transport.ts';

// Type-level checks run under `pnpm run typecheck`; the lines with @ts-expect-error fail it if the router's types leak as `any`.
describe('types read from the router', () => {
  it('names procedures by area and verb, subscriptions apart', () => {
    expectTypeOf<'backtests.run'>().toExtend<ProcedurePath>();
    expectTypeOf<'deployments.watch'>().toExtend<SubscriptionPath>();
    expectTypeOf<'deployments.watch'>().not.toExtend<ProcedurePath>();
    expectTypeOf<'backtests.nope'>().not.toExtend<ProcedurePath>();
    expectTypeOf<InputOf<'backtests.get'>>().toEqualTypeOf<{ id: string }>();
    expectTypeOf<OutputOf<'backtests.run'>>().toEqualTypeOf<{ id: string }>();
    expectTypeOf<EventOf<'deployments.watch'>>().not.toBeAny();
  });

  it('types call, its input and its output', () => {
    const client = createClient({ baseUrl: 'http://127.0.0.1:1' });
    const unused = async () => {
      // @ts-expect-error strategyId is a string
      await client.call('backtests.run', { strategyId: 1 });
      // @ts-expect-error not a procedure
      await client.call('backtests.nope', {});
      // @ts-expect-error a subscription is watched, not called
      await client.call('deployments.watch', { id: 'x' });
      const run = await client.backtests.get('id');
      expectTypeOf(run.status).toExtend<string>();
      expectTypeOf(run.metrics).not.toBeAny();
    };
    expect(typeof unused).toBe('function');
  });
});

describe('queryString', () => {
  it('sends top-level strings as they are and other values as JSON text', () => {
    expect(queryString({ id: 'a b', range: { from: 'now-7d' }, limit: 5, skip: undefined })).toBe(
      '?id=a+b&range=%7B%22from%22%3A%22now-7d%22%7D&limit=5',
    );
    expect(queryString(undefined)).toBe('');
    expect(queryString({})).toBe('');
  });
});

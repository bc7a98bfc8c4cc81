import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBacktest } from '../index.ts';
import { BARS } from './hostile-harness.ts';

// Every way a strategy could read the wall clock, the host's time zone or an unseeded random source.
// Each probe logs `name|value`; a time is logged as epoch ms so the test can compare it with the bar's.
const PROBES = `
const G = globalThis as any;
const probe = (name: string, read: () => unknown) => {
  let value: unknown;
  try { value = read(); } catch (error) { value = 'unavailable ' + (error as Error).name; }
  ctx.log(name + '|' + (typeof value === 'number' ? String(value) : String(value)));
};
const time = (date: any) => Date.prototype.getTime.call(date);
probe('time:Date.now', () => Date.now());
probe('time:new Date', () => new Date().getTime());
probe('time:globalThis.Date', () => new G.Date().getTime());
probe('time:globalThis.Date.now', () => G.Date.now());
probe('time:prototype of Date', () => time(new (Object.getPrototypeOf(Date))()));
probe('time:prototype of Date, now', () => Object.getPrototypeOf(Date).now());
probe('time:Reflect.construct', () => time(Reflect.construct(Date, [])));
probe('time:Reflect.construct with another target', () => time(Reflect.construct(Date, [], class Other {})));
probe('time:subclass', () => { class Later extends Date {} return new Later().getTime(); });
probe('time:Date.prototype.constructor', () => time(new (Date.prototype.constructor as any)()));
probe('time:new Date().constructor', () => time(new ((new Date() as any).constructor)()));
probe('time:constructor of the prototype of Date.prototype', () => time(new (Object.getPrototypeOf(Date.prototype).constructor)()));
probe('time:now of the prototype of Date.prototype', () => Object.getPrototypeOf(Date.prototype).constructor.now());
probe('time:Intl format()', () => Date.parse(new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hour12: false }).format() + ' UTC'));
probe('time:Intl format getter', () => Date.parse(Object.getOwnPropertyDescriptor(Intl.DateTimeFormat.prototype, 'format')!.get!.call(new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' }))() + ' UTC'));
probe('time:Intl formatToParts()', () => Date.parse(new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'medium' }).formatToParts().map((part) => part.value).join('') + ' UTC'));
probe('time:Intl called without new', () => Date.parse((Intl.DateTimeFormat as any)('en-US', { dateStyle: 'medium', timeStyle: 'medium' }).format() + ' UTC'));
probe('time:new Date(year, month, …)', () => new Date(2024, 0, 1, 10, 30).getTime() - Date.UTC(2024, 0, 1, 10, 30) + ctx.time);
probe('time:Date.parse of a local ISO time', () => Date.parse('2024-01-01T10:30:00') - Date.UTC(2024, 0, 1, 10, 30) + ctx.time);
probe('time:setHours', () => { const d = new Date(ctx.time); d.setHours(d.getHours()); return d.getTime(); });
probe('string:Date()', () => Date());
probe('string:Date.call', () => (Date as any).call(undefined));
probe('string:Reflect.apply', () => Reflect.apply(Date, undefined, []));
probe('string:toString', () => new Date().toString());
probe('string:toLocaleString', () => new Date().toLocaleString('en-US'));
probe('string:toLocaleDateString', () => new Date().toLocaleDateString('en-US'));
probe('string:toLocaleTimeString', () => new Date().toLocaleTimeString('en-US'));
probe('string:Intl default format()', () => new Intl.DateTimeFormat('en-US').format());
probe('zone:resolvedOptions', () => new Intl.DateTimeFormat().resolvedOptions().timeZone);
probe('zone:Intl called without new', () => (Intl.DateTimeFormat as any)().resolvedOptions().timeZone);
probe('zone:getTimezoneOffset', () => new Date().getTimezoneOffset());
probe('zone:getHours is UTC', () => new Date().getHours() === new Date().getUTCHours());
probe('absent:performance', () => typeof G.performance);
probe('absent:crypto', () => typeof G.crypto);
probe('absent:Temporal', () => typeof G.Temporal);
probe('absent:WeakRef', () => typeof G.WeakRef);
probe('absent:FinalizationRegistry', () => typeof G.FinalizationRegistry);
probe('absent:Atomics', () => typeof G.Atomics);
probe('random:Math.random', () => Math.random());
probe('random:globalThis.Math.random', () => G.Math.random());
probe('random:Math.random descriptor', () => Object.getOwnPropertyDescriptor(G.Math, 'random')!.value());
probe('random:ctx.random', () => ctx.random());
`;

const STRATEGY = `export default defineStrategy({ onStart(ctx) { ${PROBES} }, onBar(ctx) { if (ctx.barIndex === 3) { ${PROBES} } } });`;

/** What `Date.prototype.toString` prints for `time` in UTC, built from the UTC fields by hand. */
function utcString(time: number): string {
  const [weekday, day, month, year, clock] = new Date(time).toUTCString().replace(',', '').split(' ');
  return `${weekday} ${month} ${day} ${year} ${clock} GMT+0000 (Coordinated Universal Time)`;
}

const format = (time: number, options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat('en-US', { ...options, timeZone: 'UTC' }).format(time);

describe('sandbox: the only clock is the simulation', () => {
  const zone = process.env.TZ;
  // A zone 14 hours from UTC: any local time that leaks shows up as a different day and hour.
  beforeAll(() => {
    process.env.TZ = 'Pacific/Kiritimati';
  });
  afterAll(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('gives every time source the simulated time, UTC, and the seeded random, identically on every run', async () => {
    const first = await runBacktest({ source: STRATEGY, bars: BARS });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const second = await runBacktest({ source: STRATEGY, bars: BARS });
    expect(second.logs).toEqual(first.logs);

    for (const line of first.logs) {
      const [name, value] = line.message.split('|') as [string, string];
      const at = line.barIndex === -1 ? BARS.time[0]! : BARS.time[line.barIndex]!;
      const [kind] = name.split(':');
      if (kind === 'time') {
        // A source may be gone altogether; if it answers, it answers the simulated time.
        if (!value.startsWith('unavailable')) expect([name, Number(value)]).toEqual([name, at]);
      } else if (kind === 'string') {
        const expected: Record<string, string> = {
          'string:toLocaleString': format(at, {
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
            second: 'numeric',
          }),
          'string:toLocaleDateString': format(at, { year: 'numeric', month: 'numeric', day: 'numeric' }),
          'string:toLocaleTimeString': format(at, { hour: 'numeric', minute: 'numeric', second: 'numeric' }),
          'string:Intl default format()': format(at, {}),
        };
        expect([name, value]).toEqual([name, expected[name] ?? utcString(at)]);
      } else if (kind === 'zone') {
        expect([name, value]).toEqual([name, { 'zone:getTimezoneOffset': '0', 'zone:getHours is UTC': 'true' }[name] ?? 'UTC']);
      } else if (kind === 'absent') {
        expect([name, value]).toEqual([name, 'undefined']);
      } else {
        expect(Number(value)).toBeGreaterThanOrEqual(0);
      }
    }
    expect(
      first.logs.filter((line) => line.message.startsWith('time:') && !line.message.includes('unavailable')).length,
    ).toBeGreaterThan(30);
  });

  it('gives a host run (sandbox: false) the same simulated, UTC Date as the sandbox', async () => {
    const dateOnly = `export default defineStrategy({ onBar(ctx) { if (ctx.barIndex !== 2) return;
      const d = new Date();
      ctx.log(Date.now(), d.getTime(), d.toString(), Date(), d.getHours(), d.getTimezoneOffset(), d.toLocaleString('en-US'),
        new Date(2024, 0, 1, 10).getTime(), Date.parse('2024-01-01T10:00:00'), new Date('2024-01-01T10:00:00').getTime(), Math.random(), ctx.random());
    } });`;
    const sandboxed = await runBacktest({ source: dateOnly, bars: BARS });
    const host = await runBacktest({ source: dateOnly, bars: BARS, sandbox: false });
    expect(host.logs).toEqual(sandboxed.logs);
    expect(sandboxed.logs[0]!.message).toContain(`${BARS.time[2]} ${BARS.time[2]} ${utcString(BARS.time[2]!)}`);
  });
});

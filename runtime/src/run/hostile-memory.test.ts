import { describe, expect, it } from 'vitest';
import { backtest, backtestFile, measure } from './hostile-harness.ts';

// The isolate's 64 MB limit counts its heap and the ArrayBuffers isolated-vm's allocator hands out.
// Anything that commits memory past that allocator (resizable buffers grow in place, ICU objects live
// in C++) would let a strategy take the host's memory: each must be refused or bounded.
const HOST_GROWTH_MB = 150;
const BIG = '512 * 2 ** 20';

/** Tries each attempt in onBar of bar 0 and logs `name ok <byteLength>` or `name refused <error name>`. */
function attempts(tries: Record<string, string>): string {
  const body = Object.entries(tries)
    .map(
      ([name, code]) =>
        `try { const value: any = (() => { ${code} })(); ctx.log(${JSON.stringify(name)}, 'ok', String(value?.byteLength ?? value)); } catch (error) { ctx.log(${JSON.stringify(name)}, 'refused', (error as Error)?.name); }`,
    )
    .join('\n');
  return `if (ctx.barIndex !== 0) return;\n${body}`;
}

describe('sandbox: memory outside the heap limit', () => {
  it('refuses every route to a resizable ArrayBuffer growing past the allocator', async () => {
    const run = await measure(() =>
      backtest(
        attempts({
          resize: `const b = new ArrayBuffer(1024, { maxByteLength: 2 ** 32 }); b.resize(${BIG}); new Uint8Array(b).fill(1); return b;`,
          'resize via the prototype': `const proto: any = Object.getPrototypeOf(new Uint8Array(1).buffer); const b = new proto.constructor(8, { maxByteLength: 2 ** 32 }); proto.resize.call(b, ${BIG}); return b;`,
          'resize via buffer.constructor': `const B: any = new Uint8Array(1).buffer.constructor; const b = new B(8, { maxByteLength: 2 ** 32 }); b.resize(${BIG}); return b;`,
          'Reflect.construct': `const b: any = Reflect.construct(ArrayBuffer, [8, { maxByteLength: 2 ** 32 }]); b.resize(${BIG}); return b;`,
          subclass: `class Big extends ArrayBuffer { constructor() { super(8, { maxByteLength: 2 ** 32 } as any); } } const b: any = new Big(); b.resize(${BIG}); return b;`,
          'transfer of a resizable buffer': `return (new ArrayBuffer(8, { maxByteLength: 2 ** 32 }) as any).transfer(${BIG});`,
          transfer: `return (new ArrayBuffer(8) as any).transfer(${BIG});`,
          transferToFixedLength: `return (new ArrayBuffer(8) as any).transferToFixedLength(${BIG});`,
          'slice with a species': `const b: any = new ArrayBuffer(8); b.constructor = { [Symbol.species]: function (n: number) { return new (ArrayBuffer as any)(n, { maxByteLength: 2 ** 32 }); } }; const s = b.slice(0); s.resize(${BIG}); return s;`,
          'a plain buffer past the limit': `return new ArrayBuffer(${BIG});`,
          'a typed array past the limit': `return new Float64Array(64 * 2 ** 20);`,
          Float16Array: `return new (globalThis as any).Float16Array(${BIG} / 2);`,
          'SharedArrayBuffer.grow': `const S = (globalThis as any).SharedArrayBuffer; const s = new S(8, { maxByteLength: 2 ** 30 }); s.grow(${BIG}); return s;`,
          'SharedArrayBuffer via WebAssembly': `return new (globalThis as any).WebAssembly.Memory({ initial: 1, maximum: 10000, shared: true }).grow(8000);`,
        }),
      ),
    );
    expect(run.error).toBeUndefined();
    const outcomes = run.value!.logs.map((line) => line.message);
    // Every attempt failed: nothing came back with a byte length.
    expect(outcomes.filter((line) => / ok /.test(line))).toEqual([]);
    expect(outcomes).toHaveLength(14);
    expect(run.peakRssGrowthMb).toBeLessThan(HOST_GROWTH_MB);
  });

  it('keeps the resize functions out of reach of every path to the prototypes', async () => {
    const { logs } = await backtest(`
      if (ctx.barIndex !== 0) return;
      const proto: any = Object.getPrototypeOf(new Uint8Array(1).buffer);
      ctx.log([typeof proto.resize, typeof Reflect.get(proto, 'resize'), typeof Object.getOwnPropertyDescriptor(proto, 'resize'),
        typeof (ArrayBuffer.prototype as any).resize, typeof (globalThis as any).SharedArrayBuffer, typeof (globalThis as any).Atomics,
        typeof (globalThis as any).WebAssembly, typeof (globalThis as any).WeakRef, typeof (globalThis as any).FinalizationRegistry,
        (new ArrayBuffer(8) as any).resizable, (new Uint8Array(1).buffer as any).resizable].join(' '));
    `);
    expect(logs.map((line) => line.message)).toEqual([
      'undefined undefined undefined undefined undefined undefined undefined undefined undefined false false',
    ]);
  });

  it.each([
    'DateTimeFormat',
    'NumberFormat',
    'Collator',
    'PluralRules',
    'RelativeTimeFormat',
    'ListFormat',
    'Segmenter',
    'DisplayNames',
    'DurationFormat',
    'Locale',
  ])('bounds the native memory of Intl.%s objects a strategy keeps or drops', async (name) => {
    const args = name === 'DisplayNames' ? "'en', { type: 'region' }" : "'en-US'";
    const run = await measure(() =>
      backtest(`const keep: unknown[] = (ctx.state.keep ??= []); const I = (Intl as any).${name};
        for (let i = 0; i < 20_000; i++) { keep.push(new I(${args})); new I(${args}); }`),
    );
    // The run finishes (formatters are shared) or hits its heap or time limit; the host stays put.
    if (run.error !== undefined) expect(run.error).toMatchObject({ code: expect.stringMatching(/^SANDBOX_(MEMORY|TIMEOUT)$/) });
    expect(run.peakRssGrowthMb).toBeLessThan(HOST_GROWTH_MB);
  });

  it('bounds the ICU break iterators that Intl.Segmenter clones for every segment() and iteration', async () => {
    const run = await measure(() =>
      backtest(`const segmenter = new Intl.Segmenter('en', { granularity: 'word' }); const keep: unknown[] = (ctx.state.keep ??= []);
        for (let i = 0; i < 100_000; i++) { const segments = segmenter.segment('hello world'); keep.push(segments, segments[Symbol.iterator]()); }`),
    );
    expect(run.error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('segment text at most') });
    expect(run.peakRssGrowthMb).toBeLessThan(HOST_GROWTH_MB);
  });

  it('caps how many different Intl configurations a run may create, saying what to do', async () => {
    const { logs } = await backtest(`
      if (ctx.barIndex !== 0) return;
      let made = 0;
      try { for (let i = 0; i < 10_000; i++) { new Intl.NumberFormat('en-US', { minimumFractionDigits: i % 21, maximumFractionDigits: 20, minimumIntegerDigits: 1 + Math.floor(i / 21) }); made++; } }
      catch (error) { ctx.log(made, (error as Error).name, (error as Error).message); }
    `);
    expect(logs).toHaveLength(1);
    expect(logs[0]!.message).toMatch(/^\d+ RangeError .*Intl\.NumberFormat.*reuse/);
    expect(Number(logs[0]!.message.split(' ')[0])).toBeLessThan(1_000);
  });

  it('bounds the formatters built behind toLocaleString, localeCompare and friends on every bar', async () => {
    const run = await measure(() =>
      backtest(`
        const d = new Date(ctx.time);
        for (let i = 0; i < 5_000; i++) {
          new Intl.DateTimeFormat('en-US', { hour: 'numeric' }).format(d);
          d.toLocaleString('en-US', { timeZone: 'UTC', hour: 'numeric' });
          d.toLocaleDateString('de-DE', { weekday: 'long' });
          d.toLocaleTimeString('fr-FR');
          (1234.5 + i).toLocaleString('de-DE', { style: 'currency', currency: 'EUR' });
          'a'.localeCompare('b', 'de', { sensitivity: 'base' });
          [1.5, d].toLocaleString('en-GB');
        }`),
    );
    expect(run.error).toBeUndefined();
    expect(run.peakRssGrowthMb).toBeLessThan(HOST_GROWTH_MB);
  });

  it('refuses ICU work on strings far larger than a strategy needs', async () => {
    const run = await measure(() =>
      backtest(
        attempts({
          normalize: "return 'é'.repeat(20_000_000).normalize('NFD').length;",
          toLocaleUpperCase: "return 'ß'.repeat(20_000_000).toLocaleUpperCase('de').length;",
          localeCompare: "return 'a'.repeat(20_000_000).localeCompare('b'.repeat(20_000_000), 'de');",
        }),
      ),
    );
    expect(run.value?.logs.map((line) => line.message)).toEqual([
      'normalize refused RangeError',
      'toLocaleUpperCase refused RangeError',
      'localeCompare refused RangeError',
    ]);
    expect(run.peakRssGrowthMb).toBeLessThan(HOST_GROWTH_MB);
  });

  it('keeps strings, ropes and regular expressions inside the heap limit', async () => {
    for (const body of [
      "let s = 'x'; for (;;) { s += s; ctx.state.s = s; }",
      "const parts: string[] = []; for (;;) parts.push('y'.repeat(1_000_000) + ctx.barIndex);",
      "const r: RegExp[] = []; for (let i = 0; ; i++) r.push(new RegExp('(a|b)'.repeat(1_000) + i));",
      'const keep: object[] = (ctx.state.keep = []); for (;;) keep.push({ at: keep.length });',
    ]) {
      const run = await measure(() => backtestFile(`export default defineStrategy({ onBar(ctx: any) { ${body} } });`));
      expect(['SANDBOX_MEMORY', 'VALIDATION', 'SANDBOX_TIMEOUT']).toContain((run.error as { code?: string })?.code);
      expect(run.peakRssGrowthMb).toBeLessThan(HOST_GROWTH_MB);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { buildAmbientSdkModule, stripModuleSyntax } from './ambient-dts.ts';

describe('stripModuleSyntax', () => {
  it('drops imports and export keywords', () => {
    const source = [
      "import type { A } from './a.ts';",
      'import {',
      '  B,',
      "} from './b.ts';",
      'export interface C { a: A; b: B }',
      "export type D = 'x';",
    ].join('\n');
    const out = stripModuleSyntax(source);
    expect(out).not.toContain('import');
    expect(out).not.toContain('export');
    expect(out).toContain('interface C { a: A; b: B }');
    expect(out).toContain("type D = 'x';");
  });

  it('turns a function with a body into a declaration', () => {
    const source = [
      'export function f<const P extends X = Record<never, never>>(',
      '  definition: Y<P>,',
      '): Y<P> {',
      '  return definition;',
      '}',
      'export interface Z {}',
    ].join('\n');
    const out = stripModuleSyntax(source);
    expect(out).toContain('): Y<P>;');
    expect(out).not.toContain('return definition');
    expect(out).toContain('interface Z {}');
  });

  it('keeps an object return type and drops the body after it', () => {
    const out = stripModuleSyntax('export function g(): { a: number } {\n  return { a: 1 };\n}\n');
    expect(out.trim()).toBe('function g(): { a: number };');
  });
});

describe('buildAmbientSdkModule', () => {
  it('wraps every file in one ambient module and declares defineStrategy globally', () => {
    const text = buildAmbientSdkModule({
      'context.ts': "import type { I } from './i.ts';\nexport interface Ctx { i: I; buy(q: number): void }",
      'i.ts': 'export interface I { sma(p: number): number }',
    });
    expect(text.startsWith("declare module '@nautilus/sdk' {")).toBe(true);
    expect(text).toContain('  interface Ctx { i: I; buy(q: number): void }');
    expect(text).toContain('  interface I { sma(p: number): number }');
    expect(text).toContain("declare const defineStrategy: typeof import('@nautilus/sdk').defineStrategy;");
    expect(text).toContain('declare const console: {');
    expect(text).not.toMatch(/^\s*import /m);
  });
});

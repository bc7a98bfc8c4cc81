import { describe, expect, it } from 'vitest';
import { compileDiagnostics, diagnosticMarkers, draftAllowed } from './compile-errors.ts';

describe('compileDiagnostics', () => {
  it('reads the diagnostics list', () => {
    const problem = {
      code: 'VALIDATION',
      message: 'does not compile',
      fields: [],
      details: { diagnostics: [{ line: 3, column: 5, message: 'x is not defined', code: 2304 }, { message: 'bare' }] },
    };
    expect(compileDiagnostics(problem)).toEqual([
      { line: 3, column: 5, message: 'x is not defined' },
      { line: 1, column: 1, message: 'bare' },
    ]);
  });

  it('falls back to a lone line and column, and to nothing', () => {
    expect(compileDiagnostics({ code: 'VALIDATION', message: 'm', fields: [], details: { line: 2, column: 4 } })).toEqual([
      { line: 2, column: 4, message: 'm' },
    ]);
    expect(compileDiagnostics({ code: 'CONFLICT', message: 'm', fields: [] })).toEqual([]);
  });
});

describe('diagnosticMarkers', () => {
  it('underlines the word at the column, clamped to the text', () => {
    const lines = ['const a = 1;', '  foo.bar();'];
    expect(diagnosticMarkers([{ line: 2, column: 3, message: 'm' }], lines)).toEqual([
      { startLineNumber: 2, startColumn: 3, endLineNumber: 2, endColumn: 6, message: 'm' },
    ]);
    expect(diagnosticMarkers([{ line: 9, column: 99, message: 'm' }], lines)[0]).toMatchObject({
      startLineNumber: 2,
      startColumn: 13,
      endColumn: 14,
    });
  });
});

describe('draftAllowed', () => {
  it('is true only for a VALIDATION the server marked as type errors', () => {
    expect(draftAllowed({ code: 'VALIDATION', message: 'm', fields: [], details: { draftAllowed: true } })).toBe(true);
    expect(draftAllowed({ code: 'VALIDATION', message: 'm', fields: [], details: { line: 1 } })).toBe(false);
    expect(draftAllowed({ code: 'CONFLICT', message: 'm', fields: [], details: { draftAllowed: true } })).toBe(false);
  });
});

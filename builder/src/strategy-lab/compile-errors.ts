import type { ApiProblem } from '../api/api-error.ts';

/** One compile problem of a strategy source: 1-based line and UTF-16 column. */
export interface CompileDiagnostic {
  line: number;
  column: number;
  message: string;
}

/** A Monaco marker's fields (kept here so this module does not load Monaco). */
export interface MarkerData {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
  message: string;
}

/**
 * The diagnostics a failed save reported (`details.diagnostics`, or a lone `details.line/column`),
 * or none when the failure was not about the source.
 */
export function compileDiagnostics(problem: ApiProblem): CompileDiagnostic[] {
  const details = problem.details ?? {};
  const list = Array.isArray(details.diagnostics) ? details.diagnostics : [];
  const out: CompileDiagnostic[] = [];
  for (const item of list) {
    if (typeof item !== 'object' || item === null) continue;
    const { line, column, message } = item as Record<string, unknown>;
    out.push({
      line: typeof line === 'number' && line >= 1 ? Math.floor(line) : 1,
      column: typeof column === 'number' && column >= 1 ? Math.floor(column) : 1,
      message: typeof message === 'string' ? message : problem.message,
    });
  }
  if (out.length === 0 && typeof details.line === 'number') {
    const column = typeof details.column === 'number' ? details.column : 1;
    out.push({ line: details.line, column, message: problem.message });
  }
  return out;
}

/**
 * Markers for the editor: from the diagnostic's column to the end of the word there (at least one
 * character), clamped to the model's lines.
 */
export function diagnosticMarkers(diagnostics: readonly CompileDiagnostic[], lines: readonly string[]): MarkerData[] {
  return diagnostics.map((diagnostic) => {
    const lineNumber = Math.min(Math.max(diagnostic.line, 1), Math.max(lines.length, 1));
    const text = lines[lineNumber - 1] ?? '';
    const startColumn = Math.min(diagnostic.column, text.length + 1);
    const word = /^[\w$]+/.exec(text.slice(startColumn - 1))?.[0].length ?? 0;
    return {
      startLineNumber: lineNumber,
      startColumn,
      endLineNumber: lineNumber,
      endColumn: startColumn + Math.max(word, 1),
      message: diagnostic.message,
    };
  });
}

/** True when the server refused the save for type errors only, so it would take the source as a draft. */
export function draftAllowed(problem: ApiProblem): boolean {
  return problem.code === 'VALIDATION' && problem.details?.draftAllowed === true;
}

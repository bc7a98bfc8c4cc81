import { NautilusError } from '@nautilus/sdk';
import type { Message } from 'esbuild';
import type { StrategyDiagnostic } from './compiled-strategy.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** esbuild counts columns in UTF-8 bytes from 0; editors count UTF-16 units from 1. */
export function diagnosticFromMessage(message: Message): StrategyDiagnostic {
  const location = message.location;
  if (!location) return { line: 1, column: 1, message: message.text };
  const prefix = encoder.encode(location.lineText).slice(0, location.column);
  return { line: location.line, column: decoder.decode(prefix).length + 1, message: rewordMessage(message.text) };
}

function rewordMessage(text: string): string {
  if (text.startsWith('No matching export in "nautilus-sdk:')) {
    return `${text.replace(/ in "nautilus-sdk:[^"]*"/, ' in "@nautilus/sdk"')}: a strategy can import only defineStrategy and types from @nautilus/sdk; everything else is on ctx`;
  }
  return text;
}

/** The VALIDATION error for a strategy that does not compile; details.diagnostics feed editor markers. */
export function compileError(summary: string, diagnostics: StrategyDiagnostic[]): NautilusError {
  const first = diagnostics[0];
  const where = first ? ` at line ${first.line}, column ${first.column}` : '';
  const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : '';
  return new NautilusError('VALIDATION', `${summary}${where}: ${first?.message ?? 'unknown problem'}${more}`, {
    fields: diagnostics.map((diagnostic) => ({
      path: 'source',
      message: `line ${diagnostic.line}, column ${diagnostic.column}: ${diagnostic.message}`,
    })),
    details: first ? { line: first.line, column: first.column, diagnostics } : { diagnostics },
  });
}

import { STRATEGY_SANDBOX_GLOBALS_DTS } from '@nautilus/sdk';

/**
 * Turns the sdk's strategy type sources into one ambient declaration file for the editor:
 * `declare module '@nautilus/sdk' { … }` holding every declaration of the given files, plus the
 * sandbox's globals (`defineStrategy` without an import, `console`), the same the server checks with.
 */

/** Drops import lines and `export` keywords, and turns function bodies into declarations. */
export function stripModuleSyntax(source: string): string {
  const withoutImports = source
    // Multi-line or single-line `import … from '…';` and bare `import '…';`.
    .replace(/^import\s[\s\S]*?from\s+['"][^'"]+['"];?[ \t]*$/gm, '')
    .replace(/^import\s+['"][^'"]+['"];?[ \t]*$/gm, '')
    // Re-exports from other files: the other files are included themselves.
    .replace(/^export\s+(type\s+)?\{[^}]*\}\s*from\s+['"][^'"]+['"];?[ \t]*$/gm, '')
    .replace(/^export\s+\*\s+from\s+['"][^'"]+['"];?[ \t]*$/gm, '');
  return declareFunctions(withoutImports.replace(/^export\s+(default\s+)?/gm, ''));
}

/** `function f(…): T { … }` at the top level → `function f(…): T;` (an ambient context has no bodies). */
function declareFunctions(source: string): string {
  let out = '';
  let index = 0;
  const pattern = /^function\s/gm;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    if (match.index < index) continue;
    const bodyStart = findBodyStart(source, match.index);
    if (bodyStart < 0) continue;
    const bodyEnd = matchingBrace(source, bodyStart);
    if (bodyEnd < 0) continue;
    out += `${source.slice(index, bodyStart).trimEnd()};`;
    index = bodyEnd + 1;
    pattern.lastIndex = index;
  }
  return out + source.slice(index);
}

// The `{` that opens the body: the first one at paren depth 0 after the parameter list closed.
function findBodyStart(source: string, from: number): number {
  let parens = 0;
  let angles = 0;
  let seenParams = false;
  for (let i = from; i < source.length; i++) {
    const char = source[i];
    if (char === '(') {
      parens++;
      seenParams = true;
    } else if (char === ')') parens--;
    else if (char === '<') angles++;
    else if (char === '>' && source[i - 1] !== '=') angles--;
    else if (char === '{' && parens === 0 && seenParams) {
      // A `{` right after `):` starts an object return type, not the body.
      const before = source.slice(0, i).trimEnd();
      if (before.endsWith(':') || angles > 0) {
        const close = matchingBrace(source, i);
        if (close < 0) return -1;
        i = close;
        continue;
      }
      return i;
    }
  }
  return -1;
}

function matchingBrace(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if (source[i] === '{') depth++;
    else if (source[i] === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Indents every non-empty line by two spaces. */
const indent = (text: string) =>
  text
    .split('\n')
    .map((line) => (line.trim() === '' ? '' : `  ${line}`))
    .join('\n');

/**
 * The ambient module text. `sources` are TypeScript files (name → text); their declarations end up
 * side by side in one module, so the imports between them are not needed.
 */
export function buildAmbientSdkModule(sources: Record<string, string>, moduleName = '@nautilus/sdk'): string {
  const body = Object.entries(sources)
    .map(
      ([name, text]) =>
        `// ${name}\n${stripModuleSyntax(text)
          .replace(/\n{3,}/g, '\n\n')
          .trim()}`,
    )
    .join('\n\n');
  return [
    `declare module '${moduleName}' {`,
    indent(body),
    '}',
    '',
    // The sandbox's globals, as the server's type check declares them.
    STRATEGY_SANDBOX_GLOBALS_DTS.replaceAll("'@nautilus/sdk'", `'${moduleName}'`),
  ].join('\n');
}

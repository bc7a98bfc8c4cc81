import { capText } from './intrinsics.ts';

/**
 * One log line from `ctx.log` arguments, like console.log: strings as they are, objects as JSON,
 * joined by spaces, cut to `maxChars`. Runs the strategy's own toJSON/toString, which is fine: it runs
 * inside the strategy's time and memory limits.
 */
export function formatLogLine(values: readonly unknown[], maxChars: number): string {
  let line = '';
  for (let index = 0; index < values.length; index++) {
    if (index > 0) line += ' ';
    // Each piece is cut before it joins the line, so a few huge values never make one huge string.
    line += capText(formatValue(values[index]), maxChars + 1);
    if (line.length > maxChars) break;
  }
  // Through the slice captured before the strategy ran: its own String.prototype.slice may be anything.
  return capText(line, maxChars);
}

function formatValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
    case 'undefined':
      return String(value);
    case 'symbol':
      return value.toString();
    case 'function':
      return `[function ${value.name || 'anonymous'}]`;
    default:
      if (value === null) return 'null';
      if (value instanceof Error) return `${value.name}: ${value.message}`;
      try {
        return JSON.stringify(value) ?? String(value);
      } catch {
        return Object.prototype.toString.call(value);
      }
  }
}

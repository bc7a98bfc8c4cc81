import type { FieldIssue, JsonSchema } from '@nautilus/sdk';

interface PropertySchema {
  title?: string;
  enum?: unknown[];
  'x-widget'?: string;
  type?: string;
}

/** What a picker chooses, by the schema's `x-widget`: said the way a user would ask for it. */
const PICKED: Record<string, string> = {
  'strategy-run': 'a run',
  instrument: 'an instrument',
  upload: 'a file',
};

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'on or off',
  array: 'a list',
  object: 'a group of fields',
};

function lastSegment(path: string): string {
  const parts = path.split(/[.[\]]+/).filter(Boolean);
  const last = parts.at(-1) ?? '';
  // An array index says nothing to a user: name the list it is in.
  return /^\d+$/.test(last) ? (parts.at(-2) ?? '') : last;
}

/** `maxOrderNotional` → `max order notional`; `timeframe` stays. */
function humanize(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function propertyOf(path: string, schema: JsonSchema | undefined): PropertySchema | undefined {
  const properties = (schema as { properties?: Record<string, PropertySchema> } | undefined)?.properties;
  const name = path.replace(/^(params|input|options)\./, '');
  return properties && /^[\w-]+$/.test(name) ? properties[name] : undefined;
}

/**
 * One field problem in the user's words: what to do, naming the field as the form does (the schema's
 * title, its picker), never a path such as `params.id`.
 * @example fieldIssueInWords({ path: 'params.id', message: 'is required' }, strategyResultsSchema) // 'Pick a run.'
 */
export function fieldIssueInWords(issue: FieldIssue, schema?: JsonSchema): string {
  const property = propertyOf(issue.path, schema);
  const label = property?.title ?? humanize(lastSegment(issue.path));
  if (!label) return capitalize(issue.message);
  const picked = property?.['x-widget'] ? PICKED[property['x-widget']] : undefined;
  const isChoice = Boolean(picked || property?.enum);
  const noun = picked ?? `the ${label.toLowerCase()}`;
  const message = issue.message.trim();
  const Label = capitalize(label);

  if (/^(is required|required)$/i.test(message) || /received undefined$/.test(message)) {
    return isChoice ? `Pick ${noun}.` : `Fill in ${noun}.`;
  }
  if (message === 'is not an allowed field') return `${Label} is not used here; remove it.`;
  const oneOf = /^must be one of (.+)$/.exec(message);
  if (oneOf) return `Pick ${noun}: one of ${oneOf[1]}.`;
  if (/^must match pattern|^invalid (uuid|format)/i.test(message) || /^must match format/.test(message)) {
    return isChoice ? `Pick ${noun} again; the one set is not valid.` : `${Label} is not in the expected format.`;
  }
  const bound = /^must be (>=|<=|>|<) (.+)$/.exec(message);
  if (bound) {
    const words = { '>=': 'at least', '<=': 'at most', '>': 'more than', '<': 'less than' }[bound[1] as '>=' | '<=' | '>' | '<'];
    return `${Label} must be ${words} ${bound[2]}.`;
  }
  const length = /^must NOT have (more|fewer) than (\d+) (characters|items)$/.exec(message);
  if (length) return `${Label} must have ${length[1] === 'more' ? 'at most' : 'at least'} ${length[2]} ${length[3]}.`;
  const type = /^must be (string|number|integer|boolean|array|object)$/.exec(message);
  if (type) return `${Label} must be ${TYPE_WORDS[type[1] as string]}.`;
  return `${Label}: ${message}${/[.!?]$/.test(message) ? '' : '.'}`;
}

/**
 * True for a message that only lists field paths (the server's generic "Invalid query for …: params.id: is
 * required"): worth replacing by the fields in words. A message a person wrote is kept.
 */
export function isFieldListMessage(message: string, fields: readonly FieldIssue[]): boolean {
  return fields.length > 0 && /^Invalid [^:]+: /.test(message) && fields.every((field) => message.includes(field.path));
}

/**
 * The message to show for a failed call: the server's own words, unless they only list field paths;
 * then each field in the user's words (with `schema`, the form's titles and pickers).
 */
export function messageInWords(problem: { message: string; fields: readonly FieldIssue[] }, schema?: JsonSchema): string {
  if (!isFieldListMessage(problem.message, problem.fields)) return problem.message;
  return problem.fields.map((field) => fieldIssueInWords(field, schema)).join(' ');
}

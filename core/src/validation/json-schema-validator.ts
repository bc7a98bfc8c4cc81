import type { FieldIssue, JsonSchema } from '@nautilus/sdk';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

/** One Ajv for the process: compiled validators are cached by schema object. */
const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addKeyword('x-widget');

const compiled = new WeakMap<object, ValidateFunction>();

/** Compiles a schema (cached); throws Ajv's error for a schema that is itself invalid. */
export function compileSchema(schema: JsonSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema as object);
    compiled.set(schema, validate);
  }
  return validate;
}

/** `/panels/0/gridPos/w` → `panels[0].gridPos.w`, prefixed with `prefix` when given. */
export function toFieldPath(pointer: string, prefix = ''): string {
  let path = prefix;
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    path += /^\d+$/.test(part) ? `[${part}]` : path ? `.${part}` : part;
  }
  return path;
}

function describe(error: ErrorObject): { path: string; message: string } {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path: toFieldPath(`${error.instancePath}/${String(params.missingProperty)}`), message: 'is required' };
    case 'additionalProperties':
      return {
        path: toFieldPath(`${error.instancePath}/${String(params.additionalProperty)}`),
        message: 'is not an allowed field',
      };
    case 'enum':
      return {
        path: toFieldPath(error.instancePath),
        message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'const':
      return { path: toFieldPath(error.instancePath), message: `must be ${JSON.stringify(params.allowedValue)}` };
    default:
      return { path: toFieldPath(error.instancePath), message: error.message ?? 'is invalid' };
  }
}

/** Validates `value`; returns one issue per problem, with field paths under `prefix`. */
export function schemaIssues(schema: JsonSchema, value: unknown, prefix = ''): FieldIssue[] {
  const validate = compileSchema(schema);
  if (validate(value)) return [];
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  for (const error of validate.errors ?? []) {
    const { path, message } = describe(error);
    const full = prefix ? (path ? (path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`) : prefix) : path;
    const key = `${full}\u0000${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push({ path: full, message });
    }
  }
  return issues;
}

import type { FieldIssue } from '@nautilus/sdk';
import type { ErrorObject } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { joinFieldPath, pointerToFieldPath } from './field-path.ts';

/** One Ajv for the package; verbose puts the offending value on each error, so issues can name it. */
export const ajv = new Ajv2020({ allErrors: true, verbose: true });

/** Ajv's errors as the sdk's field issues, with paths like `dashboard.panels[0].gridPos.w` under `parent`. */
export function ajvIssues(errors: ErrorObject[] | null | undefined, parent: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const error of errors ?? []) {
    // `if` only says which branch failed; the branch's own errors name the fields.
    if (error.keyword === 'if') continue;
    const path = pointerToFieldPath(error.instancePath, parent);
    const params = error.params as Record<string, unknown>;
    // Ajv reports these on the parent object; naming the property itself reads better.
    if (error.keyword === 'required') {
      issues.push({ path: joinFieldPath(path, String(params.missingProperty)), message: 'is required' });
      continue;
    }
    if (error.keyword === 'additionalProperties') {
      issues.push({ path: joinFieldPath(path, String(params.additionalProperty)), message: 'is not allowed here' });
      continue;
    }
    const allowed =
      error.keyword === 'enum' ? ` (${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')})` : '';
    const got = error.data === null || typeof error.data !== 'object' ? `, got ${short(error.data)}` : '';
    issues.push({ path, message: `${error.message ?? 'is invalid'}${allowed}${got}` });
  }
  return issues;
}

/** A value as JSON, cut so a huge string in a hostile file cannot make a huge message. */
function short(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** `parent.path`, or whichever of the two is not empty. */
export function prefixed(parent: string, path: string): string {
  return path ? (parent ? `${parent}.${path}` : path) : parent;
}

import { z } from 'zod';
import type { Role } from '../../db/tables.ts';
import { appRouter } from '../router.ts';
import { adminProcedure, editorProcedure, viewerProcedure } from '../trpc.ts';

/** A JSON Schema (draft 2020-12) as zod writes it. */
export type JsonSchema = Record<string, unknown>;

export type ProcedureType = 'query' | 'mutation' | 'subscription';

/** What the REST routes and the OpenAPI document know of one tRPC procedure. */
export interface ProcedureEntry {
  /** `area.verb`, as on /trpc. */
  path: string;
  type: ProcedureType;
  /** The input's JSON Schema; `undefined` for a procedure that declares no input. */
  input: JsonSchema | undefined;
  /** Set when zod could not write the input as JSON Schema: the document then says "any JSON". */
  inputUnrepresentable: boolean;
  /** The output's JSON Schema when the procedure declares `.output()`. */
  output: JsonSchema | undefined;
  /** The least role the procedure needs, or `null` for one anybody may call (it may check the caller itself). */
  role: Role | null;
}

interface ProcedureDef {
  type: ProcedureType;
  inputs: z.ZodType[];
  output?: z.ZodType;
  middlewares: unknown[];
}

/**
 * Each role builder ends with its role check; a procedure built on it carries that same middleware
 * function, so the role is found by identity without any list kept by hand.
 */
const ROLE_CHECKS = new Map<unknown, Role>(
  (
    [
      [viewerProcedure, 'viewer'],
      [editorProcedure, 'editor'],
      [adminProcedure, 'admin'],
    ] as const
  ).map(([builder, role]) => [(builder as unknown as { _def: ProcedureDef })._def.middlewares.at(-1), role]),
);

function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema | undefined {
  try {
    const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io,
      unrepresentable: 'any',
    }) as JsonSchema;
    return json;
  } catch {
    return undefined;
  }
}

function inputSchema(inputs: z.ZodType[]): { input: JsonSchema | undefined; inputUnrepresentable: boolean } {
  if (inputs.length === 0) return { input: undefined, inputUnrepresentable: false };
  const parts = inputs.map((input) => toJsonSchema(input, 'input'));
  if (parts.some((part) => part === undefined)) return { input: {}, inputUnrepresentable: true };
  const input = parts.length === 1 ? (parts[0] as JsonSchema) : { allOf: parts };
  return { input, inputUnrepresentable: false };
}

function describeProcedure(path: string, def: ProcedureDef): ProcedureEntry {
  const role = def.middlewares.map((middleware) => ROLE_CHECKS.get(middleware)).find((found) => found !== undefined);
  return {
    path,
    type: def.type,
    ...inputSchema(def.inputs),
    output: def.output ? toJsonSchema(def.output, 'output') : undefined,
    role: role ?? null,
  };
}

/** Every procedure of the app router, walked once, in the router's order. */
export const PROCEDURES: ReadonlyMap<string, ProcedureEntry> = new Map(
  Object.entries((appRouter as unknown as { _def: { procedures: Record<string, { _def: ProcedureDef }> } })._def.procedures).map(
    ([path, procedure]) => [path, describeProcedure(path, procedure._def)],
  ),
);

/** The REST path of a procedure: `area.verb` → `/api/v1/area/verb`. */
export function restPath(procedure: string): string {
  return `/api/v1/${procedure.split('.').join('/')}`;
}

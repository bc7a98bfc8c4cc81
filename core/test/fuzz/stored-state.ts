import type { Kysely } from 'kysely';
import type { Tables } from '../../src/db/tables.ts';
import { rawInputIssues } from '../../src/validation/check-raw-input.ts';

/**
 * Every stored value no input may carry (NUL, unpaired surrogates, nesting past the input limit),
 * in any column of any table, as `table.row[n].path: problem`.
 */
export async function unstorableValues(db: Kysely<Tables>): Promise<string[]> {
  const problems: string[] = [];
  const tables = await db.introspection.getTables();
  for (const table of tables) {
    const rows = await (db as Kysely<any>).selectFrom(table.name).selectAll().execute();
    // Through JSON, as the API would send it: dates become text, jsonb stays as stored.
    const plain = JSON.parse(JSON.stringify(rows)) as unknown[];
    plain.forEach((row, index) => {
      // A row and its column add two levels to what the input had.
      for (const issue of rawInputIssues(row, 66)) problems.push(`${table.name} row ${index} ${issue.path}: ${issue.message}`);
    });
  }
  return problems;
}

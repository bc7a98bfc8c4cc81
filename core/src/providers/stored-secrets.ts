import type { Kysely } from 'kysely';
import type { Tables } from '../db/tables.ts';
import type { SecretBox } from './secret-box.ts';

/**
 * Provider secrets entered on the Data sources page, sealed in the database and kept opened in
 * memory for `ctx.secrets.get`. Environment secrets (`NAUTILUS_SECRET_<NAME>`) win over these. No
 * API ever returns a value: only whether one is set.
 */
export class StoredSecrets {
  readonly #db: Kysely<Tables>;
  readonly #box: SecretBox;
  #values = new Map<string, string>();

  constructor(db: Kysely<Tables>, box: SecretBox) {
    this.#db = db;
    this.#box = box;
  }

  /** Reads every stored secret; one that no longer opens (another key) is left out and named in the result. */
  async load(): Promise<string[]> {
    const rows = await this.#db.selectFrom('provider_secrets').select(['name', 'ciphertext']).execute();
    const values = new Map<string, string>();
    const unreadable: string[] = [];
    for (const row of rows) {
      try {
        values.set(row.name, this.#box.open(row.ciphertext));
      } catch {
        unreadable.push(row.name);
      }
    }
    this.#values = values;
    return unreadable;
  }

  get(name: string): string | undefined {
    return this.#values.get(name);
  }

  has(name: string): boolean {
    return this.#values.has(name);
  }

  async set(name: string, value: string): Promise<void> {
    const ciphertext = this.#box.seal(value);
    await this.#db
      .insertInto('provider_secrets')
      .values({ name, ciphertext, updated_at: new Date() })
      .onConflict((conflict) => conflict.column('name').doUpdateSet({ ciphertext, updated_at: new Date() }))
      .execute();
    this.#values.set(name, value);
  }

  async delete(name: string): Promise<void> {
    await this.#db.deleteFrom('provider_secrets').where('name', '=', name).execute();
    this.#values.delete(name);
  }
}

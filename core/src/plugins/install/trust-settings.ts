import { NautilusError } from '@nautilus/sdk';
import type { Kysely } from 'kysely';
import type { Tables } from '../../db/tables.ts';
import { keyIdOf, parsePublicKey, type TrustedKey } from './package-signature.ts';

const REQUIRE_SIGNED = 'plugins.require-signed';

/** Whether only signed plugins may be installed, and whether the environment fixed it. */
export interface RequireSigned {
  value: boolean;
  /** NAUTILUS_REQUIRE_SIGNED_PLUGINS=true: on, whatever the stored setting says. */
  forcedByEnvironment: boolean;
}

export interface TrustedKeyView extends TrustedKey {
  createdAt: Date;
}

/** The admin's trusted signing keys and the require-signed setting, both stored in the database. */
export class TrustSettings {
  readonly #db: Kysely<Tables>;
  readonly #forced: boolean;

  constructor(db: Kysely<Tables>, requireSignedByEnvironment: boolean) {
    this.#db = db;
    this.#forced = requireSignedByEnvironment;
  }

  async keys(): Promise<TrustedKeyView[]> {
    const rows = await this.#db.selectFrom('trusted_keys').selectAll().orderBy('name').execute();
    return rows.map((row) => ({ keyId: row.key_id, name: row.name, publicKey: row.public_key, createdAt: row.created_at }));
  }

  /** Trusts a public key (`ed25519:<base64>`) under a name; CONFLICT when the key or the name is taken. */
  async addKey(name: string, publicKey: string, userId: string | null): Promise<TrustedKeyView> {
    parsePublicKey(publicKey);
    const keyId = keyIdOf(publicKey);
    await this.#refuseClash(keyId, name);
    // Two admins adding the same key at once: the loser's insert does nothing and gets the same CONFLICT.
    const row = await this.#db
      .insertInto('trusted_keys')
      .values({ key_id: keyId, name, public_key: publicKey.trim(), created_by: userId })
      .onConflict((conflict) => conflict.doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      await this.#refuseClash(keyId, name);
      throw new NautilusError('CONFLICT', 'This key or name was trusted meanwhile', {
        fields: [{ path: 'publicKey', message: 'already trusted' }],
      });
    }
    return { keyId: row.key_id, name: row.name, publicKey: row.public_key, createdAt: row.created_at };
  }

  async #refuseClash(keyId: string, name: string): Promise<void> {
    const clash = await this.#db
      .selectFrom('trusted_keys')
      .select(['key_id', 'name'])
      .where((eb) => eb.or([eb('key_id', '=', keyId), eb('name', '=', name)]))
      .executeTakeFirst();
    if (!clash) return;
    const field = clash.key_id === keyId ? 'publicKey' : 'name';
    throw new NautilusError(
      'CONFLICT',
      field === 'publicKey' ? `This key is already trusted as ${clash.name}` : `A key is already named ${name}`,
      { fields: [{ path: field, message: 'already trusted' }] },
    );
  }

  async removeKey(keyId: string): Promise<void> {
    const result = await this.#db.deleteFrom('trusted_keys').where('key_id', '=', keyId).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) {
      throw new NautilusError('NOT_FOUND', `No trusted key ${keyId}`, {
        fields: [{ path: 'keyId', message: 'not a trusted key' }],
      });
    }
  }

  async requireSigned(): Promise<RequireSigned> {
    if (this.#forced) return { value: true, forcedByEnvironment: true };
    const row = await this.#db.selectFrom('data_settings').select('value').where('key', '=', REQUIRE_SIGNED).executeTakeFirst();
    const value = typeof row?.value === 'string' ? JSON.parse(row.value) : row?.value;
    return { value: value === true, forcedByEnvironment: false };
  }

  async setRequireSigned(value: boolean): Promise<RequireSigned> {
    if (this.#forced && !value) {
      throw new NautilusError(
        'CONFLICT',
        'NAUTILUS_REQUIRE_SIGNED_PLUGINS=true keeps this on; unset it in the environment to turn it off',
        {
          fields: [{ path: 'value', message: 'fixed by the environment' }],
        },
      );
    }
    const json = JSON.stringify(value);
    await this.#db
      .insertInto('data_settings')
      .values({ key: REQUIRE_SIGNED, value: json, updated_at: new Date() })
      .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: json, updated_at: new Date() }))
      .execute();
    return this.requireSigned();
  }
}

import { randomUUID } from 'node:crypto';
import { type LimitSet, NautilusError, type RiskPosition } from '@nautilus/sdk';
import { type Kysely, sql } from 'kysely';
import type { Permission, Tables } from '../db/tables.ts';
import { addInitialGrants, deleteGrantsOf, type InitialAccess } from '../sharing/grants.ts';
import { type Actor, permissionFromRank, permissionRankSql } from '../sharing/permissions.ts';

/** A book of positions: what VaR, stress tests and limits are computed for. */
export interface Portfolio {
  id: string;
  name: string;
  description: string | null;
  /** Equity the limits measure against (leverage, concentration, loss limits). */
  capital: number;
  /** The bar data source that prices the positions. */
  dataSource: string;
  positions: PortfolioPosition[];
  limits: LimitSet | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type PortfolioPosition = Pick<RiskPosition, 'symbol' | 'quantity' | 'assetClass'>;

export interface PortfolioInput {
  name: string;
  description?: string | null | undefined;
  capital: number;
  dataSource: string;
  positions: PortfolioPosition[];
  limits?: LimitSet | null | undefined;
}

/** The answer for a portfolio that does not exist, or that the caller may not view (ids must not leak). */
export const portfolioNotFound = (id: string) =>
  new NautilusError('NOT_FOUND', `Portfolio ${id} does not exist; it may have been deleted. Pick one from portfolios.list.`, {
    fields: [{ path: 'portfolioId', message: `no portfolio ${id}` }],
  });

type Row = Awaited<ReturnType<typeof selectRows>>[number];
const selectRows = (db: Kysely<Tables>) => db.selectFrom('portfolios').selectAll().execute();

function toPortfolio(row: Row): Portfolio {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    capital: row.capital,
    dataSource: row.data_source,
    positions: row.positions as PortfolioPosition[],
    limits: (row.limits as LimitSet | null) ?? null,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Two positions in one symbol would be netted silently by every calculation: refused instead. */
function checkPositions(positions: PortfolioPosition[]): void {
  const seen = new Map<string, number>();
  positions.forEach((position, index) => {
    const first = seen.get(position.symbol);
    if (first !== undefined) {
      throw NautilusError.validation('portfolio', [
        { path: `positions[${index}].symbol`, message: `${position.symbol} is already held at positions[${first}]; merge them` },
      ]);
    }
    seen.set(position.symbol, index);
  });
}

/** The portfolios `actor` may view (all of them when absent), each with the actor's permission. */
export async function listPortfolios(db: Kysely<Tables>, actor?: Actor): Promise<(Portfolio & { permission: Permission })[]> {
  const who = actor ?? { id: '', role: 'admin' as const };
  const rank = permissionRankSql(who, 'portfolio', 'portfolios.id', 'portfolios.created_by');
  const rows = await db
    .selectFrom('portfolios')
    .selectAll()
    .select(rank.as('rank'))
    .where(sql<boolean>`${rank} > 0`)
    .orderBy('name')
    .execute();
  return rows.map((row) => ({ ...toPortfolio(row), permission: permissionFromRank(row.rank, who.role) as Permission }));
}

export async function getPortfolio(db: Kysely<Tables>, id: string): Promise<Portfolio> {
  const row = await db.selectFrom('portfolios').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw portfolioNotFound(id);
  return toPortfolio(row);
}

/** By id, or by name (dashboards may name a portfolio in a `$portfolio` variable). */
export async function findPortfolio(db: Kysely<Tables>, idOrName: string): Promise<Portfolio> {
  const row = await db
    .selectFrom('portfolios')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
    .executeTakeFirst();
  if (!row) throw portfolioNotFound(idOrName);
  return toPortfolio(row);
}

/** Creates a portfolio owned by `userId`; `access` says who else sees it (`team` by default, see InitialAccess). */
export async function createPortfolio(
  db: Kysely<Tables>,
  userId: string | null,
  input: PortfolioInput,
  access: InitialAccess = 'team',
): Promise<Portfolio> {
  checkPositions(input.positions);
  const id = randomUUID();
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('portfolios')
        .values({
          id,
          name: input.name,
          description: input.description ?? null,
          capital: input.capital,
          data_source: input.dataSource,
          positions: JSON.stringify(input.positions),
          limits: input.limits ? JSON.stringify(input.limits) : null,
          version: 1,
          created_by: userId,
          updated_at: new Date(),
        })
        .execute();
      await addInitialGrants(trx, 'portfolio', id, access, userId);
    });
  } catch (error) {
    throw nameTaken(error, input.name);
  }
  return getPortfolio(db, id);
}

/** CONFLICT naming the field for a unique-name violation; any other error as it was. */
function nameTaken(error: unknown, name: string): unknown {
  if (!/unique|duplicate/i.test(String((error as Error).message))) return error;
  return new NautilusError('CONFLICT', `A portfolio named ${name} already exists; choose another name.`, {
    fields: [{ path: 'name', message: 'already used' }],
  });
}

/** Replaces the portfolio if `baseVersion` is still current; CONFLICT otherwise, and nothing is written. */
export async function updatePortfolio(
  db: Kysely<Tables>,
  input: PortfolioInput & { id: string; baseVersion: number },
): Promise<Portfolio> {
  checkPositions(input.positions);
  const updated = await db
    .updateTable('portfolios')
    .set({
      name: input.name,
      description: input.description ?? null,
      capital: input.capital,
      data_source: input.dataSource,
      positions: JSON.stringify(input.positions),
      limits: input.limits ? JSON.stringify(input.limits) : null,
      version: input.baseVersion + 1,
      updated_at: new Date(),
    })
    .where('id', '=', input.id)
    .where('version', '=', input.baseVersion)
    .executeTakeFirst()
    .catch((error: unknown) => {
      throw nameTaken(error, input.name);
    });
  if (updated.numUpdatedRows === 0n) {
    const current = await getPortfolio(db, input.id);
    throw new NautilusError(
      'CONFLICT',
      `Portfolio ${current.name} was changed (version ${current.version}) after you opened version ${input.baseVersion}. Reload it, then apply your change again.`,
      { details: { currentVersion: current.version } },
    );
  }
  return getPortfolio(db, input.id);
}

export async function deletePortfolio(db: Kysely<Tables>, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const result = await trx.deleteFrom('portfolios').where('id', '=', id).executeTakeFirst();
    if (result.numDeletedRows === 0n) throw portfolioNotFound(id);
    await deleteGrantsOf(trx, 'portfolio', id);
  });
}

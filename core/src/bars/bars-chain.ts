import { NautilusError } from '@nautilus/sdk';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Tables } from '../db/tables.ts';
import type { PluginRoles } from '../plugins/plugin-roles.ts';
import { CALENDARS, type CalendarName } from './session-calendar.ts';

/**
 * One rule of the bars fallback chain: instruments whose symbol matches `match` (`*` is any run of
 * characters: `SIM:*`, `*-USD`, `AAPL`) are asked of `sources` in order until one answers. `calendar`
 * is the session calendar gaps are judged by; `auto` picks 24x7 for crypto pairs (`BTC-USD`), fx for
 * Yahoo-style FX (`EURUSD=X`) and us-equity otherwise.
 */
export const chainRuleSchema = z.strictObject({
  match: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9.:=^*_\-/]+$/, 'letters, digits, . : = ^ _ - / and * only'),
  sources: z
    .array(z.string().regex(/^[a-z0-9][a-z0-9.-]*\/[a-z0-9][a-z0-9-]*$/, 'a data source reference such as nautilus.yahoo/bars'))
    .min(1)
    .max(10),
  calendar: z.enum([...CALENDARS, 'auto']).default('auto'),
});
export const chainSchema = z.array(chainRuleSchema).max(50);

export type ChainRule = z.infer<typeof chainRuleSchema>;

const SETTING = 'bars.chain';

/**
 * The chain when an admin has set none: simulated instruments from the default bars source,
 * everything else from the loaded providers' bars in the configured order (by default Yahoo, which
 * needs no key, then Alpha Vantage, once a key is set). IBKR needs the user's own gateway, so an admin
 * adds it to the chain (first, as the most complete) once the gateway is configured.
 */
export function defaultChain(
  loaded: (ref: string) => boolean,
  roles: Pick<PluginRoles, 'defaultBars' | 'providerBars'>,
): ChainRule[] {
  const rules: ChainRule[] = [{ match: 'SIM:*', sources: [roles.defaultBars], calendar: 'none' }];
  const providers = roles.providerBars.filter(loaded);
  if (providers.length > 0) rules.push({ match: '*', sources: providers, calendar: 'auto' });
  return rules;
}

export async function readChain(db: Kysely<Tables>): Promise<ChainRule[] | undefined> {
  const row = await db.selectFrom('data_settings').select('value').where('key', '=', SETTING).executeTakeFirst();
  if (!row) return undefined;
  const parsed = chainSchema.safeParse(typeof row.value === 'string' ? JSON.parse(row.value) : row.value);
  return parsed.success ? parsed.data : undefined;
}

/** Validates and stores the chain; fields are named in the VALIDATION error. */
export async function writeChain(db: Kysely<Tables>, input: unknown): Promise<ChainRule[]> {
  const parsed = chainSchema.safeParse(input);
  if (!parsed.success) {
    throw NautilusError.validation(
      'bars chain',
      parsed.error.issues.map((issue) => ({ path: ['chain', ...issue.path].join('.'), message: issue.message })),
    );
  }
  const value = JSON.stringify(parsed.data);
  await db
    .insertInto('data_settings')
    .values({ key: SETTING, value, updated_at: new Date() })
    .onConflict((conflict) => conflict.column('key').doUpdateSet({ value, updated_at: new Date() }))
    .execute();
  return parsed.data;
}

/** The first rule matching `symbol`, or undefined. */
export function ruleFor(chain: readonly ChainRule[], symbol: string): ChainRule | undefined {
  return chain.find((rule) => globMatches(rule.match, symbol));
}

function globMatches(pattern: string, symbol: string): boolean {
  const expression = pattern
    .split('*')
    .map((part) => part.replace(/[.^$+?()[\]{}|\\/]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${expression}$`).test(symbol);
}

/** The calendar a rule's `auto` means for `symbol`. */
export function calendarFor(rule: ChainRule, symbol: string): CalendarName {
  if (rule.calendar !== 'auto') return rule.calendar;
  if (/^[A-Z0-9]{2,10}-(USD|USDT|EUR|BTC)$/.test(symbol) || /^(BTC|ETH)/.test(symbol)) return '24x7';
  if (/=X$/.test(symbol) || /^[A-Z]{6}$/.test(symbol)) return 'fx';
  return 'us-equity';
}

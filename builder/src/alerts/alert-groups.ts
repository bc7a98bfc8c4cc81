import { LIMIT_KINDS } from '@nautilus/sdk';
import type { trpc } from '../api/trpc.ts';
import { LIMIT_KIND_INFO } from '../risk/limit-kinds.ts';

type Output<T extends (...args: any[]) => Promise<unknown>> = Awaited<ReturnType<T>>;

export type AlertGroups = Output<typeof trpc.risk.alertGroups.query>;
export type AlertGroup = AlertGroups['groups'][number];
export type AlertSourceKind = AlertGroup['source']['kind'];

/** What the drawer's filters pick; every field narrows the list. */
export interface AlertFilter {
  sourceKind?: AlertSourceKind | undefined;
  /** A source's id (a run, a deployment or a portfolio). */
  sourceId?: string | undefined;
  /** A limit kind, e.g. maxPosition. */
  limit?: string | undefined;
  unread?: boolean | undefined;
}

/** The request for a filter: only the fields set, so equal filters share one query key. */
export function alertGroupsInput(filter: AlertFilter): AlertFilter & { maxGroups: number } {
  const input: AlertFilter & { maxGroups: number } = { maxGroups: 100 };
  if (filter.sourceKind) input.sourceKind = filter.sourceKind;
  if (filter.sourceId) input.sourceId = filter.sourceId;
  if (filter.limit) input.limit = filter.limit;
  if (filter.unread) input.unread = true;
  return input;
}

/** The limit filter's options: every kind by its name, in the editor's order. */
export const LIMIT_OPTIONS = LIMIT_KINDS.map((kind) => ({ value: kind, label: LIMIT_KIND_INFO[kind].label }));

/**
 * The sources the source filter offers: each run, deployment and portfolio of the groups listed,
 * once, by name (newest first, as the groups are), narrowed to a kind when one is picked.
 */
export function sourceOptions(
  groups: readonly Pick<AlertGroup, 'source'>[],
  kind: AlertSourceKind | undefined,
): { value: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const { source } of groups) {
    if (kind && source.kind !== kind) continue;
    if (!seen.has(source.id)) seen.set(source.id, source.name);
  }
  return [...seen].map(([value, label]) => ({ value, label }));
}

/**
 * The time up to which "mark all read" marks: the newest alert listed (the server's clock), so an
 * alert that arrives while the user reads stays unread.
 */
export function newestListed(groups: readonly Pick<AlertGroup, 'latestAt'>[]): string | undefined {
  let newest: string | undefined;
  for (const group of groups)
    if (newest === undefined || Date.parse(group.latestAt) > Date.parse(newest)) newest = group.latestAt;
  return newest;
}

/**
 * "12 alerts · 3 unread" for a group's count line.
 * @example groupCountText({ count: 1, unread: 0 }) // '1 alert'
 */
export function groupCountText(group: Pick<AlertGroup, 'count' | 'unread'>): string {
  const count = `${group.count} alert${group.count === 1 ? '' : 's'}`;
  return group.unread > 0 ? `${count} · ${group.unread} unread` : count;
}

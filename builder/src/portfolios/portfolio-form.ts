import { checkLimitSet, type FieldIssue } from '@nautilus/sdk';
import { type LimitSetDraft, limitSetDraft, limitSetFromDraft } from '../risk/limit-form.ts';
import type { Portfolio, PortfolioFields } from '../risk/risk-api.ts';

export const DEFAULT_DATA_SOURCE = 'nautilus.sim-market/bars';

/** One position row; empty cells are null until the user fills them. */
export interface PositionDraft {
  key: string;
  symbol: string | null;
  quantity: number | null;
  assetClass?: string;
}

/** The editor's form: the portfolio's fields as typed, not yet checked. */
export interface PortfolioDraft {
  name: string;
  description: string;
  capital: number | null;
  dataSource: string;
  positions: PositionDraft[];
  limits: LimitSetDraft;
}

let lastKey = 0;
export const newPositionKey = () => `position-${++lastKey}`;

/** The form for a stored portfolio, or for a new one (one empty position row, 1,000,000 of capital). */
export function portfolioDraft(portfolio?: Portfolio): PortfolioDraft {
  if (!portfolio) {
    return {
      name: '',
      description: '',
      capital: 1_000_000,
      dataSource: DEFAULT_DATA_SOURCE,
      positions: [{ key: newPositionKey(), symbol: null, quantity: null }],
      limits: limitSetDraft(null),
    };
  }
  return {
    name: portfolio.name,
    description: portfolio.description ?? '',
    capital: portfolio.capital,
    dataSource: portfolio.dataSource,
    positions: portfolio.positions.map((position) => ({
      key: newPositionKey(),
      symbol: position.symbol,
      quantity: position.quantity,
      ...(position.assetClass ? { assetClass: position.assetClass } : {}),
    })),
    limits: limitSetDraft(portfolio.limits),
  };
}

/** Rows the user left entirely empty are not positions: they are dropped, not reported. */
const filledPositions = (draft: PortfolioDraft) =>
  draft.positions.filter((position) => position.symbol !== null || position.quantity !== null);

/**
 * What the server gets: trimmed texts, no empty position rows, and no limit set when it holds no
 * limits. Only meaningful when {@link portfolioDraftIssues} finds nothing.
 */
export function portfolioFields(draft: PortfolioDraft): PortfolioFields {
  const limits = limitSetFromDraft(draft.limits);
  return {
    name: draft.name.trim(),
    description: draft.description.trim() === '' ? null : draft.description.trim(),
    capital: draft.capital ?? 0,
    dataSource: draft.dataSource,
    positions: filledPositions(draft).map((position) => ({
      symbol: position.symbol ?? '',
      quantity: position.quantity ?? 0,
      ...(position.assetClass ? { assetClass: position.assetClass } : {}),
    })),
    limits: limits.limits.length === 0 ? null : limits,
  };
}

/**
 * Everything the server would refuse, with the paths it would use (`positions[1].symbol`,
 * `limits.limits[0].hard`), so the form shows them before saving. Position indexes count only the
 * rows that are sent.
 */
export function portfolioDraftIssues(draft: PortfolioDraft): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (draft.name.trim() === '') issues.push({ path: 'name', message: 'Give the portfolio a name.' });
  if (draft.name.trim().length > 200) issues.push({ path: 'name', message: 'must be at most 200 characters' });
  if (draft.capital === null || !(draft.capital > 0)) issues.push({ path: 'capital', message: 'must be more than 0' });
  const seen = new Map<string, number>();
  let index = 0;
  draft.positions.forEach((position, row) => {
    if (position.symbol === null && position.quantity === null) return;
    const path = `positions[${index++}]`;
    if (position.symbol === null) issues.push({ path: `${path}.symbol`, message: 'pick an instrument' });
    if (position.quantity === null || !Number.isFinite(position.quantity)) {
      issues.push({ path: `${path}.quantity`, message: 'enter a quantity (negative for a short)' });
    }
    if (position.symbol === null) return;
    const first = seen.get(position.symbol);
    if (first === undefined) seen.set(position.symbol, row);
    else
      issues.push({ path: `${path}.symbol`, message: `${position.symbol} is already held in row ${first + 1}; merge the rows` });
  });
  const limits = limitSetFromDraft(draft.limits);
  if (limits.limits.length > 0) issues.push(...checkLimitSet(limits, 'limits'));
  return issues;
}

/** The messages of the issues at exactly this path. */
export function issuesAt(issues: readonly FieldIssue[], path: string): string[] {
  return issues.filter((issue) => issue.path === path).map((issue) => issue.message);
}

/** The row index (in the form, empty rows included) of each position the server or the check numbered. */
export function positionRowIndexes(draft: PortfolioDraft): number[] {
  return draft.positions.flatMap((position, row) => (position.symbol !== null || position.quantity !== null ? [row] : []));
}

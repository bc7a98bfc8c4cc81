import { useQuery } from '@tanstack/react-query';
import { trpc } from '../api/trpc.ts';
import { usePortfolioList } from '../portfolios/usePortfolios.ts';
import type { Route } from '../routing/route.ts';

/** What a gallery template needs that only the user can make, and whether it exists yet. */
export interface Prerequisite {
  /** The template input it fills. */
  input: string;
  /** Filled in when something suitable exists (a stored portfolio's name, the latest run's id). */
  value?: string;
  /** Said when nothing suitable exists: what to create first, and where. */
  missing?: { message: string; action: string; route: Route };
}

/**
 * Gallery templates whose inputs name a stored object (`portfolio`: a portfolio's name, `run`: a
 * backtest run) draw nothing until one exists. Fill the input with one that does (the template's
 * default portfolio when it exists, else the first), or say what to create first, instead of leaving
 * the new dashboard with an error in every panel.
 */
export function useTemplatePrerequisites(
  inputs: { name: string; default?: unknown }[] | undefined,
  open: boolean,
): Prerequisite[] {
  const names = new Set((inputs ?? []).map((input) => input.name));
  const portfolios = usePortfolioList();
  const runs = useQuery({
    queryKey: ['backtests', 'list', 'picker'],
    queryFn: ({ signal }) => trpc.backtests.list.query({ limit: 100 }, { signal }),
    enabled: open && names.has('run'),
  });
  const found: Prerequisite[] = [];
  if (names.has('portfolio') && portfolios.data) {
    // The portfolio the template names by default when there is one, else the first.
    const named = inputs?.find((input) => input.name === 'portfolio')?.default;
    const first = portfolios.data.find((portfolio) => portfolio.name === named) ?? portfolios.data[0];
    found.push(
      first
        ? { input: 'portfolio', value: first.name }
        : {
            input: 'portfolio',
            missing: {
              message:
                'This template shows the risk of a stored portfolio, and there is none yet. Create one first (positions in SIM instruments are priced offline), then come back.',
              action: 'Create a portfolio',
              route: { name: 'new-portfolio' },
            },
          },
    );
  }
  if (names.has('run') && runs.data) {
    const latest = runs.data.find((run) => run.status === 'done') ?? runs.data[0];
    found.push(
      latest
        ? { input: 'run', value: latest.id }
        : {
            input: 'run',
            missing: {
              message:
                'This template reviews a backtest run, and there is none yet. Run a backtest in the Strategy Lab first, then come back.',
              action: 'Open the Strategy Lab',
              route: { name: 'strategies' },
            },
          },
    );
  }
  return found;
}

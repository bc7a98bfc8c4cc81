import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { trpc } from '../api/trpc.ts';
import { type PortfolioFields, riskKeys } from '../risk/risk-api.ts';

/** Every portfolio, by name. */
export function usePortfolioList() {
  return useQuery({
    queryKey: riskKeys.portfolioList,
    queryFn: ({ signal }) => trpc.portfolios.list.query(undefined, { signal }),
  });
}

/** One portfolio; always refetched on open so an edit starts from the latest version. */
export function usePortfolio(id: string | undefined) {
  return useQuery({
    queryKey: riskKeys.portfolio(id ?? ''),
    queryFn: ({ signal }) => trpc.portfolios.get.query({ id: id! }, { signal }),
    enabled: id !== undefined,
    staleTime: 0,
  });
}

// A write changes the list and every risk figure of the portfolio.
function useInvalidatePortfolio() {
  const queryClient = useQueryClient();
  return (id?: string) => {
    void queryClient.invalidateQueries({ queryKey: riskKeys.portfolios });
    if (id) void queryClient.invalidateQueries({ queryKey: riskKeys.risk(id) });
  };
}

export function useCreatePortfolio() {
  const invalidate = useInvalidatePortfolio();
  return useMutation({
    mutationFn: (fields: PortfolioFields) => trpc.portfolios.create.mutate(fields),
    onSuccess: (portfolio) => invalidate(portfolio.id),
  });
}

/** Saves over `baseVersion`; the server answers CONFLICT, writing nothing, if someone saved in between. */
export function useUpdatePortfolio() {
  const invalidate = useInvalidatePortfolio();
  return useMutation({
    mutationFn: (input: PortfolioFields & { id: string; baseVersion: number }) => trpc.portfolios.update.mutate(input),
    onSuccess: (portfolio) => invalidate(portfolio.id),
  });
}

export function useDeletePortfolio() {
  const invalidate = useInvalidatePortfolio();
  return useMutation({
    mutationFn: (id: string) => trpc.portfolios.delete.mutate({ id }),
    onSuccess: (_, id) => invalidate(id),
  });
}

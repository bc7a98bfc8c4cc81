import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { describeApiError } from '../api/api-error.ts';
import { queryKeys } from '../api/query-keys.ts';
import { trpc } from '../api/trpc.ts';
import { widgetsQuery } from '../dashboard-page/prefetch-dashboard.ts';
import { type Portfolio, riskKeys } from '../risk/risk-api.ts';
import { navigate } from '../routing/navigation.ts';
import { RISK_WIDGETS_PLUGIN, riskDashboardDocument } from './risk-dashboard.ts';

/** Creates the risk dashboard of a portfolio (its `$portfolio` variable offers every portfolio) and opens it. */
export function useCreateRiskDashboard() {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: async (portfolio: Pick<Portfolio, 'name'>) => {
      const [portfolios, widgets] = await Promise.all([
        queryClient.fetchQuery({
          queryKey: riskKeys.portfolioList,
          queryFn: ({ signal }) => trpc.portfolios.list.query(undefined, { signal }),
        }),
        queryClient.fetchQuery(widgetsQuery),
      ]);
      const pluginVersions = Object.fromEntries(widgets.map((widget) => [widget.pluginId, widget.pluginVersion]));
      const document = riskDashboardDocument({
        portfolio,
        portfolioNames: portfolios.map((item) => item.name),
        pluginVersions,
      });
      const created = await trpc.dashboards.create.mutate({ document });
      return { id: created.id, title: document.title, riskWidgets: RISK_WIDGETS_PLUGIN in pluginVersions };
    },
    onSuccess: ({ id, title, riskWidgets }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.dashboards });
      if (riskWidgets) void message.success(`Created “${title}”.`);
      else
        void message.warning(
          `Created “${title}”, but the risk widgets plugin (${RISK_WIDGETS_PLUGIN}) is not active: its panels will say so until an admin enables it.`,
        );
      navigate({ name: 'dashboard', id });
    },
    onError: (error) => void message.error(`The risk dashboard was not created: ${describeApiError(error).message}`),
  });
}

import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { trpc } from '../api/trpc.ts';
import { strategyRunOptions } from './strategy-run-options.ts';

interface Props {
  id: string;
  'data-testid': string;
  'aria-label': string;
  /** The sibling `kind` value: 'deployment' lists deployments, anything else backtest runs. */
  kind: unknown;
  required: boolean;
  value: string | undefined;
  onChange: (value: unknown) => void;
}

/** A Select of recent backtest runs or deployments, for a query field marked `x-widget: 'strategy-run'`. */
export function StrategyRunSelect({ kind, required, value, onChange, ...common }: Props) {
  const deployments = kind === 'deployment';
  const runs = useQuery({
    queryKey: ['backtests', 'list', 'picker'],
    queryFn: ({ signal }) => trpc.backtests.list.query({ limit: 100 }, { signal }),
    enabled: !deployments,
  });
  const deployed = useQuery({
    queryKey: ['deployments', 'list', 'picker'],
    queryFn: ({ signal }) => trpc.deployments.list.query({ limit: 100 }, { signal }),
    enabled: deployments,
  });
  const options = strategyRunOptions(kind, { runs: runs.data, deployments: deployed.data });
  if (value && !options.some((option) => option.value === value)) options.unshift({ value, label: value });
  const loading = deployments ? deployed.isLoading : runs.isLoading;
  return (
    <Select<string>
      {...common}
      size="small"
      showSearch={{ optionFilterProp: 'label' }}
      allowClear={!required}
      loading={loading}
      popupMatchSelectWidth={false}
      placeholder={deployments ? 'Pick a deployment' : 'Pick a finished backtest run'}
      notFoundContent={deployments ? 'No deployments yet' : 'No finished backtest runs yet: run one in the Strategy Lab'}
      value={value}
      options={options}
      onChange={(next) => onChange(next ?? undefined)}
    />
  );
}

import type { ParamSpecs, Timeframe } from '@nautilus/sdk';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Flex, InputNumber, Segmented, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { describeApiError } from '../../api/api-error.ts';
import { trpc } from '../../api/trpc.ts';
import { sweepKeys } from './sweep-api.ts';
import { type AxisDraft, axesRequest, draftAxes, gridSize } from './sweep-axes.ts';

type Mode = 'grid' | 'random' | 'walk-forward';

export interface SweepMarket {
  symbol: string;
  timeframe: Timeframe;
  from: string;
}

/** Defines a sweep from the version's declared numeric params: which to vary, their ranges, the mode. */
export function SweepForm({
  strategyId,
  version,
  specs,
  market,
  onCreated,
}: {
  strategyId: string;
  version: number;
  specs: ParamSpecs;
  market: SweepMarket;
  onCreated: (id: string) => void;
}) {
  const queryClient = useQueryClient();
  const [axes, setAxes] = useState<AxisDraft[]>(() => draftAxes(specs));
  const [mode, setMode] = useState<Mode>('grid');
  const [budget, setBudget] = useState(50);
  const [folds, setFolds] = useState(3);
  const size = useMemo(() => gridSize(axes), [axes]);
  const backtests = mode === 'random' ? Math.min(budget, size) : mode === 'walk-forward' ? folds * (size + 1) : size;
  const create = useMutation({
    mutationFn: () =>
      trpc.sweeps.create.mutate({
        strategyId,
        version,
        mode,
        axes: axesRequest(axes),
        ...(mode === 'random' ? { budget } : {}),
        ...(mode === 'walk-forward' ? { walkForward: { folds } } : {}),
        symbol: market.symbol,
        timeframe: market.timeframe,
        range: { from: market.from, to: 'now' },
      }),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: sweepKeys.list(strategyId) });
      onCreated(created.id);
    },
  });
  const update = (index: number, patch: Partial<AxisDraft>) =>
    setAxes((current) => current.map((axis, at) => (at === index ? { ...axis, ...patch } : axis)));
  if (axes.length === 0) return <Alert type="info" showIcon title="This version declares no numeric params to sweep." />;
  const problem = create.error ? describeApiError(create.error) : undefined;
  return (
    <Flex vertical gap={8} data-testid="sweep-form">
      {axes.map((axis, index) => (
        <Flex key={axis.name} gap={6} align="center" wrap>
          <Checkbox
            data-testid={`sweep-axis-${axis.name}`}
            checked={axis.enabled}
            onChange={(event) => update(index, { enabled: event.target.checked })}
            style={{ width: 110 }}
          >
            {axis.label}
          </Checkbox>
          <InputNumber
            size="small"
            aria-label={`${axis.name} from`}
            value={axis.min}
            onChange={(value) => typeof value === 'number' && update(index, { min: value })}
            style={{ width: 72 }}
            disabled={!axis.enabled}
          />
          <Typography.Text type="secondary">to</Typography.Text>
          <InputNumber
            size="small"
            aria-label={`${axis.name} to`}
            value={axis.max}
            onChange={(value) => typeof value === 'number' && update(index, { max: value })}
            style={{ width: 72 }}
            disabled={!axis.enabled}
          />
          <Typography.Text type="secondary">step</Typography.Text>
          <InputNumber
            size="small"
            aria-label={`${axis.name} step`}
            min={0}
            value={axis.step}
            onChange={(value) => typeof value === 'number' && update(index, { step: value })}
            style={{ width: 64 }}
            disabled={!axis.enabled}
          />
        </Flex>
      ))}
      <Flex gap={8} align="center" wrap>
        <Segmented<Mode>
          data-testid="sweep-mode"
          size="small"
          value={mode}
          onChange={setMode}
          options={[
            { value: 'grid', label: 'Grid' },
            { value: 'random', label: 'Random' },
            { value: 'walk-forward', label: 'Walk-forward' },
          ]}
        />
        {mode === 'random' && (
          <InputNumber
            size="small"
            addonBefore="budget"
            min={1}
            max={2000}
            value={budget}
            onChange={(value) => typeof value === 'number' && setBudget(value)}
            style={{ width: 140 }}
          />
        )}
        {mode === 'walk-forward' && (
          <InputNumber
            size="small"
            addonBefore="folds"
            min={1}
            max={20}
            value={folds}
            onChange={(value) => typeof value === 'number' && setFolds(value)}
            style={{ width: 120 }}
          />
        )}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {market.symbol} {market.timeframe} from {market.from}; {backtests.toLocaleString('en-US')} backtests (at most 2,000).
        {mode === 'walk-forward' ? ' Each fold optimises on one window and is scored on the next.' : ''}
      </Typography.Text>
      {problem && (
        <Alert
          type="error"
          showIcon
          data-testid="sweep-error"
          title={problem.message}
          description={
            problem.fields.length > 0 ? problem.fields.map((field) => `${field.path}: ${field.message}`).join('; ') : undefined
          }
        />
      )}
      <Button
        type="primary"
        data-testid="sweep-run"
        loading={create.isPending}
        disabled={backtests === 0 || backtests > 2000}
        onClick={() => create.mutate()}
      >
        Run sweep
      </Button>
    </Flex>
  );
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Flex, Progress, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { describeApiError } from '../../api/api-error.ts';
import { trpc } from '../../api/trpc.ts';
import { labKeys } from '../lab-api.ts';
import { SweepHeatmap } from './SweepHeatmap.tsx';
import { type Sweep, sweepKeys } from './sweep-api.ts';

const percent = (value: number | null | undefined) =>
  value === null || value === undefined ? '–' : `${(value * 100).toFixed(1)} %`;
const params = (values: Record<string, unknown>) =>
  Object.entries(values)
    .map(([name, value]) => `${name}=${String(value)}`)
    .join(', ');

/** A sweep's progress, heatmap, overfitting statistics and walk-forward folds; saves a chosen point as a version. */
export function SweepDetail({ sweep, latestVersion, canEdit }: { sweep: Sweep; latestVersion: number; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [selected, setSelected] = useState<number>();
  const chosen = sweep.points.find((point) => point.idx === (selected ?? sweep.best?.idx));
  const { progress, statistics } = sweep;
  const cancel = useMutation({
    mutationFn: () => trpc.sweeps.cancel.mutate({ id: sweep.id }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: sweepKeys.sweep(sweep.id) }),
  });
  const save = useMutation({
    mutationFn: () => trpc.sweeps.saveAsVersion.mutate({ id: sweep.id, idx: chosen!.idx, baseVersion: latestVersion }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: labKeys.strategies });
      void message.success(`Saved version ${saved.version} with ${params(saved.params)}`);
    },
  });
  const finished = progress.done + progress.failed;
  return (
    <Flex vertical gap={12} data-testid="sweep-detail">
      <Flex gap={8} align="center" wrap>
        <Tag
          color={sweep.status === 'done' ? 'green' : sweep.status === 'running' ? 'blue' : 'default'}
          data-testid="sweep-status"
        >
          {sweep.status}
        </Tag>
        <Progress
          data-testid="sweep-progress"
          percent={Math.round((finished / Math.max(1, progress.total)) * 100)}
          format={() => `${finished} / ${progress.total}`}
          style={{ flex: 1, minWidth: 160, margin: 0 }}
          size="small"
        />
        {progress.failed > 0 && <Tag color="red">{progress.failed} failed</Tag>}
        {canEdit && sweep.status === 'running' && (
          <Button size="small" onClick={() => cancel.mutate()} loading={cancel.isPending}>
            Cancel
          </Button>
        )}
      </Flex>
      {statistics && (
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }} bordered data-testid="sweep-statistics">
          <Descriptions.Item
            label={
              <Tooltip title="Probability of backtest overfitting: combinatorially symmetric cross-validation over 8 blocks (Bailey et al. 2017). Share of in-sample/out-of-sample splits whose in-sample best point ranks in the bottom half out of sample.">
                PBO
              </Tooltip>
            }
          >
            {percent(statistics.pbo)}
          </Descriptions.Item>
          <Descriptions.Item
            label={
              <Tooltip title="Deflated Sharpe ratio of the best point (Bailey & López de Prado 2014): probability its Sharpe beats the best of this many unskilled trials, given their Sharpe variance, its skew, kurtosis and length.">
                Deflated Sharpe
              </Tooltip>
            }
          >
            {percent(statistics.deflatedSharpe)}
          </Descriptions.Item>
          <Descriptions.Item label="Trials">{statistics.trials}</Descriptions.Item>
          <Descriptions.Item label="Bars each">{statistics.observations}</Descriptions.Item>
        </Descriptions>
      )}
      <SweepHeatmap sweep={sweep} selected={chosen?.idx} onSelect={setSelected} />
      {sweep.folds && (
        <Table
          size="small"
          rowKey="fold"
          pagination={false}
          dataSource={sweep.folds}
          scroll={{ x: true }}
          columns={[
            { title: 'Fold', dataIndex: 'fold', render: (fold: number) => fold + 1 },
            {
              title: 'In sample',
              render: (_, fold) =>
                `${new Date(fold.inSample.from).toISOString().slice(0, 10)} → ${new Date(fold.inSample.to).toISOString().slice(0, 10)}`,
            },
            { title: 'Chosen', render: (_, fold) => (fold.chosen ? params(fold.chosen) : '…') },
            { title: 'IS Sharpe', render: (_, fold) => fold.inSampleMetric?.toFixed(2) ?? '–' },
            { title: 'OOS Sharpe', render: (_, fold) => fold.outOfSampleMetric?.toFixed(2) ?? '–' },
          ]}
        />
      )}
      {chosen?.metrics && (
        <Flex gap={8} align="center" wrap data-testid="sweep-chosen">
          <Typography.Text>
            {selected === undefined ? 'Best point' : 'Picked point'}: <b>{params(chosen.params)}</b> · Sharpe{' '}
            {chosen.metrics.sharpe?.toFixed(2) ?? '–'} · return {percent(chosen.metrics.totalReturn)} · max drawdown{' '}
            {percent(chosen.metrics.maxDrawdown)} · {chosen.metrics.trades} trades
          </Typography.Text>
          {canEdit && (
            <Button data-testid="sweep-save-version" size="small" loading={save.isPending} onClick={() => save.mutate()}>
              Save as new version
            </Button>
          )}
        </Flex>
      )}
      {save.error && <Alert type="error" showIcon title={describeApiError(save.error).message} />}
    </Flex>
  );
}

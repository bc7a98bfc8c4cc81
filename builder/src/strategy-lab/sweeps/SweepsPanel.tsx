import type { ParamSpecs } from '@nautilus/sdk';
import { Alert, Card, Col, Empty, Row, Select, Spin } from 'antd';
import { useState } from 'react';
import { describeApiError } from '../../api/api-error.ts';
import { SweepDetail } from './SweepDetail.tsx';
import { SweepForm, type SweepMarket } from './SweepForm.tsx';
import { useSweep, useSweeps } from './sweep-api.ts';
import './sweeps.css';

/** The Strategy Lab's Sweeps tab: define a sweep over the declared params, watch it fill in, pick a point. */
export function SweepsPanel({
  strategyId,
  version,
  specs,
  market,
  canEdit,
}: {
  strategyId: string;
  version: number;
  specs: ParamSpecs;
  market: SweepMarket;
  canEdit: boolean;
}) {
  const sweeps = useSweeps(strategyId);
  const [picked, setPicked] = useState<string>();
  const id = picked ?? sweeps.data?.[0]?.id;
  const sweep = useSweep(id);
  return (
    <Row gutter={[16, 16]} data-testid="sweeps-panel">
      {canEdit && (
        <Col xs={24} lg={9}>
          <Card size="small" title={`New sweep of version ${version}`}>
            <SweepForm strategyId={strategyId} version={version} specs={specs} market={market} onCreated={setPicked} />
          </Card>
        </Col>
      )}
      <Col xs={24} lg={canEdit ? 15 : 24}>
        <Card
          size="small"
          title="Sweep"
          extra={
            sweeps.data && sweeps.data.length > 0 ? (
              <Select
                size="small"
                style={{ width: 220, maxWidth: '50vw' }}
                value={id}
                onChange={setPicked}
                options={sweeps.data.map((item) => ({
                  value: item.id,
                  label: `${item.kind} · v${item.version} · ${item.total} pts · ${new Date(item.createdAt).toLocaleString()}`,
                }))}
              />
            ) : undefined
          }
        >
          {sweeps.error || sweep.error ? (
            <Alert type="error" showIcon title={describeApiError(sweeps.error ?? sweep.error).message} />
          ) : !id ? (
            <Empty description="No sweeps yet." />
          ) : !sweep.data ? (
            <Spin />
          ) : (
            <SweepDetail sweep={sweep.data} latestVersion={version} canEdit={canEdit} />
          )}
        </Card>
      </Col>
    </Row>
  );
}

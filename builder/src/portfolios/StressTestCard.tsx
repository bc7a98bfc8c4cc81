import { Button, Card, Flex, InputNumber, Segmented, Select, Skeleton, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { InstrumentSelect } from '../dashboard-page/InstrumentSelect.tsx';
import { useInstruments } from '../data/useInstruments.ts';
import { type StressPreset, type StressResult, type StressScenarioInput, useStressTest } from '../risk/risk-api.ts';
import { money, percent } from '../strategy-lab/lab-format.ts';
import { RiskProblem } from './RiskProblem.tsx';
import { ASSET_CLASSES, customScenario, SHOCK_PERCENT_RANGE, type ShockDraft, STRESS_PRESETS } from './stress-form.ts';

type Mode = 'preset' | 'custom';
type PositionRow = StressResult['positions'][number];

let lastKey = 0;
const newShock = (): ShockDraft => ({ key: `shock-${++lastKey}`, target: 'assetClass', name: null, percent: null });

const pnlText = (pnl: number) => (
  <Typography.Text type={pnl < 0 ? 'danger' : pnl > 0 ? 'success' : undefined}>{money(pnl)}</Typography.Text>
);

const columns: TableColumnsType<PositionRow> = [
  { title: 'Instrument', dataIndex: 'symbol' },
  { title: 'Value', dataIndex: 'value', align: 'right', render: money },
  { title: 'Shock', dataIndex: 'shock', align: 'right', render: (shock: number) => percent(shock, 1) },
  { title: 'P&L', dataIndex: 'pnl', align: 'right', render: pnlText },
];

/** Stress tests of the saved portfolio: a preset scenario or custom shocks, with the P&L per position and in total. */
export function StressTestCard({ portfolioId }: { portfolioId: string }) {
  const instruments = useInstruments();
  const [mode, setMode] = useState<Mode>('preset');
  const [preset, setPreset] = useState<StressPreset>('equity-crash');
  const [shocks, setShocks] = useState<ShockDraft[]>(() => [newShock()]);
  const [scenario, setScenario] = useState<StressScenarioInput>();
  const stress = useStressTest(portfolioId, scenario);
  const custom = customScenario(shocks);
  const next = mode === 'preset' ? ({ kind: 'preset', preset } as const) : custom;
  const updateShock = (key: string, change: Partial<ShockDraft>) =>
    setShocks((current) => current.map((shock) => (shock.key === key ? { ...shock, ...change } : shock)));

  return (
    <Card size="small" title="Stress test" data-testid="stress-test">
      <Flex vertical gap={12}>
        <Flex gap={8} align="center" wrap>
          <Segmented<Mode>
            data-testid="stress-mode"
            size="small"
            options={[
              { value: 'preset', label: 'Preset' },
              { value: 'custom', label: 'Custom shocks' },
            ]}
            value={mode}
            onChange={setMode}
          />
          {mode === 'preset' && (
            <Select<StressPreset>
              data-testid="stress-preset"
              aria-label="Scenario"
              style={{ width: 240 }}
              options={STRESS_PRESETS.map(({ value, label }) => ({ value, label }))}
              value={preset}
              onChange={setPreset}
            />
          )}
          <Button
            type="primary"
            data-testid="run-stress"
            disabled={!next}
            loading={stress.isFetching}
            onClick={() => {
              if (!next) return;
              if (JSON.stringify(next) === JSON.stringify(scenario)) void stress.refetch();
              else setScenario(next);
            }}
          >
            Run stress test
          </Button>
        </Flex>
        {mode === 'custom' && (
          <Flex vertical gap={6} data-testid="stress-shocks">
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              Each shock moves an instrument or an asset class by a percentage; an instrument's own shock beats its class's.
            </Typography.Text>
            {shocks.map((shock, index) => (
              <Flex key={shock.key} gap={8} align="center" wrap>
                <Select<ShockDraft['target']>
                  aria-label="Shock target"
                  data-testid={`shock-target-${index}`}
                  style={{ width: 130 }}
                  value={shock.target}
                  options={[
                    { value: 'assetClass', label: 'Asset class' },
                    { value: 'symbol', label: 'Instrument' },
                  ]}
                  onChange={(target) => updateShock(shock.key, { target, name: null })}
                />
                {shock.target === 'symbol' ? (
                  <InstrumentSelect
                    data-testid={`shock-name-${index}`}
                    aria-label="Instrument"
                    style={{ width: 200 }}
                    placeholder="Instrument"
                    instruments={instruments}
                    value={shock.name ?? undefined}
                    onChange={(name) => updateShock(shock.key, { name })}
                  />
                ) : (
                  <Select<string>
                    data-testid={`shock-name-${index}`}
                    aria-label="Asset class"
                    style={{ width: 200 }}
                    placeholder="Asset class"
                    options={ASSET_CLASSES.map((value) => ({ value, label: value }))}
                    value={shock.name ?? undefined}
                    onChange={(name) => updateShock(shock.key, { name })}
                  />
                )}
                <InputNumber<number>
                  data-testid={`shock-percent-${index}`}
                  aria-label="Shock (%)"
                  style={{ width: 140 }}
                  min={SHOCK_PERCENT_RANGE.min}
                  max={SHOCK_PERCENT_RANGE.max}
                  placeholder="-20"
                  suffix="%"
                  value={shock.percent}
                  onChange={(value) => updateShock(shock.key, { percent: typeof value === 'number' ? value : null })}
                />
                <Button
                  type="text"
                  danger
                  aria-label="Remove shock"
                  disabled={shocks.length === 1}
                  onClick={() => setShocks((current) => current.filter((item) => item.key !== shock.key))}
                >
                  Remove
                </Button>
              </Flex>
            ))}
            <Button
              size="small"
              style={{ alignSelf: 'flex-start' }}
              onClick={() => setShocks((current) => [...current, newShock()])}
            >
              Add shock
            </Button>
          </Flex>
        )}
        {!scenario ? (
          <Typography.Text type="secondary">Pick a scenario and run it to see the P&L of each position.</Typography.Text>
        ) : stress.error ? (
          <RiskProblem testId="stress-error" error={stress.error} onRetry={() => void stress.refetch()} />
        ) : !stress.data ? (
          <Skeleton active paragraph={{ rows: 3 }} />
        ) : (
          <StressOutcome result={stress.data} />
        )}
      </Flex>
    </Card>
  );
}

function StressOutcome({ result }: { result: StressResult }) {
  return (
    <Flex vertical gap={8}>
      <Flex gap={8} align="baseline" wrap>
        <Typography.Text strong>{result.scenario}</Typography.Text>
        <Typography.Text>
          Total P&L{' '}
          <span data-testid="stress-total" data-value={result.totalPnl}>
            {pnlText(result.totalPnl)}
          </span>{' '}
          ({percent(result.totalPct)} of the gross value)
        </Typography.Text>
      </Flex>
      <Table<PositionRow>
        data-testid="stress-positions"
        size="small"
        rowKey="symbol"
        pagination={false}
        columns={columns}
        dataSource={result.positions}
      />
      {result.notes.map((note) => (
        <Typography.Text key={note} type="secondary" style={{ fontSize: 12 }}>
          {note}
        </Typography.Text>
      ))}
    </Flex>
  );
}

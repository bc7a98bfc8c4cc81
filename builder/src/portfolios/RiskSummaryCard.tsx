import { Card, Col, Divider, Flex, InputNumber, Row, Segmented, Skeleton, Spin, Statistic, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import {
  type RiskSettings,
  useValueAtRisk,
  useVarBacktest,
  VAR_METHOD_LABELS,
  VAR_METHODS,
  type VarBacktest,
  type VarMethod,
} from '../risk/risk-api.ts';
import { money, percent } from '../strategy-lab/lab-format.ts';
import { RiskProblem } from './RiskProblem.tsx';

const CONFIDENCES = [
  { value: 0.99, label: '99 %' },
  { value: 0.95, label: '95 %' },
];
const LIGHT_COLORS: Record<VarBacktest['trafficLight'], string> = { green: 'success', yellow: 'warning', red: 'error' };

/**
 * VaR and ES of the saved portfolio by the three methods side by side, each with its one-day VaR
 * backtest verdict (exceptions, Kupiec p-value, Basel traffic light).
 */
export function RiskSummaryCard({ portfolioId, unsaved }: { portfolioId: string; unsaved: boolean }) {
  const [settings, setSettings] = useState<RiskSettings>({ confidence: 0.99, horizonDays: 1, lookback: 250 });

  return (
    <Card
      size="small"
      title="Risk summary"
      data-testid="risk-summary"
      extra={
        <Flex gap={12} align="center" wrap>
          <Segmented<number>
            data-testid="risk-confidence"
            size="small"
            options={CONFIDENCES}
            value={settings.confidence}
            onChange={(confidence) => setSettings((current) => ({ ...current, confidence }))}
          />
          <CommittedNumber
            testId="risk-horizon"
            label="Horizon"
            suffix="days"
            min={1}
            max={250}
            value={settings.horizonDays}
            onCommit={(horizonDays) => setSettings((current) => ({ ...current, horizonDays }))}
          />
          <CommittedNumber
            testId="risk-lookback"
            label="Lookback"
            suffix="returns"
            min={20}
            max={2000}
            value={settings.lookback}
            onCommit={(lookback) => setSettings((current) => ({ ...current, lookback }))}
          />
        </Flex>
      }
    >
      {unsaved && (
        <Typography.Paragraph type="warning" style={{ marginBottom: 8 }}>
          These figures are for the saved portfolio: save your changes to see their risk.
        </Typography.Paragraph>
      )}
      <Row gutter={[12, 12]}>
        {VAR_METHODS.map((method) => (
          <Col key={method} xs={24} md={8}>
            <MethodFigures portfolioId={portfolioId} method={method} settings={settings} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

function MethodFigures({ portfolioId, method, settings }: { portfolioId: string; method: VarMethod; settings: RiskSettings }) {
  const result = useValueAtRisk(portfolioId, method, settings);
  const verdict = useVarBacktest(portfolioId, method, settings);
  const data = result.data;
  const horizon = settings.horizonDays === 1 ? '1 day' : `${settings.horizonDays} days`;

  return (
    <Card
      size="small"
      type="inner"
      title={VAR_METHOD_LABELS[method]}
      data-testid={`var-card-${method}`}
      style={{ height: '100%' }}
      extra={result.isFetching && data ? <Spin size="small" /> : undefined}
    >
      {result.error ? (
        <RiskProblem testId={`var-error-${method}`} error={result.error} onRetry={() => void result.refetch()} />
      ) : !data ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : (
        <Flex vertical gap={4} style={{ opacity: result.isPlaceholderData ? 0.5 : 1 }}>
          <Flex gap="4px 24px" wrap>
            <Statistic
              title={`VaR ${percent(data.confidence, 1)}, ${horizon}`}
              value={money(data.var)}
              data-testid={`var-value-${method}`}
            />
            <Statistic title="ES" value={money(data.es)} data-testid={`es-value-${method}`} />
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {percent(data.varPct)} and {percent(data.esPct)} of the gross value {money(data.grossValue)}, from{' '}
            {data.alignment.observations} daily returns
          </Typography.Text>
          {method === 'montecarlo' && (
            <Typography.Text style={{ fontSize: 12 }} data-testid="montecarlo-backend">
              Computed on <Tag style={{ marginInlineEnd: 4 }}>{data.backend ?? 'cpu'}</Tag>
              {data.paths !== undefined && `${data.paths.toLocaleString('en-US')} paths`}
              {data.standardError !== undefined && `, standard error ${money(data.standardError)}`}
            </Typography.Text>
          )}
          {data.notes.map((note) => (
            <Typography.Text key={note} type="secondary" style={{ fontSize: 12 }}>
              {note}
            </Typography.Text>
          ))}
        </Flex>
      )}
      <Divider style={{ margin: '10px 0' }} />
      <BacktestVerdict method={method} query={verdict} />
    </Card>
  );
}

function BacktestVerdict({ method, query }: { method: VarMethod; query: ReturnType<typeof useVarBacktest> }) {
  if (query.error)
    return <RiskProblem testId={`backtest-error-${method}`} error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data;
  if (!data) return <Skeleton active title={false} paragraph={{ rows: 1 }} />;
  return (
    <Flex vertical gap={2} data-testid={`backtest-verdict-${method}`} style={{ opacity: query.isPlaceholderData ? 0.5 : 1 }}>
      <Flex gap={8} align="center" wrap>
        <Typography.Text strong>Backtest</Typography.Text>
        <Tooltip title="Basel traffic light of the one-day VaR over the last 250 days">
          <Tag color={LIGHT_COLORS[data.trafficLight]} data-testid={`traffic-light-${method}`} data-light={data.trafficLight}>
            {data.trafficLight}
          </Tag>
        </Tooltip>
        {data.kupiecReject && <Tag color="error">Kupiec rejects</Tag>}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {data.exceptions} exceptions in {data.days} days ({data.expected.toFixed(1)} expected), Kupiec p ={' '}
        {data.kupiecPValue.toFixed(3)}
      </Typography.Text>
    </Flex>
  );
}

/** A number field that applies its value on Enter or when it loses focus, not on every keystroke. */
function CommittedNumber(props: {
  testId: string;
  label: string;
  suffix: string;
  min: number;
  max: number;
  value: number;
  onCommit: (value: number) => void;
}) {
  const [draft, setDraft] = useState<number | null>(props.value);
  useEffect(() => setDraft(props.value), [props.value]);
  const commit = () => {
    if (draft === null || !Number.isInteger(draft) || draft < props.min || draft > props.max) setDraft(props.value);
    else if (draft !== props.value) props.onCommit(draft);
  };
  return (
    <Flex gap={4} align="center">
      <Typography.Text type="secondary">{props.label}</Typography.Text>
      <InputNumber<number>
        data-testid={props.testId}
        aria-label={props.label}
        size="small"
        style={{ width: 120 }}
        min={props.min}
        max={props.max}
        precision={0}
        suffix={props.suffix}
        value={draft}
        onChange={setDraft}
        onBlur={commit}
        onPressEnter={commit}
      />
    </Flex>
  );
}

import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, InputNumber, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { trpc } from '../api/trpc.ts';
import { InstrumentSelect } from '../dashboard-page/InstrumentSelect.tsx';
import { useInstruments } from '../data/useInstruments.ts';
import { limitMessage, limitName } from '../risk/limit-kinds.ts';
import { RiskProblem } from './RiskProblem.tsx';

type Side = 'buy' | 'sell';

/**
 * The what-if pre-trade check of one market order against the saved portfolio's limits
 * (`risk.whatIfOrder`, the same check a strategy's orders go through): accepted, or denied with every
 * limit it breaks by name, its threshold and the value the order would lead to. It raises no alert.
 */
export function OrderCheckCard({ portfolioId }: { portfolioId: string }) {
  const instruments = useInstruments();
  const [symbol, setSymbol] = useState<string>();
  const [side, setSide] = useState<Side>('buy');
  const [quantity, setQuantity] = useState<number | null>(null);
  // A what-if: the server stores no alert and does not count the order towards maxOrderRate.
  const check = useMutation({
    mutationFn: (order: { symbol: string; side: Side; quantity: number }) =>
      trpc.risk.whatIfOrder.query({ portfolioId, order: { ...order, type: 'market' } }),
  });
  const denials = check.data ? (check.data.denials ?? (check.data.denial ? [check.data.denial] : [])) : [];
  const ready = symbol !== undefined && quantity !== null && quantity > 0;

  return (
    <Card size="small" title="Pre-trade check" data-testid="order-check">
      <Flex vertical gap={12}>
        <Flex gap={8} align="center" wrap>
          <Segmented<Side>
            size="small"
            data-testid="order-side"
            options={[
              { value: 'buy', label: 'Buy' },
              { value: 'sell', label: 'Sell' },
            ]}
            value={side}
            onChange={setSide}
          />
          <InputNumber<number>
            data-testid="order-quantity"
            aria-label="Quantity"
            placeholder="Quantity"
            min={0}
            style={{ width: 140 }}
            value={quantity}
            onChange={setQuantity}
          />
          <InstrumentSelect
            data-testid="order-symbol"
            aria-label="Instrument"
            placeholder="Instrument"
            style={{ width: 220 }}
            instruments={instruments}
            value={symbol}
            onChange={setSymbol}
          />
          <Button
            type="primary"
            data-testid="run-order-check"
            disabled={!ready}
            loading={check.isPending}
            onClick={() => ready && check.mutate({ symbol, side, quantity })}
          >
            Check order
          </Button>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          A what-if: a market order at the last close, against the saved limits. Nothing is traded and no alert is raised.
        </Typography.Text>
        {check.error && <RiskProblem error={check.error} onRetry={() => check.reset()} testId="order-check-error" />}
        {check.data && (
          <Flex vertical gap={6} data-testid="order-check-result" data-accepted={String(check.data.accepted)}>
            {check.data.accepted ? (
              <Alert type={check.data.warnings.length ? 'warning' : 'success'} showIcon title="Accepted" />
            ) : (
              <Alert
                type="error"
                showIcon
                title={`Denied: breaks ${denials.length === 1 ? '1 limit' : `${denials.length} limits`}`}
                description={
                  <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="order-check-denials">
                    {denials.map((denial) => (
                      <li
                        key={`${denial.limit}-${denial.symbol ?? ''}`}
                        data-limit={denial.limit}
                        style={{ overflowWrap: 'anywhere' }}
                      >
                        <Typography.Text strong>{limitName(denial.limit)}</Typography.Text>:{' '}
                        {limitMessage(denial.limit, denial.message)}
                      </li>
                    ))}
                  </ul>
                }
              />
            )}
            {check.data.warnings.map((warning) => (
              <Typography.Text
                key={`${warning.limit}-${warning.symbol ?? ''}`}
                type="warning"
                style={{ overflowWrap: 'anywhere' }}
              >
                {limitName(warning.limit)}: {limitMessage(warning.limit, warning.message)}
              </Typography.Text>
            ))}
          </Flex>
        )}
      </Flex>
    </Card>
  );
}

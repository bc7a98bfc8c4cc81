import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, InputNumber, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { trpc } from '../api/trpc.ts';
import { InstrumentSelect } from '../dashboard-page/InstrumentSelect.tsx';
import { useInstruments } from '../data/useInstruments.ts';
import { riskKeys } from '../risk/risk-api.ts';
import { RiskProblem } from './RiskProblem.tsx';

type Side = 'buy' | 'sell';

/**
 * The pre-trade check of one market order against the saved portfolio's limits (`risk.checkOrder`,
 * the same check a strategy's orders go through): accepted or denied, with the limit, its threshold
 * and the value the order would lead to. Denials and warnings also become alerts.
 */
export function OrderCheckCard({ portfolioId }: { portfolioId: string }) {
  const instruments = useInstruments();
  const queryClient = useQueryClient();
  const [symbol, setSymbol] = useState<string>();
  const [side, setSide] = useState<Side>('buy');
  const [quantity, setQuantity] = useState<number | null>(null);
  const check = useMutation({
    mutationFn: (order: { symbol: string; side: Side; quantity: number }) =>
      trpc.risk.checkOrder.mutate({ portfolioId, order: { ...order, type: 'market' } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: riskKeys.alerts }),
  });
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
          A market order at the last close, against the saved limits. Nothing is traded.
        </Typography.Text>
        {check.error && <RiskProblem error={check.error} onRetry={() => check.reset()} testId="order-check-error" />}
        {check.data && (
          <Flex vertical gap={6} data-testid="order-check-result" data-accepted={String(check.data.accepted)}>
            {check.data.accepted ? (
              <Alert type={check.data.warnings.length ? 'warning' : 'success'} showIcon title="Accepted" />
            ) : (
              <Alert type="error" showIcon title="Denied" description={check.data.denial?.message} />
            )}
            {check.data.warnings.map((warning) => (
              <Typography.Text key={`${warning.limit}-${warning.symbol ?? ''}`} type="warning">
                {warning.message}
              </Typography.Text>
            ))}
          </Flex>
        )}
      </Flex>
    </Card>
  );
}

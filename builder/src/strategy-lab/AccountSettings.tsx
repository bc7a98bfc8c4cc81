import type { AccountConfig } from '@nautilus/sdk';
import { Flex, InputNumber, Segmented, Tooltip, Typography } from 'antd';

const EXPLAIN: Record<AccountConfig['type'], string> = {
  cash: 'Orders need the cash to pay for them (commission included) and cannot sell short; the rest are rejected.',
  margin: 'Positions may reach leverage × equity, long or short; orders beyond that buying power are rejected.',
};

/** The account a backtest or deployment trades in: cash (the default) or margin with a leverage. */
export function AccountSettings({ value, onChange }: { value: AccountConfig; onChange: (next: AccountConfig) => void }) {
  return (
    <Flex align="center" gap={8}>
      <Typography.Text style={{ width: 90, flexShrink: 0 }}>Account</Typography.Text>
      <Tooltip title={EXPLAIN[value.type]}>
        <Segmented<AccountConfig['type']>
          data-testid="lab-account"
          size="small"
          options={[
            { value: 'cash', label: 'Cash' },
            { value: 'margin', label: 'Margin' },
          ]}
          value={value.type}
          onChange={(type) => onChange(type === 'cash' ? { type } : { type, leverage: 2 })}
        />
      </Tooltip>
      {value.type === 'margin' && (
        <>
          <InputNumber
            data-testid="lab-leverage"
            aria-label="Leverage"
            size="small"
            min={1}
            max={100}
            value={value.leverage}
            onChange={(next) => typeof next === 'number' && onChange({ type: 'margin', leverage: next })}
            style={{ flex: 1 }}
          />
          <Typography.Text type="secondary">× equity</Typography.Text>
        </>
      )}
    </Flex>
  );
}

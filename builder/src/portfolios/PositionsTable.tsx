import type { FieldIssue } from '@nautilus/sdk';
import { Button, Flex, InputNumber, Tag, Typography } from 'antd';
import { InstrumentSelect } from '../dashboard-page/InstrumentSelect.tsx';
import { useInstruments } from '../data/useInstruments.ts';
import { issuesAt, newPositionKey, type PositionDraft } from './portfolio-form.ts';

interface Props {
  positions: PositionDraft[];
  onChange: (next: PositionDraft[]) => void;
  /** Issues with the server's paths (`positions[i].symbol`), `i` counting only the rows sent. */
  issues: readonly FieldIssue[];
  /** Form row of each sent position, from positionRowIndexes. */
  sentRows: readonly number[];
  disabled: boolean;
}

// Both columns shrink together on a phone, and the quantity never below what a 9-digit number needs.
const INSTRUMENT_COLUMN = { flex: '1 1 170px', maxWidth: 240, minWidth: 0 } as const;
const QUANTITY_COLUMN = { flex: '1 1 130px', maxWidth: 200, minWidth: 130 } as const;

/** The positions: an instrument and a quantity per row (negative = short); rows are added and removed freely. */
export function PositionsTable({ positions, onChange, issues, sentRows, disabled }: Props) {
  const instruments = useInstruments();
  const update = (row: number, next: Partial<PositionDraft>) =>
    onChange(positions.map((position, at) => (at === row ? { ...position, ...next } : position)));

  return (
    <Flex vertical gap={6} data-testid="positions-table">
      <Flex gap={8}>
        <Typography.Text type="secondary" style={INSTRUMENT_COLUMN}>
          Instrument
        </Typography.Text>
        <Typography.Text type="secondary" style={QUANTITY_COLUMN}>
          Quantity (− = short)
        </Typography.Text>
      </Flex>
      {positions.map((position, row) => {
        const sent = sentRows.indexOf(row);
        const symbolErrors = sent < 0 ? [] : issuesAt(issues, `positions[${sent}].symbol`);
        const quantityErrors = sent < 0 ? [] : issuesAt(issues, `positions[${sent}].quantity`);
        return (
          <Flex key={position.key} gap={8} align="flex-start" wrap data-testid={`position-row-${row}`}>
            <Flex vertical style={INSTRUMENT_COLUMN}>
              <InstrumentSelect
                data-testid={`position-symbol-${row}`}
                aria-label={`Instrument of position ${row + 1}`}
                placeholder="Pick an instrument"
                disabled={disabled}
                status={symbolErrors.length > 0 ? 'error' : undefined}
                instruments={instruments}
                value={position.symbol ?? undefined}
                onChange={(symbol) => update(row, { symbol })}
              />
              <FieldErrors messages={symbolErrors} />
            </Flex>
            <Flex vertical style={QUANTITY_COLUMN}>
              <InputNumber<number>
                data-testid={`position-quantity-${row}`}
                aria-label={`Quantity of position ${row + 1}`}
                style={{ width: '100%' }}
                disabled={disabled}
                status={quantityErrors.length > 0 ? 'error' : undefined}
                placeholder="e.g. 100 or -50"
                value={position.quantity}
                onChange={(quantity) => update(row, { quantity: typeof quantity === 'number' ? quantity : null })}
              />
              <FieldErrors messages={quantityErrors} />
            </Flex>
            {position.quantity !== null && position.quantity < 0 && (
              <Tag color="volcano" style={{ marginTop: 5 }}>
                short
              </Tag>
            )}
            {!disabled && (
              <Button
                type="text"
                danger
                data-testid={`remove-position-${row}`}
                aria-label={`Remove position ${row + 1}`}
                onClick={() => onChange(positions.filter((_, at) => at !== row))}
              >
                Remove
              </Button>
            )}
          </Flex>
        );
      })}
      {positions.length === 0 && <Typography.Text type="secondary">No positions yet.</Typography.Text>}
      {!disabled && (
        <Button
          size="small"
          style={{ alignSelf: 'flex-start' }}
          data-testid="add-position"
          onClick={() => onChange([...positions, { key: newPositionKey(), symbol: null, quantity: null }])}
        >
          Add position
        </Button>
      )}
    </Flex>
  );
}

export function FieldErrors({ messages }: { messages: readonly string[] }) {
  return messages.map((message) => (
    <Typography.Text key={message} type="danger" style={{ fontSize: 12 }} className="nautilus-field-error">
      {message}
    </Typography.Text>
  ));
}

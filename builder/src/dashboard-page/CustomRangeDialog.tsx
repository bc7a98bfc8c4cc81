import type { TimeRange } from '@nautilus/sdk';
import { DatePicker, type GetProps, Modal, Typography } from 'antd';
import { useState } from 'react';
import { describeTimeRange } from '../data/time-ranges.ts';

type PickedRange = NonNullable<GetProps<typeof DatePicker.RangePicker>['value']>;

/** Picks an absolute range (stored as UTC ISO times in the dashboard document). */
export default function CustomRangeDialog({
  value,
  onApply,
  onCancel,
}: {
  value: TimeRange;
  onApply: (range: TimeRange) => void;
  onCancel: () => void;
}) {
  const [range, setRange] = useState<PickedRange | null>(null);
  const [from, to] = range ?? [];
  const valid = Boolean(from && to && from.valueOf() < to.valueOf());
  return (
    <Modal
      open
      title="Custom time range"
      okText="Apply"
      onCancel={onCancel}
      onOk={() =>
        from && to && onApply({ from: new Date(from.valueOf()).toISOString(), to: new Date(to.valueOf()).toISOString() })
      }
      okButtonProps={{ disabled: !valid }}
    >
      <Typography.Paragraph type="secondary">
        Now showing: {describeTimeRange(value)}. Times are in your browser’s time zone.
      </Typography.Paragraph>
      <div data-testid="time-range-absolute">
        <DatePicker.RangePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          onChange={(next) => setRange(next)}
          style={{ width: '100%' }}
        />
      </div>
    </Modal>
  );
}

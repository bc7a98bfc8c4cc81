import type { TimeRange } from '@nautilus/sdk';
import { Select } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { describeTimeRange, parseTimeRangeKey, QUICK_RANGES, timeRangeKey } from '../data/time-ranges.ts';

// The date picker is heavy and only needed when someone asks for an absolute range.
const CustomRangeDialog = lazy(() => import('./CustomRangeDialog.tsx'));
const CUSTOM = 'custom';

/** Quick ranges (last 1 hour … last 5 years) and a dialog for an absolute range. */
export function TimeRangeSelect({ value, onChange }: { value: TimeRange; onChange: (range: TimeRange) => void }) {
  const [customOpen, setCustomOpen] = useState(false);
  const current = timeRangeKey(value);
  const options = useMemo(() => {
    const quick = QUICK_RANGES.map((range) => ({ value: timeRangeKey(range), label: range.label }));
    const isQuick = quick.some((option) => option.value === current);
    return [
      ...(isQuick ? [] : [{ value: current, label: describeTimeRange(value) }]),
      ...quick,
      { value: CUSTOM, label: 'Custom range…' },
    ];
  }, [current, value]);

  return (
    <>
      <Select<string>
        data-testid="time-range"
        aria-label="Time range"
        size="small"
        style={{ minWidth: 130 }}
        popupMatchSelectWidth={false}
        value={current}
        options={options}
        onChange={(key) => (key === CUSTOM ? setCustomOpen(true) : onChange(parseTimeRangeKey(key)))}
      />
      {customOpen && (
        <Suspense fallback={null}>
          <CustomRangeDialog
            value={value}
            onCancel={() => setCustomOpen(false)}
            onApply={(range) => {
              setCustomOpen(false);
              onChange(range);
            }}
          />
        </Suspense>
      )}
    </>
  );
}

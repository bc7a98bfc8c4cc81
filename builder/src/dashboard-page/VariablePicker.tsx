import type { DashboardVariable } from '@nautilus/sdk';
import { Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import type { InstrumentOption } from '../data/variable-values.ts';
import { InstrumentSelect } from './InstrumentSelect.tsx';

interface Props {
  variable: DashboardVariable;
  value: string;
  instruments: readonly InstrumentOption[];
  onChange: (name: string, value: string) => void;
}

/** The picker of one dashboard variable; a change re-queries every panel that references it. */
export function VariablePicker({ variable, value, instruments, onChange }: Props) {
  const testId = `variable-${variable.name}`;
  const label = variable.label || variable.name;
  let control: React.ReactNode;
  if (variable.type === 'instrument') {
    control = (
      <InstrumentSelect
        data-testid={testId}
        aria-label={label}
        variant="borderless"
        size="small"
        style={{ minWidth: 130 }}
        instruments={instruments}
        value={value}
        onChange={(next) => onChange(variable.name, next)}
      />
    );
  } else if (variable.type === 'custom') {
    control = (
      <Select<string>
        data-testid={testId}
        aria-label={label}
        variant="borderless"
        size="small"
        style={{ minWidth: 90 }}
        popupMatchSelectWidth={false}
        value={value}
        options={(variable.options ?? []).map((option) => ({ value: option, label: option }))}
        onChange={(next) => onChange(variable.name, next)}
      />
    );
  } else {
    control = <TextVariable testId={testId} label={label} value={value} onCommit={(next) => onChange(variable.name, next)} />;
  }
  return (
    <span className="nautilus-variable">
      <span className="nautilus-variable-label">{label}</span>
      {control}
    </span>
  );
}

// Typing does not re-query on each key: the value applies on Enter or when the field loses focus.
function TextVariable({
  testId,
  label,
  value,
  onCommit,
}: {
  testId: string;
  label: string;
  value: string;
  onCommit: (value: string) => void;
}) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const commit = () => draft !== value && onCommit(draft);
  return (
    <Input
      data-testid={testId}
      aria-label={label}
      variant="borderless"
      size="small"
      style={{ width: 120 }}
      value={draft}
      onChange={(event) => setDraft(event.target.value)}
      onPressEnter={commit}
      onBlur={commit}
    />
  );
}

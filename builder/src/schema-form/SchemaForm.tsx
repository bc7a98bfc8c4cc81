import { sameJson } from '@nautilus/sdk';
import { ColorPicker, Input, InputNumber, Segmented, Select, Switch, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { InstrumentSelect } from '../dashboard-page/InstrumentSelect.tsx';
import type { InstrumentOption } from '../data/variable-values.ts';
import { StrategyRunSelect } from './StrategyRunSelect.tsx';
import type { FieldDescriptor } from './schema-fields.ts';
import { UploadSelect } from './UploadSelect.tsx';

export interface SchemaFormProps {
  fields: readonly FieldDescriptor[];
  values: Record<string, unknown>;
  onChange: (name: string, value: unknown) => void;
  /** Each control gets `data-testid="<prefix><name>"`. */
  testIdPrefix: string;
  instruments?: readonly InstrumentOption[];
  /** Names of the dashboard's variables, offered as `$name` in instrument and text fields. */
  variables?: readonly string[];
}

/** Renders fields from `schemaFields`: one labelled control per property, every change reported at once. */
export function SchemaForm({ fields, values, onChange, testIdPrefix, instruments = [], variables = [] }: SchemaFormProps) {
  return (
    <div className="nautilus-fields">
      {fields.map((field) => {
        const id = `${testIdPrefix}${field.name}`;
        const wide = field.kind === 'markdown' || field.kind === 'json' || field.kind === 'segmented';
        const label = (
          <label htmlFor={id}>
            {field.label}
            {field.required ? ' *' : ''}
          </label>
        );
        return (
          <div key={field.name} className={`nautilus-field${wide ? ' is-wide' : ''}`}>
            {field.description ? <Tooltip title={field.description}>{label}</Tooltip> : label}
            <FieldControl
              id={id}
              field={field}
              value={values[field.name] ?? field.default}
              onChange={(value) => onChange(field.name, value)}
              instruments={instruments}
              variables={variables}
              siblings={values}
            />
          </div>
        );
      })}
    </div>
  );
}

interface ControlProps {
  id: string;
  field: FieldDescriptor;
  value: unknown;
  onChange: (value: unknown) => void;
  instruments: readonly InstrumentOption[];
  variables: readonly string[];
  /** The whole form's values, for a control that depends on another field (a strategy run on `kind`). */
  siblings: Record<string, unknown>;
}

function FieldControl({ id, field, value, onChange, instruments, variables, siblings }: ControlProps) {
  const common = { id, 'data-testid': id, 'aria-label': field.label } as const;
  switch (field.kind) {
    case 'upload':
      return (
        <UploadSelect
          {...common}
          required={field.required}
          value={typeof value === 'string' ? value : undefined}
          onChange={onChange}
        />
      );
    case 'strategy-run':
      return (
        <StrategyRunSelect
          {...common}
          kind={siblings.kind ?? 'backtest'}
          required={field.required}
          value={typeof value === 'string' ? value : undefined}
          onChange={onChange}
        />
      );
    case 'instrument': {
      const listed = field.options.map((symbol) => instruments.find((item) => item.symbol === symbol) ?? { symbol });
      return (
        <InstrumentSelect
          {...common}
          size="small"
          instruments={listed.length > 0 ? listed : instruments}
          searchProviders={listed.length === 0}
          variables={variables}
          value={typeof value === 'string' ? value : undefined}
          onChange={onChange}
        />
      );
    }
    case 'segmented':
      return (
        <Segmented
          {...common}
          size="small"
          options={field.options.map((option) => ({ value: option as string, label: String(option) }))}
          value={value as string}
          onChange={onChange}
        />
      );
    case 'select':
      return (
        <Select
          {...common}
          size="small"
          allowClear={!field.required}
          value={value as string | undefined}
          options={field.options.map((option) => ({ value: option as string, label: String(option) }))}
          onChange={onChange}
        />
      );
    case 'number':
      return (
        <InputNumber
          {...common}
          size="small"
          style={{ width: '100%' }}
          min={field.min}
          max={field.max}
          precision={field.integer ? 0 : undefined}
          value={typeof value === 'number' ? value : null}
          onChange={(next) => onChange(next ?? undefined)}
        />
      );
    case 'switch':
      return <Switch {...common} size="small" checked={value === true} onChange={onChange} />;
    case 'color':
      return (
        <ColorPicker
          {...common}
          size="small"
          showText
          disabledAlpha
          value={typeof value === 'string' ? value : undefined}
          onChangeComplete={(color) => onChange(color.toHexString())}
        />
      );
    case 'markdown':
      return (
        <Input.TextArea
          {...common}
          autoSize={{ minRows: 3, maxRows: 12 }}
          maxLength={field.maxLength}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    case 'text':
      return (
        <Input
          {...common}
          size="small"
          maxLength={field.maxLength}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    case 'json':
      return <JsonField {...common} value={value} onChange={onChange} />;
  }
}

// Arrays and objects are edited as JSON; the value changes only once the text parses.
function JsonField({ value, onChange, ...props }: { value: unknown; onChange: (value: unknown) => void; id: string }) {
  const [text, setText] = useState(() => JSON.stringify(value ?? null, null, 2));
  const [invalid, setInvalid] = useState(false);
  // Follow outside changes (undo), but not the echo of what is being typed.
  useEffect(() => {
    setText((current) => {
      try {
        if (sameJson(JSON.parse(current), value ?? null)) return current;
      } catch {
        // Unparsable text is being typed; an outside change still replaces it.
      }
      return JSON.stringify(value ?? null, null, 2);
    });
  }, [value]);
  return (
    <Input.TextArea
      {...props}
      status={invalid ? 'error' : undefined}
      autoSize={{ minRows: 2, maxRows: 10 }}
      style={{ fontFamily: 'monospace', fontSize: 12 }}
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        try {
          onChange(JSON.parse(event.target.value));
          setInvalid(false);
        } catch {
          setInvalid(true);
        }
      }}
    />
  );
}

import { WEEKDAYS, type Weekday } from '@nautilus/sdk';
import { Flex, Input, InputNumber, Select, Typography } from 'antd';
import { InstrumentSelect } from '../dashboard-page/InstrumentSelect.tsx';
import { useInstruments } from '../data/useInstruments.ts';
import type { LimitDraft } from './limit-form.ts';
import { LIMIT_KIND_INFO, type LimitField, RATE_WINDOWS, VAR_CONFIDENCES } from './limit-kinds.ts';

const weekdayOptions = WEEKDAYS.map((day) => ({ value: day, label: day[0]!.toUpperCase() + day.slice(1) }));
const confidenceOptions = VAR_CONFIDENCES.map((value) => ({ value, label: `${value * 100} %` }));
const CUSTOM_WINDOW = -1;
const windowOptions = [
  ...RATE_WINDOWS.map(({ value, label }) => ({ value, label })),
  { value: CUSTOM_WINDOW, label: 'custom (ms)' },
];

let timeZones: { value: string; label: string }[] | undefined;
function timeZoneOptions() {
  timeZones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')].map((zone) => ({
    value: zone,
    label: zone,
  }));
  return timeZones;
}

export interface LimitFieldsProps {
  row: LimitDraft;
  index: number;
  disabled: boolean;
  errorsOf: (field: LimitField) => string[];
  onChange: (index: number, next: LimitDraft, field: LimitField) => void;
}

/** The controls of the fields one limit row's kind takes, each with its issues under it. */
export function LimitFields({ row, index, disabled, errorsOf, onChange }: LimitFieldsProps) {
  const instruments = useInstruments();
  const info = LIMIT_KIND_INFO[row.kind];
  const set = <F extends LimitField>(field: F, next: LimitDraft[F]) => onChange(index, { ...row, [field]: next }, field);
  const common = (field: LimitField) => ({
    'data-testid': `limit-${field}-${index}`,
    size: 'small' as const,
    disabled,
    status: errorsOf(field).length > 0 ? ('error' as const) : undefined,
  });

  return info.fields.map((field) => {
    const errors = errorsOf(field);
    switch (field) {
      case 'warn':
      case 'hard':
        return (
          <Field
            key={field}
            label={field === 'warn' ? 'Warn above' : 'Hard (deny) above'}
            errors={errors}
            errorTestId={`limit-error-${field}-${index}`}
            width={170}
          >
            <InputNumber<number>
              {...common(field)}
              aria-label={field === 'warn' ? 'Warn threshold' : 'Hard threshold'}
              style={{ width: '100%' }}
              min={0}
              max={row.kind === 'maxDrawdown' ? 1 : undefined}
              precision={info.unit === 'orders' ? 0 : undefined}
              placeholder={field === 'warn' ? 'optional' : 'required'}
              suffix={unitSuffix(info.unit, row[field])}
              value={row[field]}
              onChange={(next) => set(field, typeof next === 'number' ? next : null)}
            />
          </Field>
        );
      case 'symbol':
        return (
          <Field key={field} label="Instrument" errors={errors} errorTestId={`limit-error-${field}-${index}`} width={170}>
            <InstrumentSelect
              {...common(field)}
              aria-label="Instrument"
              allowClear
              placeholder="all instruments"
              instruments={instruments}
              value={row.symbol ?? undefined}
              onChange={(next) => set('symbol', next ?? null)}
            />
          </Field>
        );
      case 'windowMs': {
        const preset = RATE_WINDOWS.some((window) => window.value === row.windowMs);
        return (
          <Field
            key={field}
            label="Window"
            errors={errors}
            errorTestId={`limit-error-${field}-${index}`}
            width={preset ? 140 : 250}
          >
            <Flex gap={4}>
              <Select<number>
                {...common(field)}
                aria-label="Window"
                style={{ width: 130 }}
                value={preset ? (row.windowMs as number) : CUSTOM_WINDOW}
                options={windowOptions}
                onChange={(next) => set('windowMs', next === CUSTOM_WINDOW ? row.windowMs : next)}
              />
              {!preset && (
                <InputNumber<number>
                  data-testid={`limit-windowMs-custom-${index}`}
                  aria-label="Window (ms)"
                  size="small"
                  disabled={disabled}
                  min={1}
                  precision={0}
                  suffix="ms"
                  value={row.windowMs}
                  onChange={(next) => set('windowMs', typeof next === 'number' ? next : null)}
                />
              )}
            </Flex>
          </Field>
        );
      }
      case 'timeZone':
        return (
          <Field key={field} label="Time zone" errors={errors} errorTestId={`limit-error-${field}-${index}`} width={200}>
            <Select<string>
              {...common(field)}
              aria-label="Time zone"
              showSearch
              allowClear={row.kind === 'maxDailyLoss'}
              placeholder={row.kind === 'maxDailyLoss' ? 'UTC' : 'required'}
              options={timeZoneOptions()}
              value={row.timeZone ?? undefined}
              onChange={(next) => set('timeZone', next ?? null)}
            />
          </Field>
        );
      case 'start':
      case 'end':
        return (
          <Field
            key={field}
            label={field === 'start' ? 'From (HH:MM)' : 'Until (HH:MM)'}
            errors={errors}
            errorTestId={`limit-error-${field}-${index}`}
            width={100}
          >
            <Input
              {...common(field)}
              aria-label={field === 'start' ? 'From' : 'Until'}
              maxLength={5}
              placeholder={field === 'start' ? '09:30' : '16:00'}
              value={row[field] ?? ''}
              onChange={(event) => set(field, event.target.value.trim() || null)}
            />
          </Field>
        );
      case 'weekdays':
        return (
          <Field key={field} label="Weekdays" errors={errors} errorTestId={`limit-error-${field}-${index}`} width={260}>
            <Select<Weekday[]>
              {...common(field)}
              aria-label="Weekdays"
              mode="multiple"
              placeholder="Mon–Fri"
              options={weekdayOptions}
              value={row.weekdays ?? []}
              onChange={(next) => set('weekdays', next.length > 0 ? next : null)}
            />
          </Field>
        );
      case 'symbols':
        return (
          <Field key={field} label="Instruments" errors={errors} errorTestId={`limit-error-${field}-${index}`} width={360}>
            <Select<string[]>
              {...common(field)}
              aria-label="Allowed instruments"
              mode="tags"
              placeholder="pick or type symbols"
              options={instruments.map((instrument) => ({ value: instrument.symbol, label: instrument.symbol }))}
              value={row.symbols}
              onChange={(next) => set('symbols', next)}
            />
          </Field>
        );
      case 'confidence':
        return (
          <Field key={field} label="Confidence" errors={errors} errorTestId={`limit-error-${field}-${index}`} width={110}>
            <Select<number>
              {...common(field)}
              aria-label="Confidence"
              options={confidenceOptions}
              value={row.confidence ?? 0.99}
              onChange={(next) => set('confidence', next)}
            />
          </Field>
        );
      default:
        return null;
    }
  });
}

function unitSuffix(unit: string | undefined, value: number | null): string | undefined {
  if (unit === 'fraction') return value === null ? 'of 1' : `= ${Number((value * 100).toPrecision(10))} %`;
  if (unit === 'ratio') return '×';
  if (unit === 'orders') return 'orders';
  if (unit === 'units') return 'units';
  return undefined;
}

export function Field({
  label,
  errors = [],
  errorTestId,
  width,
  children,
}: {
  label: string;
  errors?: readonly string[];
  errorTestId?: string;
  width: number;
  children: React.ReactNode;
}) {
  return (
    <Flex vertical gap={2} style={{ width }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label}
      </Typography.Text>
      {children}
      <Errors messages={errors} testId={errorTestId} />
    </Flex>
  );
}

export function Errors({ messages, testId }: { messages: readonly string[]; testId?: string }) {
  if (messages.length === 0) return null;
  return (
    <Flex vertical data-testid={testId}>
      {messages.map((message) => (
        <Typography.Text key={message} type="danger" style={{ fontSize: 12 }} className="nautilus-field-error">
          {message}
        </Typography.Text>
      ))}
    </Flex>
  );
}

import type { ParamSpecs } from '@nautilus/sdk';
import { Empty, Form, Input, InputNumber, Select, Switch } from 'antd';
import { type ParamValue, paramFields } from './params-form.ts';

/** A field per declared param: numbers, switches, selects and text, each `data-testid="param-<name>"`. */
export function ParamsForm({
  specs,
  values,
  onChange,
}: {
  specs: ParamSpecs;
  values: Record<string, ParamValue>;
  onChange: (name: string, value: ParamValue) => void;
}) {
  const fields = paramFields(specs);
  if (fields.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="This strategy declares no params." />;
  return (
    <Form layout="vertical" size="small" data-testid="params-form">
      {fields.map((field) => {
        const value = values[field.name];
        const testId = `param-${field.name}`;
        let control: React.ReactNode;
        switch (field.control) {
          case 'number':
            control = (
              <InputNumber
                data-testid={testId}
                style={{ width: '100%' }}
                value={typeof value === 'number' ? value : null}
                min={field.min}
                max={field.max}
                step={field.step}
                precision={field.integer ? 0 : undefined}
                onChange={(next) => typeof next === 'number' && onChange(field.name, next)}
              />
            );
            break;
          case 'switch':
            control = <Switch data-testid={testId} checked={value === true} onChange={(next) => onChange(field.name, next)} />;
            break;
          case 'select':
            control = (
              <Select
                data-testid={testId}
                value={typeof value === 'string' ? value : undefined}
                options={field.options.map((option) => ({ value: option, label: option }))}
                onChange={(next: string) => onChange(field.name, next)}
              />
            );
            break;
          case 'text':
            control = (
              <Input
                data-testid={testId}
                value={typeof value === 'string' ? value : ''}
                onChange={(event) => onChange(field.name, event.target.value)}
              />
            );
            break;
        }
        return (
          <Form.Item key={field.name} label={field.label} tooltip={field.help} style={{ marginBottom: 8 }}>
            {control}
          </Form.Item>
        );
      })}
    </Form>
  );
}

import { type DashboardDocument, type DashboardVariable, REFRESH_INTERVALS } from '@nautilus/sdk';
import { Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { InstrumentSelect } from '../dashboard-page/InstrumentSelect.tsx';
import { describeTimeRange, parseTimeRangeKey, QUICK_RANGES, timeRangeKey } from '../data/time-ranges.ts';
import type { InstrumentOption } from '../data/variable-values.ts';

const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

interface VariableRow {
  name: string;
  label?: string;
  type: DashboardVariable['type'];
  options?: string[];
  default?: string;
}

interface Values {
  title: string;
  description?: string;
  tags: string[];
  timeRange: string;
  refresh: DashboardDocument['refresh'];
  variables: VariableRow[];
}

export type SettingsChanges = Pick<DashboardDocument, 'title' | 'tags' | 'timeRange' | 'refresh' | 'variables'> & {
  description?: string;
};

function toVariable(row: VariableRow): DashboardVariable {
  const variable: DashboardVariable = { name: row.name.trim(), type: row.type, default: row.default?.trim() ?? '' };
  if (row.label?.trim()) variable.label = row.label.trim();
  if (row.type === 'custom') variable.options = row.options ?? [];
  return variable;
}

/** Title, description, tags, default time range and refresh, and the dashboard's variables. */
export function SettingsDialog({
  document,
  instruments,
  onApply,
  onClose,
}: {
  document: DashboardDocument;
  instruments: readonly InstrumentOption[];
  onApply: (changes: SettingsChanges) => void;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const currentRange = timeRangeKey(document.timeRange);
  const rangeOptions = [
    ...(QUICK_RANGES.some((range) => timeRangeKey(range) === currentRange)
      ? []
      : [{ value: currentRange, label: describeTimeRange(document.timeRange) }]),
    ...QUICK_RANGES.map((range) => ({ value: timeRangeKey(range), label: range.label })),
  ];

  const submit = (values: Values) => {
    const changes: SettingsChanges = {
      title: values.title.trim(),
      tags: values.tags,
      timeRange: parseTimeRangeKey(values.timeRange),
      refresh: values.refresh,
      variables: (values.variables ?? []).map(toVariable),
    };
    const description = values.description?.trim();
    if (description) changes.description = description;
    onApply(changes);
  };

  return (
    <Modal
      open
      title="Dashboard settings"
      width={760}
      okText="Apply"
      onCancel={onClose}
      onOk={form.submit}
      okButtonProps={{ 'data-testid': 'settings-apply' } as never}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        size="small"
        onFinish={submit}
        initialValues={{
          title: document.title,
          description: document.description,
          tags: document.tags,
          timeRange: currentRange,
          refresh: document.refresh,
          variables: document.variables.map((variable) => ({ ...variable })),
        }}
      >
        <Form.Item
          label="Title"
          name="title"
          rules={[{ required: true, whitespace: true, message: 'A dashboard needs a title.' }, { max: 200 }]}
        >
          <Input data-testid="settings-title" maxLength={200} />
        </Form.Item>
        <Form.Item label="Description" name="description">
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={5000} />
        </Form.Item>
        <Space size={16} wrap style={{ width: '100%' }}>
          <Form.Item
            label="Tags"
            name="tags"
            style={{ minWidth: 260 }}
            rules={[{ type: 'array', max: 20, message: 'At most 20 tags.' }]}
          >
            <Select
              mode="tags"
              data-testid="settings-tags"
              tokenSeparators={[',']}
              placeholder="fx, morning"
              open={false}
              suffixIcon={null}
            />
          </Form.Item>
          <Form.Item label="Default time range" name="timeRange">
            <Select options={rangeOptions} style={{ minWidth: 160 }} />
          </Form.Item>
          <Form.Item label="Default auto-refresh" name="refresh">
            <Select
              options={REFRESH_INTERVALS.map((value) => ({ value, label: value === 'off' ? 'Off' : value }))}
              style={{ width: 90 }}
            />
          </Form.Item>
        </Space>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          Variables
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          Panels reference a variable as <code>$name</code> in their query; the dashboard shows a picker for each.
        </Typography.Paragraph>
        <Form.List name="variables">
          {(rows, { add, remove }) => (
            <>
              {rows.map((row, index) => (
                <VariableFields
                  key={row.key}
                  index={index}
                  rowName={row.name}
                  instruments={instruments}
                  onRemove={() => remove(row.name)}
                />
              ))}
              <Button
                data-testid="settings-add-variable"
                onClick={() =>
                  add({
                    name: rows.length === 0 ? 'symbol' : `var${rows.length + 1}`,
                    type: rows.length === 0 ? 'instrument' : 'text',
                    default: rows.length === 0 ? 'SIM:AAPL' : '',
                  })
                }
              >
                Add variable
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

function VariableFields({
  index,
  rowName,
  instruments,
  onRemove,
}: {
  index: number;
  rowName: number;
  instruments: readonly InstrumentOption[];
  onRemove: () => void;
}) {
  const form = Form.useFormInstance<Values>();
  const type = Form.useWatch(['variables', rowName, 'type'], form);
  const options = Form.useWatch(['variables', rowName, 'options'], form) as string[] | undefined;
  return (
    <Space align="start" wrap size={8} style={{ display: 'flex', marginBottom: 4 }} data-testid={`settings-variable-${index}`}>
      <Form.Item
        name={[rowName, 'name']}
        rules={[
          { required: true, message: 'Name it.' },
          { pattern: NAME_PATTERN, message: 'Letters, digits and _ only, not starting with a digit.' },
          ({ getFieldValue }) => ({
            validator: (_, value: string) => {
              const names = (getFieldValue('variables') as VariableRow[]).map((variable) => variable?.name?.trim());
              return names.filter((name) => name === value?.trim()).length > 1
                ? Promise.reject(new Error('Already used.'))
                : Promise.resolve();
            },
          }),
        ]}
      >
        <Input prefix="$" placeholder="name" style={{ width: 150 }} data-testid={`settings-variable-name-${index}`} />
      </Form.Item>
      <Form.Item name={[rowName, 'label']}>
        <Input placeholder="Label (optional)" style={{ width: 140 }} />
      </Form.Item>
      <Form.Item name={[rowName, 'type']}>
        <Select
          style={{ width: 120 }}
          options={[
            { value: 'instrument', label: 'Instrument' },
            { value: 'custom', label: 'List' },
            { value: 'text', label: 'Text' },
          ]}
        />
      </Form.Item>
      {type === 'custom' && (
        <Form.Item name={[rowName, 'options']} rules={[{ required: true, message: 'Add the choices.' }]}>
          <Select
            mode="tags"
            placeholder="Choices"
            style={{ width: 180 }}
            tokenSeparators={[',']}
            open={false}
            suffixIcon={null}
          />
        </Form.Item>
      )}
      <Form.Item
        name={[rowName, 'default']}
        rules={[
          {
            validator: (_, value: string | undefined) =>
              type === 'custom' && options && value !== undefined && !options.includes(value)
                ? Promise.reject(new Error('Pick one of the choices.'))
                : Promise.resolve(),
          },
        ]}
      >
        {type === 'custom' ? (
          <Select
            placeholder="Default"
            style={{ width: 130 }}
            options={(options ?? []).map((option) => ({ value: option, label: option }))}
          />
        ) : type === 'instrument' && instruments.length > 0 ? (
          <InstrumentSelect instruments={instruments} placeholder="Default instrument" style={{ width: 170 }} />
        ) : (
          <Input placeholder={type === 'instrument' ? 'Default, e.g. SIM:AAPL' : 'Default'} style={{ width: 170 }} />
        )}
      </Form.Item>
      <Button danger onClick={onRemove} aria-label={`Remove variable ${index + 1}`}>
        Remove
      </Button>
    </Space>
  );
}

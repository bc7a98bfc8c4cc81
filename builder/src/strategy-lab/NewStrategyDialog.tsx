import { Alert, type ButtonProps, Card, Flex, Form, Input, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import { freeStrategyName, STRATEGY_NAME_MAX, sameStrategyName } from './strategy-names.ts';
import { STRATEGY_EXAMPLES, type StrategyExample } from './template.ts';

interface Props {
  /** Names of the strategies that exist, to suggest a free name and warn about a taken one. */
  taken: readonly string[];
  creating: boolean;
  error: string | undefined;
  onCreate: (choice: { name: string; example: StrategyExample }) => void;
  onClose: () => void;
}

/** Asks for a new strategy's name and which example it starts from. */
export function NewStrategyDialog({ taken, creating, error, onCreate, onClose }: Props) {
  const [form] = Form.useForm<{ name: string; example: string }>();
  const [exampleId, setExampleId] = useState(STRATEGY_EXAMPLES[0]!.id);
  const [nameTouched, setNameTouched] = useState(false);

  const pick = (id: string) => {
    setExampleId(id);
    // Follow the example with the suggested name until the user typed their own.
    const example = STRATEGY_EXAMPLES.find((item) => item.id === id)!;
    if (!nameTouched) form.setFieldsValue({ name: freeStrategyName(example.title, taken) });
  };

  return (
    <Modal
      title="New strategy"
      open
      onCancel={onClose}
      destroyOnHidden
      okText="Create"
      okButtonProps={{ 'data-testid': 'create-strategy', loading: creating } as ButtonProps}
      onOk={form.submit}
      width={640}
    >
      {error && <Alert data-testid="new-strategy-error" type="error" showIcon style={{ marginBottom: 16 }} title={error} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name: freeStrategyName(STRATEGY_EXAMPLES[0]!.title, taken), example: exampleId }}
        onFinish={({ name }) =>
          onCreate({ name: name.trim(), example: STRATEGY_EXAMPLES.find((item) => item.id === exampleId)! })
        }
      >
        <Form.Item
          label="Name"
          name="name"
          rules={[
            { required: true, whitespace: true, message: 'A strategy needs a name.' },
            { max: STRATEGY_NAME_MAX },
            {
              validator: (_, value: string | undefined) =>
                value && taken.some((name) => sameStrategyName(name, value))
                  ? Promise.reject(new Error('Another strategy has this name; pick another.'))
                  : Promise.resolve(),
            },
          ]}
        >
          <Input data-testid="new-strategy-name" autoFocus maxLength={STRATEGY_NAME_MAX} onChange={() => setNameTouched(true)} />
        </Form.Item>
        <Form.Item label="Start from" name="example">
          <Radio.Group style={{ width: '100%' }} onChange={(event) => pick(event.target.value as string)}>
            <Flex vertical gap={8}>
              {STRATEGY_EXAMPLES.map((example) => (
                <Card
                  key={example.id}
                  size="small"
                  hoverable
                  data-testid={`example-${example.id}`}
                  onClick={() => {
                    form.setFieldsValue({ example: example.id });
                    pick(example.id);
                  }}
                  style={{ borderColor: example.id === exampleId ? 'var(--ant-color-primary)' : undefined }}
                >
                  <Radio value={example.id}>
                    <Typography.Text strong>{example.title}</Typography.Text>
                  </Radio>
                  <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0 24px', fontSize: 12 }}>
                    {example.summary}
                  </Typography.Paragraph>
                </Card>
              ))}
            </Flex>
          </Radio.Group>
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { Alert, App, Button, Flex, Form, Modal, Radio, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { describeApiError } from '../api/api-error.ts';
import { navigate } from '../routing/navigation.ts';
import { InputMappingFields } from './InputMappingFields.tsx';
import { changedMapping, inputDefaults } from './input-mapping.ts';
import { useTemplatePrerequisites } from './useTemplatePrerequisites.ts';
import { useInstantiateTemplate, useTemplateGallery } from './useTemplates.ts';

/** The gallery: pick a template, adjust its inputs if you like (each has a default), and create the dashboard. */
export default function TemplateGalleryDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const gallery = useTemplateGallery(open);
  const instantiate = useInstantiateTemplate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, string>>();
  const [chosenId, setChosenId] = useState<string>();
  const chosen = gallery.data?.find((template) => template.id === chosenId) ?? gallery.data?.[0];

  const prerequisites = useTemplatePrerequisites(chosen?.inputs, open);
  const missing = prerequisites.filter((item) => item.missing);
  const fills = JSON.stringify(prerequisites.filter((item) => item.value).map((item) => [item.input, item.value]));

  useEffect(() => {
    if (chosen) form.setFieldsValue({ ...inputDefaults(chosen.inputs), ...Object.fromEntries(JSON.parse(fills)) });
  }, [chosen, form, fills]);

  const close = () => {
    instantiate.reset();
    onClose();
  };

  const create = (values: Record<string, string>) => {
    if (!chosen) return;
    instantiate.mutate(
      { id: chosen.id, mapping: changedMapping(chosen.inputs, values) },
      {
        onSuccess: (result) => {
          message.success(`Dashboard “${result.title}” created from the ${chosen.name} template.`);
          close();
          navigate({ name: 'dashboard', id: result.id });
        },
      },
    );
  };

  return (
    <Modal
      title="New dashboard from a template"
      open={open}
      onCancel={close}
      destroyOnHidden
      width={760}
      footer={[
        <Button key="cancel" onClick={close}>
          Cancel
        </Button>,
        <Button
          key="create"
          type="primary"
          data-testid="template-create"
          disabled={!chosen || missing.length > 0}
          loading={instantiate.isPending}
          onClick={form.submit}
        >
          Create dashboard
        </Button>,
      ]}
    >
      {gallery.error && (
        <Alert
          type="error"
          showIcon
          title={`The gallery did not load: ${describeApiError(gallery.error).message} Close and try again.`}
        />
      )}
      {instantiate.error && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={describeApiError(instantiate.error).message} />
      )}
      {gallery.isPending && <Spin />}
      {chosen && (
        <Flex vertical gap={12}>
          <Radio.Group
            data-testid="template-gallery"
            value={chosen.id}
            onChange={(event) => setChosenId(event.target.value)}
            style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(210px, 1fr))', gap: 8 }}
          >
            {gallery.data?.map((template) => (
              <Radio.Button
                key={template.id}
                value={template.id}
                style={{ height: 'auto', padding: '6px 10px', lineHeight: 1.4, borderRadius: 6 }}
              >
                {/* The radio input itself is hidden: tests and screen readers find the card by its text. */}
                <span data-testid={`template-card-${template.id}`}>
                  <Typography.Text strong>{template.name}</Typography.Text>
                  <br />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {template.panelCount} panels · v{template.version}
                  </Typography.Text>
                </span>
              </Radio.Button>
            ))}
          </Radio.Group>
          <Typography.Paragraph data-testid="template-description" style={{ marginBottom: 0 }}>
            {chosen.description}
          </Typography.Paragraph>
          <div>
            {chosen.requires.map((requirement) => (
              <Tag key={requirement.plugin}>
                {requirement.plugin} {requirement.range}
              </Tag>
            ))}
          </div>
          {missing.map(({ input, missing: need }) => (
            <Alert
              key={input}
              type="warning"
              showIcon
              data-testid={`template-prerequisite-${input}`}
              title={need?.message}
              action={
                need && (
                  <Button
                    size="small"
                    onClick={() => {
                      close();
                      navigate(need.route);
                    }}
                  >
                    {need.action}
                  </Button>
                )
              }
            />
          ))}
          <Form form={form} layout="vertical" onFinish={create} disabled={instantiate.isPending} key={chosen.id}>
            <InputMappingFields inputs={chosen.inputs} errors={[]} />
          </Form>
        </Flex>
      )}
    </Modal>
  );
}

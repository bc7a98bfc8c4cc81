import { Alert, App, Button, Flex, Form, Modal, Radio, Typography, Upload } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { describeApiError } from '../api/api-error.ts';
import { navigate } from '../routing/navigation.ts';
import { DryRunSummary } from './DryRunSummary.tsx';
import { InputMappingFields } from './InputMappingFields.tsx';
import { changedMapping, inputDefaults } from './input-mapping.ts';
import { type DryRun, useImportTemplate, useTemplateDryRun } from './useTemplates.ts';

const NEW = 'new';

/**
 * Import a template file: pick or drop it, map its inputs to local data sources and values, read the
 * dry run (what is created, missing plugins, errors by field, and what replacing an earlier import
 * changes), then import. Nothing is written before the Import button.
 */
export default function ImportTemplateDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [file, setFile] = useState<{ name: string; json: unknown }>();
  const [fileError, setFileError] = useState<string>();
  const [target, setTarget] = useState(NEW);
  const [form] = Form.useForm<Record<string, string>>();
  const values = Form.useWatch([], form) as Record<string, string> | undefined;
  const dryRun = useTemplateDryRun();
  const importing = useImportTemplate();
  const { message } = App.useApp();
  // The last answer is kept while the next check runs, so the form's inputs do not vanish meanwhile.
  const [checked, setChecked] = useState<{ plan: DryRun; key: string }>();
  const plan = checked?.plan;
  const inputs = useMemo(() => plan?.template?.inputs ?? [], [plan?.template?.inputs]);
  const mapping = useMemo(() => changedMapping(inputs, values ?? {}), [inputs, values]);
  const mappingKey = JSON.stringify(mapping);
  const replacing = target === NEW ? undefined : target;
  /** What a check depends on besides the file: an answer for another key is out of date. */
  const requestKey = JSON.stringify([mappingKey, replacing ?? null]);

  // Every change (file, mapping, target) is checked again, shortly after the last keystroke.
  const { mutate: check } = dryRun;
  useEffect(() => {
    if (!file) return;
    const timer = setTimeout(() => {
      // Only the last call's callbacks run (TanStack Query), so an older, slower answer never shows.
      check(
        {
          template: file.json,
          mapping: JSON.parse(mappingKey) as Record<string, string>,
          ...(replacing ? { replace: { dashboardId: replacing } } : {}),
        },
        { onSuccess: (result) => setChecked({ plan: result, key: requestKey }) },
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [check, file, mappingKey, replacing, requestKey]);

  // A new file's inputs start at their defaults; later checks of the same template keep what was typed.
  const templateId = plan?.template ? `${plan.template.id}@${plan.template.version}` : undefined;
  const seenTemplate = useRef<string>(undefined);
  useEffect(() => {
    if (!templateId || templateId === seenTemplate.current) return;
    seenTemplate.current = templateId;
    // A plan that lands after the user already picked a mapping must not put the default back.
    const defaults = Object.entries(inputDefaults(inputs)).filter(([name]) => !form.isFieldTouched(name));
    form.setFieldsValue(Object.fromEntries(defaults));
  }, [templateId, inputs, form]);

  const read = async (picked: File) => {
    setFileError(undefined);
    setTarget(NEW);
    form.resetFields();
    seenTemplate.current = undefined;
    setChecked(undefined);
    try {
      setFile({ name: picked.name, json: JSON.parse(await picked.text()) });
    } catch {
      setFile(undefined);
      setFileError(`${picked.name} is not a JSON file. Pick a template file exported from Nautilus (.json).`);
    }
  };

  const close = () => {
    setFile(undefined);
    setFileError(undefined);
    setTarget(NEW);
    setChecked(undefined);
    dryRun.reset();
    importing.reset();
    onClose();
  };

  const submit = () => {
    if (!file || !plan?.ok) return;
    const existing = plan.existing.find((dashboard) => dashboard.id === replacing);
    importing.mutate(
      {
        template: file.json,
        mapping,
        ...(existing ? { replace: { dashboardId: existing.id, baseVersion: existing.version } } : {}),
      },
      {
        onSuccess: (result) => {
          message.success(`Dashboard “${result.title}” ${result.replaced ? 'replaced' : 'created'}.`);
          close();
          navigate({ name: 'dashboard', id: result.id });
        },
      },
    );
  };

  // Import only what the summary on screen describes.
  const current = !dryRun.isPending && checked?.key === requestKey ? plan : undefined;
  return (
    <Modal
      title="Import a dashboard template"
      open={open}
      onCancel={close}
      destroyOnHidden
      width={760}
      footer={[
        <Button key="cancel" onClick={close}>
          Cancel
        </Button>,
        <Button
          key="import"
          type="primary"
          data-testid="template-import-submit"
          disabled={!current?.ok}
          loading={importing.isPending}
          onClick={submit}
        >
          {replacing ? 'Replace dashboard' : 'Import'}
        </Button>,
      ]}
    >
      <Flex vertical gap={12}>
        {/* The test id on a wrapper: antd puts a Dragger's own props on its hidden file input. */}
        <div data-testid="template-file">
          <Upload.Dragger
            accept=".json,application/json"
            multiple={false}
            showUploadList={false}
            beforeUpload={(picked) => {
              void read(picked);
              return false;
            }}
          >
            <Typography.Text>
              {file ? `${file.name} — drop or click to pick another` : 'Drop a template file here, or click to pick one'}
            </Typography.Text>
          </Upload.Dragger>
        </div>
        {fileError && <Alert type="error" showIcon data-testid="template-file-error" title={fileError} />}
        {dryRun.error && (
          <Alert type="error" showIcon title={`The file could not be checked: ${describeApiError(dryRun.error).message}`} />
        )}
        {importing.error && <Alert type="error" showIcon title={describeApiError(importing.error).message} />}
        {plan?.template && (
          <>
            <Typography.Text strong>
              {plan.template.name} <Typography.Text type="secondary">v{plan.template.version}</Typography.Text>
            </Typography.Text>
            <Form form={form} layout="vertical" disabled={importing.isPending}>
              <InputMappingFields inputs={inputs} errors={plan.errors} />
            </Form>
            {plan.existing.length > 0 && (
              <Radio.Group
                data-testid="template-target"
                value={target}
                onChange={(event) => setTarget(event.target.value)}
                style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
                options={[
                  { value: NEW, label: 'Create a new dashboard' },
                  ...plan.existing.map((dashboard) => ({
                    value: dashboard.id,
                    label: `Replace “${dashboard.title}” (made from version ${dashboard.templateVersion}${dashboard.newer ? '' : ', not older'})`,
                  })),
                ]}
              />
            )}
          </>
        )}
        {plan && <DryRunSummary plan={plan} replacing={replacing} />}
      </Flex>
    </Modal>
  );
}

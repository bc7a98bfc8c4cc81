import { Alert, Button, Card, Flex, Form, Input, Typography, Upload } from 'antd';
import { useState } from 'react';
import { describeApiError } from '../api/api-error.ts';
import { PackageUploadError } from './plugin-package-api.ts';
import { type PackageReview, useStageFromRegistry, useUploadPackage } from './usePluginInstalls.ts';

/** Stages a package, uploaded or from the registry, and hands its review to the approval dialog. */
export function InstallCard({ onStaged }: { onStaged: (review: PackageReview) => void }) {
  const upload = useUploadPackage();
  const registry = useStageFromRegistry();
  const [name, setName] = useState('');
  const [version, setVersion] = useState('');
  const error = upload.error ?? registry.error;
  const problem =
    error instanceof PackageUploadError ? error.problem.message : error ? describeApiError(error).message : undefined;
  return (
    <Card title="Install a plugin">
      <Flex vertical gap={16}>
        <Upload.Dragger
          data-testid="plugin-upload"
          accept=".tgz,.tar.gz,.tar"
          multiple={false}
          showUploadList={false}
          disabled={upload.isPending}
          beforeUpload={(file) => {
            registry.reset();
            upload.mutate(file, { onSuccess: onStaged });
            return false;
          }}
        >
          <Typography.Text>
            {upload.isPending ? 'Checking the package…' : 'Drop a package tarball (npm pack) here, or click to choose one'}
          </Typography.Text>
          <br />
          <Typography.Text type="secondary">Nothing runs until you approve what it declares.</Typography.Text>
        </Upload.Dragger>
        <Form
          layout="inline"
          onFinish={() => {
            upload.reset();
            registry.mutate(
              { name: name.trim(), ...(version.trim() ? { version: version.trim() } : {}) },
              { onSuccess: onStaged },
            );
          }}
          style={{ rowGap: 8 }}
        >
          <Form.Item label="npm package" style={{ flex: '1 1 220px' }}>
            <Input
              data-testid="registry-name"
              placeholder="@acme/nautilus-rates"
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
          </Form.Item>
          <Form.Item label="Version" style={{ flex: '0 1 160px' }}>
            <Input
              data-testid="registry-version"
              placeholder="latest"
              value={version}
              onChange={(event) => setVersion(event.target.value)}
            />
          </Form.Item>
          <Button htmlType="submit" data-testid="registry-fetch" disabled={name.trim() === ''} loading={registry.isPending}>
            Fetch and review
          </Button>
        </Form>
        <Typography.Text type="secondary">
          A local folder installs from the command line:{' '}
          <Typography.Text code>nautilus plugins install ./my-plugin</Typography.Text>
        </Typography.Text>
        {problem && <Alert type="error" showIcon data-testid="install-error" title={problem} />}
      </Flex>
    </Card>
  );
}

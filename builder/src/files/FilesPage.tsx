import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Input, Radio, Select, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { describeApiError } from '../api/api-error.ts';
import { trpc } from '../api/trpc.ts';
import type { User } from '../api/types.ts';
import { canEditDashboards } from '../auth/permissions.ts';
import { ConfirmDeleteButton, ListLoadError, ListPageHeader } from '../shell/ListPageParts.tsx';
import { importUpload, previewUpload, UploadError, type UploadPreview } from './upload-api.ts';
import { guessMapping, type Mapping, mappingFor, type UploadKind } from './upload-mapping.ts';

const uploadsKey = ['uploads', 'list'] as const;
const day = (time: number | null) => (time === null ? '—' : new Date(time).toISOString().slice(0, 10));

/** Upload a CSV or Parquet file, map its columns, see every problem before anything is stored; list and delete uploads. */
export function FilesPage({ user }: { user: User }) {
  const canUpload = canEditDashboards(user.role);
  const uploads = useQuery({ queryKey: uploadsKey, queryFn: ({ signal }) => trpc.uploads.list.query(undefined, { signal }) });
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const remove = useMutation({
    mutationFn: (id: string) => trpc.uploads.delete.mutate({ id }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: uploadsKey }),
  });
  return (
    <Flex vertical gap={16}>
      <ListPageHeader title="Files" />
      {canUpload ? (
        <UploadCard />
      ) : (
        <Alert type="info" showIcon message="Editors and admins upload files; you can chart the ones listed below." />
      )}
      <Card title="Uploaded files">
        {uploads.error && <ListLoadError error={uploads.error} onRetry={() => void uploads.refetch()} />}
        <Table
          data-testid="uploads-table"
          rowKey="id"
          size="small"
          loading={uploads.isPending}
          scroll={{ x: true }}
          dataSource={uploads.data ?? []}
          pagination={false}
          locale={{ emptyText: 'No files yet. Chart one with the “Uploaded files” data source once it is here.' }}
          columns={[
            { title: 'Name', dataIndex: 'name' },
            { title: 'Holds', render: (_, row) => (row.kind === 'ohlcv' ? 'bars' : `series: ${row.columns.join(', ')}`) },
            { title: 'Symbols', render: (_, row) => row.symbols.filter(Boolean).join(', ') || '—' },
            { title: 'Rows', align: 'right', render: (_, row) => row.rows.toLocaleString() },
            { title: 'From', render: (_, row) => day(row.from) },
            { title: 'To', render: (_, row) => day(row.to) },
            ...(canUpload
              ? [
                  {
                    title: '',
                    render: (_: unknown, row: { id: string; name: string }) => (
                      <ConfirmDeleteButton
                        name={`“${row.name}”`}
                        consequence="Panels that chart it will show an error. This cannot be undone."
                        testId={`delete-upload-${row.id}`}
                        onConfirm={() =>
                          remove.mutateAsync(row.id).then(
                            () => void message.success(`“${row.name}” deleted.`),
                            (error: unknown) => void message.error(describeApiError(error).message),
                          )
                        }
                      />
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </Flex>
  );
}

function UploadCard() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File>();
  const [preview, setPreview] = useState<UploadPreview>();
  const [kind, setKind] = useState<UploadKind>('ohlcv');
  const [mapping, setMapping] = useState<Mapping>({ time: '' });
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<UploadError>();
  const inspect = useMutation({
    mutationFn: previewUpload,
    onSuccess: (result) => {
      setPreview(result);
      const guess = guessMapping(result.columns, result.sample);
      setKind(guess.kind);
      setMapping(guess.mapping);
    },
    onError: (error) => setProblem(error instanceof UploadError ? error : undefined),
  });
  const save = useMutation({
    mutationFn: () => importUpload(file as File, name.trim(), mappingFor(kind, mapping)),
    onSuccess: (result) => {
      void message.success(`${name} stored: ${result.rows.toLocaleString()} rows.`);
      void queryClient.invalidateQueries({ queryKey: uploadsKey });
      setFile(undefined);
      setPreview(undefined);
      setProblem(undefined);
    },
    onError: (error) => setProblem(error instanceof UploadError ? error : undefined),
  });
  const choose = (picked: File) => {
    setFile(picked);
    setName(picked.name.replace(/\.(csv|parquet|txt)$/i, ''));
    setPreview(undefined);
    setProblem(undefined);
    inspect.mutate(picked);
    return false;
  };
  const columnOptions = (preview?.columns ?? []).map((column) => ({ value: column, label: column }));
  const pick = (role: keyof Mapping, label: string, required = true) => (
    <Flex vertical gap={2} style={{ minWidth: 140, flex: '1 1 140px' }}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <Select
        data-testid={`map-${role}`}
        aria-label={label}
        allowClear={!required}
        options={columnOptions}
        value={mapping[role] as string | undefined}
        onChange={(value: string | undefined) => setMapping((current) => ({ ...current, [role]: value }))}
      />
    </Flex>
  );
  return (
    <Card title="Upload a file">
      <Flex vertical gap={16}>
        <Upload.Dragger
          data-testid="upload-drop"
          accept=".csv,.txt,.parquet"
          multiple={false}
          showUploadList={false}
          beforeUpload={choose}
        >
          <p className="ant-upload-drag-icon" aria-hidden style={{ fontSize: 32 }}>
            ⇪
          </p>
          <p className="ant-upload-text">Drop a CSV or Parquet file here, or click to choose one</p>
          <p className="ant-upload-hint">
            Bars (time, open, high, low, close, volume) or value series, optionally one symbol per row. Every row is checked
            before anything is stored; up to 256 MB.
          </p>
        </Upload.Dragger>
        {inspect.isPending && <Alert type="info" showIcon message={`Reading ${file?.name}…`} />}
        {preview && (
          <>
            <Typography.Text data-testid="upload-summary">
              {file?.name}: {preview.format === 'csv' ? 'CSV' : 'Parquet'}, {preview.columns.length} columns,{' '}
              {preview.rows.toLocaleString()} rows.
            </Typography.Text>
            <Table
              size="small"
              pagination={false}
              scroll={{ x: true }}
              rowKey={(_, index) => String(index)}
              dataSource={preview.sample
                .slice(0, 5)
                .map((row) => Object.fromEntries(preview.columns.map((column, at) => [column, String(row[at] ?? '')])))}
              columns={preview.columns.map((column) => ({ title: column, dataIndex: column, ellipsis: false }))}
            />
            <Flex wrap gap={12} align="end">
              <Flex vertical gap={2} style={{ minWidth: 200, flex: '2 1 200px' }}>
                <Typography.Text type="secondary">Name</Typography.Text>
                <Input data-testid="upload-name" value={name} onChange={(event) => setName(event.target.value)} maxLength={200} />
              </Flex>
              <Radio.Group
                data-testid="upload-kind"
                value={kind}
                onChange={(event) => setKind(event.target.value)}
                options={[
                  { value: 'ohlcv', label: 'Bars (OHLCV)' },
                  { value: 'series', label: 'Value series' },
                ]}
                optionType="button"
              />
            </Flex>
            <Flex wrap gap={12}>
              {pick('time', 'Time')}
              {pick('symbol', 'Symbol (optional)', false)}
              {kind === 'ohlcv' ? (
                <>
                  {pick('open', 'Open')}
                  {pick('high', 'High')}
                  {pick('low', 'Low')}
                  {pick('close', 'Close')}
                  {pick('volume', 'Volume (optional)', false)}
                </>
              ) : (
                <Flex vertical gap={2} style={{ minWidth: 240, flex: '2 1 240px' }}>
                  <Typography.Text type="secondary">Value columns</Typography.Text>
                  <Select
                    data-testid="map-values"
                    mode="multiple"
                    options={columnOptions}
                    value={mapping.values ?? []}
                    onChange={(values: string[]) => setMapping((current) => ({ ...current, values }))}
                  />
                </Flex>
              )}
            </Flex>
            <Button
              type="primary"
              data-testid="upload-import"
              disabled={!name.trim() || !mapping.time}
              loading={save.isPending}
              onClick={() => {
                setProblem(undefined);
                save.mutate();
              }}
            >
              {save.isPending ? `Checking and storing ${preview.rows.toLocaleString()} rows…` : 'Import'}
            </Button>
          </>
        )}
        {problem && (
          <Alert
            data-testid="upload-problems"
            type="error"
            showIcon
            message={
              problem.problem.details.problems
                ? `${problem.problem.details.problems.toLocaleString()} problem${problem.problem.details.problems === 1 ? '' : 's'} found; nothing was stored. Fix the file (or the column choices) and import again.`
                : problem.message
            }
            description={
              problem.problem.fields.length > 0 && (
                <Table
                  size="small"
                  pagination={false}
                  rowKey={(row) => `${row.path}:${row.message}`}
                  dataSource={problem.problem.fields}
                  columns={[
                    { title: 'Where', dataIndex: 'path' },
                    { title: 'Problem', dataIndex: 'message' },
                  ]}
                  footer={
                    problem.problem.details.problems && problem.problem.details.problems > problem.problem.fields.length
                      ? () =>
                          `The first ${problem.problem.fields.length} of ${problem.problem.details.problems?.toLocaleString()} are listed.`
                      : undefined
                  }
                />
              )
            }
          />
        )}
      </Flex>
    </Card>
  );
}

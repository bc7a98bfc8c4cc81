import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { trpc } from '../api/trpc.ts';

interface Props {
  id: string;
  'data-testid': string;
  'aria-label': string;
  required: boolean;
  value: string | undefined;
  onChange: (value: unknown) => void;
}

/** A Select of the uploaded files (named, with their kind and rows), for a query field marked `x-widget: 'upload'`. */
export function UploadSelect({ required, value, onChange, ...common }: Props) {
  const uploads = useQuery({
    queryKey: ['uploads', 'list'],
    queryFn: ({ signal }) => trpc.uploads.list.query(undefined, { signal }),
  });
  const options = (uploads.data ?? []).map((upload) => ({
    value: upload.id,
    label: `${upload.name} · ${upload.kind === 'ohlcv' ? 'bars' : 'series'} · ${upload.rows.toLocaleString()} rows`,
  }));
  if (value && !options.some((option) => option.value === value)) options.unshift({ value, label: `${value} (deleted?)` });
  return (
    <Select<string>
      {...common}
      size="small"
      showSearch={{ optionFilterProp: 'label' }}
      allowClear={!required}
      loading={uploads.isLoading}
      popupMatchSelectWidth={false}
      placeholder="Upload a file on the Files page"
      options={options}
      value={value}
      onChange={onChange}
    />
  );
}

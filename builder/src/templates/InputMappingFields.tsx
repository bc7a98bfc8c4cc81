import { Form, Input, Select } from 'antd';
import { useDataSources } from '../data/useCatalog.ts';
import { mappingIssue, sourcesFor, type TemplateInput } from './input-mapping.ts';

/**
 * One form field per template input: a data source picker (sources returning what the input needs) or
 * a variable's value. Errors the server found for `mapping.<name>` show under their field.
 */
export function InputMappingFields({
  inputs,
  errors = [],
}: {
  inputs: readonly TemplateInput[];
  errors?: readonly { path: string; message: string }[];
}) {
  const sources = useDataSources();
  return inputs.map((input) => {
    const issue = mappingIssue(errors, input.name);
    return (
      <Form.Item
        key={input.name}
        name={input.name}
        label={input.type === 'dataSource' ? `${input.label} (data source)` : input.label}
        validateStatus={issue ? 'error' : undefined}
        help={issue}
      >
        {input.type === 'dataSource' ? (
          <Select
            data-testid={`template-input-${input.name}`}
            loading={sources.isPending}
            options={sourcesFor(input, sources.data ?? [])}
            popupMatchSelectWidth={false}
          />
        ) : (
          <Input data-testid={`template-input-${input.name}`} maxLength={200} placeholder={input.default || 'a value'} />
        )}
      </Form.Item>
    );
  });
}

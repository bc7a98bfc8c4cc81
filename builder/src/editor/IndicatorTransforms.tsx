import { findIndicator, type PanelTransform } from '@nautilus/sdk';
import { Button, InputNumber, Select } from 'antd';
import { CloseIcon } from '../panels/icons.tsx';
import { addTransform, indicatorPickerOptions, removeTransform, setTransformParam } from './indicator-transforms.ts';

interface Props {
  transforms: readonly PanelTransform[] | undefined;
  onChange: (transforms: PanelTransform[] | undefined, coalesceKey?: string) => void;
}

const PICKER_OPTIONS = indicatorPickerOptions();

/** The inspector's Indicators section: pick from the catalogue, edit each one's params, remove it. */
export function IndicatorTransforms({ transforms, onChange }: Props) {
  const list = transforms ?? [];
  return (
    <div className="nautilus-inspector-section" data-testid="indicator-transforms">
      <h5>Indicators</h5>
      {list.map((transform, index) => {
        const definition = findIndicator(transform.indicator);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the same indicator may be added twice; position is its identity.
          <div key={index} className="nautilus-field" data-testid={`indicator-${index}`} style={{ marginBottom: 8 }}>
            <div style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
              <strong style={{ fontSize: 12, flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis' }}>
                {definition?.name ?? transform.indicator}
              </strong>
              <Button
                size="small"
                type="text"
                icon={<CloseIcon />}
                aria-label={`Remove ${definition?.name ?? transform.indicator}`}
                data-testid={`indicator-${index}-remove`}
                onClick={() => onChange(removeTransform(list, index))}
              />
            </div>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
              {definition?.params.map((param) => (
                <div
                  key={param.name}
                  title={param.description}
                  style={{ fontSize: 12, display: 'flex', flexDirection: 'column' }}
                >
                  <label htmlFor={`indicator-${index}-${param.name}`}>{param.name}</label>
                  <InputNumber
                    id={`indicator-${index}-${param.name}`}
                    size="small"
                    style={{ width: 84 }}
                    data-testid={`indicator-${index}-${param.name}`}
                    min={param.minimum}
                    max={param.maximum}
                    step={param.type === 'integer' ? 1 : 0.1}
                    value={transform.params?.[param.name] ?? param.default}
                    onChange={(value) =>
                      onChange(setTransformParam(list, index, param.name, value), `transform:${index}:${param.name}`)
                    }
                  />
                </div>
              ))}
            </div>
          </div>
        );
      })}
      <Select<string>
        size="small"
        showSearch={{ optionFilterProp: 'label' }}
        placeholder="Add an indicator"
        data-testid="indicator-add"
        aria-label="Add an indicator"
        style={{ width: '100%' }}
        popupMatchSelectWidth={false}
        value={null}
        options={PICKER_OPTIONS}
        onChange={(id) => onChange(addTransform(list, id))}
      />
    </div>
  );
}

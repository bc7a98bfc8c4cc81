import { Select, type SelectProps } from 'antd';
import { useMemo } from 'react';
import type { InstrumentOption } from '../data/variable-values.ts';

interface Props extends Omit<SelectProps<string>, 'options' | 'onChange'> {
  instruments: readonly InstrumentOption[];
  /** `$name` references offered first, for query fields that can follow a dashboard variable. */
  variables?: readonly string[];
  onChange?: (value: string) => void;
}

type Option = { value: string; label: React.ReactNode; search: string };

/**
 * A searchable instrument picker grouped by asset class. Each option's text is exactly the symbol
 * (the instrument's name is shown beside it by CSS), so typing either finds it.
 */
export function InstrumentSelect({ instruments, variables = [], onChange, value, ...props }: Props) {
  const options = useMemo(() => {
    const groups = new Map<string, Option[]>();
    const add = (group: string, option: Option) => groups.set(group, [...(groups.get(group) ?? []), option]);
    for (const name of variables) add('Dashboard variables', { value: `$${name}`, label: `$${name}`, search: `$${name}` });
    for (const instrument of instruments) {
      add(instrument.group ?? 'Instruments', {
        value: instrument.symbol,
        label: (
          <span className="nautilus-instrument" data-name={instrument.name}>
            {instrument.symbol}
          </span>
        ),
        search: `${instrument.symbol} ${instrument.name ?? ''}`.toLowerCase(),
      });
    }
    // A value no list offers (an instrument from another install) stays visible and selected.
    const known = [...groups.values()].flat().some((option) => option.value === value);
    if (value && !known) add('Other', { value, label: value, search: value.toLowerCase() });
    return [...groups].map(([label, groupOptions]) => ({ label, options: groupOptions }));
  }, [instruments, variables, value]);

  return (
    <Select<string>
      showSearch={{
        // Groups come through here too (they have no `search`): false lets their matching options through.
        filterOption: (input, option) => (option as Partial<Option> | undefined)?.search?.includes(input.toLowerCase()) ?? false,
      }}
      popupMatchSelectWidth={false}
      options={options}
      value={value}
      onChange={onChange}
      {...props}
    />
  );
}

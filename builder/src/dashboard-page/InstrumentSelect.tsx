import { Select, type SelectProps } from 'antd';
import { useMemo, useState } from 'react';
import { providerLabel } from '../data/provenance.ts';
import { useInstrumentSearch } from '../data/useInstrumentSearch.ts';
import type { InstrumentOption } from '../data/variable-values.ts';

interface Props extends Omit<SelectProps<string>, 'options' | 'onChange'> {
  instruments: readonly InstrumentOption[];
  /** `$name` references offered first, for query fields that can follow a dashboard variable. */
  variables?: readonly string[];
  onChange?: (value: string) => void;
  /**
   * Also search every provider as the user types (for sources that take any symbol, such as
   * nautilus.core/bars), and accept a typed symbol no list has.
   */
  searchProviders?: boolean;
}

type Option = { value: string; label: React.ReactNode; search: string };

/**
 * A searchable instrument picker grouped by asset class. Each option's text is exactly the symbol
 * (the instrument's name is shown beside it by CSS), so typing either finds it.
 */
export function InstrumentSelect({ instruments, variables = [], onChange, value, searchProviders = false, ...props }: Props) {
  const [typed, setTyped] = useState('');
  const search = useInstrumentSearch(typed, searchProviders);
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
    const seen = new Set([...groups.values()].flat().map((option) => option.value));
    if (searchProviders) {
      for (const hit of search.data?.hits ?? []) {
        if (seen.has(hit.symbol)) continue;
        seen.add(hit.symbol);
        add(`Found at ${providerLabel(hit.source)}`, {
          value: hit.symbol,
          label: (
            <span
              className="nautilus-instrument"
              data-name={[hit.name, hit.assetClass, hit.exchange].filter(Boolean).join(' · ')}
            >
              {hit.symbol}
            </span>
          ),
          search: `${hit.symbol} ${hit.name ?? ''} ${typed}`.toLowerCase(),
        });
      }
      const wanted = typed.trim().toUpperCase();
      if (wanted && !seen.has(wanted)) {
        seen.add(wanted);
        add('Use as typed', { value: wanted, label: wanted, search: `${wanted} ${typed}`.toLowerCase() });
      }
    }
    // A value no list offers (an instrument from another install) stays visible and selected.
    if (value && !seen.has(value)) add('Other', { value, label: value, search: value.toLowerCase() });
    return [...groups].map(([label, groupOptions]) => ({ label, options: groupOptions }));
  }, [instruments, variables, value, searchProviders, search.data, typed]);

  return (
    <Select<string>
      loading={searchProviders && search.isFetching}
      showSearch={{
        ...(searchProviders ? { onSearch: setTyped } : {}),
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

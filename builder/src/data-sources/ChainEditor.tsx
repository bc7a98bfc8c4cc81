import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Flex, Input, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { describeApiError } from '../api/api-error.ts';
import { dataSourcesQuery } from '../dashboard-page/prefetch-dashboard.ts';
import { type ChainRule, useChain, useSetChain } from './useProviders.ts';

/** Session calendars gaps are judged by; short labels, the full meaning on hover. */
const CALENDARS = [
  { value: 'auto', label: 'Calendar: by symbol', title: 'Crypto pairs 24x7, FX pairs Sun–Fri, everything else NYSE' },
  { value: 'us-equity', label: 'NYSE', title: 'NYSE sessions 09:30–16:00 New York, holidays and early closes' },
  { value: 'fx', label: 'FX', title: 'Sunday 17:00 to Friday 17:00 New York' },
  { value: '24x7', label: '24x7', title: 'Around the clock, every day' },
  { value: 'none', label: 'No gap checks', title: 'Do not flag gaps (simulated or irregular data)' },
];

/**
 * The bars fallback chain: for each symbol pattern, the providers asked in order. The first rule that
 * matches a symbol wins. Saved as a whole; the server names a bad field.
 */
export function ChainEditor() {
  const { message } = App.useApp();
  const chain = useChain();
  const save = useSetChain();
  const sources = useQuery(dataSourcesQuery);
  // Each row keeps a key of its own, so typing in a pattern or moving a rule keeps its inputs.
  const nextKey = useRef(0);
  const keyed = (rule: ChainRule) => ({ ...rule, key: nextKey.current++ });
  const [rules, setRules] = useState<(ChainRule & { key: number })[]>([]);
  useEffect(() => {
    if (chain.data) setRules(chain.data.chain.map((rule) => ({ ...rule, key: nextKey.current++ })));
  }, [chain.data]);
  const barSources = (sources.data ?? [])
    .filter((source) => source.frames.includes('ohlcv') && source.ref !== 'nautilus.core/bars' && source.id === 'bars')
    .map((source) => ({ value: source.ref, label: source.ref }));
  const update = (index: number, change: Partial<ChainRule>) =>
    setRules((current) => current.map((rule, at) => (at === index ? { ...rule, ...change } : rule)));
  const move = (index: number, by: -1 | 1) =>
    setRules((current) => {
      const next = [...current];
      const [rule] = next.splice(index, 1);
      if (rule) next.splice(index + by, 0, rule);
      return next;
    });

  return (
    <Card
      data-testid="bars-chain"
      title="Bars fallback chain"
      extra={chain.data && <Tag>{chain.data.custom ? 'set by an admin' : 'default'}</Tag>}
    >
      <Typography.Paragraph type="secondary">
        Panels, strategies and portfolios that use <Typography.Text code>nautilus.core/bars</Typography.Text> get bars through
        this chain: the first rule whose pattern matches the symbol (<Typography.Text code>*</Typography.Text> matches anything)
        asks its sources in order until one answers. Bars are kept in the database, so a provider is only asked for what is
        missing; when all fail, stored bars are shown flagged stale.
      </Typography.Paragraph>
      <Flex vertical gap={12}>
        {rules.map((rule, index) => (
          <Flex
            key={rule.key}
            wrap
            gap={8}
            align="center"
            data-testid={`chain-rule-${index}`}
            style={{ paddingBottom: 12, borderBottom: '1px solid rgba(128, 128, 128, 0.2)' }}
          >
            <Input
              aria-label="Symbol pattern"
              value={rule.match}
              onChange={(event) => update(index, { match: event.target.value })}
              style={{ width: 140 }}
            />
            <Select
              aria-label="Sources, in order"
              mode="multiple"
              value={rule.sources}
              options={barSources}
              onChange={(value: string[]) => update(index, { sources: value })}
              style={{ minWidth: 260, flex: 1 }}
            />
            <Select
              aria-label="Session calendar"
              value={rule.calendar}
              options={CALENDARS}
              onChange={(value) => update(index, { calendar: value })}
              style={{ width: 180 }}
            />
            <Space.Compact>
              <Button aria-label="Move up" disabled={index === 0} onClick={() => move(index, -1)}>
                ↑
              </Button>
              <Button aria-label="Move down" disabled={index === rules.length - 1} onClick={() => move(index, 1)}>
                ↓
              </Button>
              <Button
                aria-label="Remove rule"
                danger
                onClick={() => setRules((current) => current.filter((_, at) => at !== index))}
              >
                ✕
              </Button>
            </Space.Compact>
          </Flex>
        ))}
        <Flex gap={8} wrap>
          <Button onClick={() => setRules((current) => [...current, keyed({ match: '*', sources: [], calendar: 'auto' })])}>
            Add rule
          </Button>
          <Button
            type="primary"
            data-testid="save-chain"
            loading={save.isPending}
            onClick={() =>
              save.mutate(
                rules.map(({ key: _key, ...rule }) => rule),
                {
                  onSuccess: () => void message.success('Fallback chain saved.'),
                  onError: (error) => void message.error(describeApiError(error).message),
                },
              )
            }
          >
            Save chain
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
}

import type { AccountConfig, BacktestConfig, FieldIssue, Timeframe } from '@nautilus/sdk';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  InputNumber,
  Result,
  Row,
  Segmented,
  Select,
  Spin,
  Switch,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { describeApiError } from '../api/api-error.ts';
import { trpc } from '../api/trpc.ts';
import type { User } from '../api/types.ts';
import { canEditDashboards } from '../auth/permissions.ts';
import { InstrumentSelect } from '../dashboard-page/InstrumentSelect.tsx';
import { useInstruments } from '../data/useInstruments.ts';
import { LimitSetEditor } from '../risk/LimitSetEditor.tsx';
import { navigate } from '../routing/navigation.ts';
import { type Route, routeHash } from '../routing/route.ts';
import { useUnsavedChangesGuard } from '../routing/useUnsavedChangesGuard.ts';
import { useThemeMode } from '../theme/useThemeMode.ts';
import { AccountSettings } from './AccountSettings.tsx';
import { BacktestResults } from './BacktestResults.tsx';
import { CompileErrorsAlert } from './CompileErrorsAlert.tsx';
import { type CompileDiagnostic, compileDiagnostics, draftAllowed } from './compile-errors.ts';
import { DeferredCodeEditor } from './DeferredCodeEditor.tsx';
import { DeploymentsPanel } from './DeploymentsPanel.tsx';
import { isActiveRun, labKeys, useBacktestRun, useStrategy } from './lab-api.ts';
import { LAB_TIMEFRAMES, QUICK_RANGES } from './lab-format.ts';
import { ParamsForm } from './ParamsForm.tsx';
import { mergeParams, type ParamValue, paramsForRun } from './params-form.ts';
import { RenameStrategyDialog } from './RenameStrategyDialog.tsx';
import { RunsPanel } from './RunsPanel.tsx';
import { SweepsPanel } from './sweeps/SweepsPanel.tsx';
import { useLabLimits } from './useLabLimits.ts';
import { VersionsPanel } from './VersionsPanel.tsx';
import './strategy-lab.css';

type RangeLabel = (typeof QUICK_RANGES)[number]['label'];

interface Props {
  id: string;
  user: User;
  run?: string | undefined;
  deployment?: string | undefined;
}
type Speed = 'live' | 'accelerated';

/**
 * The Strategy Lab: edit a strategy, backtest it (with pre-trade limits), compare runs, deploy it to
 * paper trading. `run` or `deployment` (from a link, e.g. an alert's) opens that run's results or that
 * deployment.
 */
export function StrategyLabPage({ id, user, run: linkedRun, deployment: linkedDeployment }: Props) {
  const strategy = useStrategy(id);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { mode } = useThemeMode();
  const instruments = useInstruments();
  const canEdit = canEditDashboards(user.role);
  const record = strategy.data;

  // The source as last saved (or loaded), and the text in the editor.
  const [saved, setSaved] = useState<{ source: string; version: number }>();
  const [draft, setDraft] = useState('');
  const [diagnostics, setDiagnostics] = useState<CompileDiagnostic[]>([]);
  const [saveError, setSaveError] = useState<string>();
  // The last save was refused for type errors only: it may be kept as a draft.
  const [canDraft, setCanDraft] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const [values, setValues] = useState<Record<string, ParamValue>>({});
  const [symbol, setSymbol] = useState('SIM:AAPL');
  const [timeframe, setTimeframe] = useState<Timeframe>('1d');
  const [range, setRange] = useState<RangeLabel>('1y');
  const [initialCash, setInitialCash] = useState(100_000);
  const [account, setAccount] = useState<AccountConfig>({ type: 'cash' });
  const [speed, setSpeed] = useState<Speed>('accelerated');
  const [runId, setRunId] = useState<string | undefined>(linkedRun);
  const [tab, setTab] = useState(linkedDeployment && !linkedRun ? 'deployments' : 'results');
  const [cursor, setCursor] = useState<{ line: number; column: number }>();
  const limits = useLabLimits(id);
  const [showLimitIssues, setShowLimitIssues] = useState(false);
  const [limitServerIssues, setLimitServerIssues] = useState<FieldIssue[]>([]);

  // A link to another run or deployment of this strategy: show it without reloading the editor.
  useEffect(() => {
    if (linkedRun) {
      setRunId(linkedRun);
      setTab('results');
    }
  }, [linkedRun]);
  useEffect(() => {
    if (linkedDeployment) setTab('deployments');
  }, [linkedDeployment]);

  useEffect(() => {
    if (record && saved === undefined) {
      setSaved({ source: record.source, version: record.version });
      setDraft(record.source);
    }
  }, [record, saved]);

  const specs = record?.params ?? {};
  const paramValues = useMemo(() => mergeParams(specs, values), [specs, values]);
  const dirty = saved !== undefined && draft !== saved.source;
  const staysOnStrategy = useCallback((next: Route) => next.name === 'strategy' && next.id === id, [id]);
  useUnsavedChangesGuard(dirty, staysOnStrategy, 'this strategy');

  const draftRef = useRef(draft);
  draftRef.current = draft;
  const savingRef = useRef<Promise<{ version: number; params: typeof specs } | undefined>>(undefined);

  /**
   * Saves the editor's text as a new version if it changed; the saved version and its params spec.
   * `draft` keeps a source with type errors as a draft version (backtests only).
   */
  const saveSource = useCallback(
    async (draft = false): Promise<{ version: number; params: typeof specs } | undefined> => {
      if (!saved || !record) return undefined;
      const source = draftRef.current;
      if (source === saved.source) return { version: saved.version, params: record.params };
      if (savingRef.current) return savingRef.current;
      const attempt = (async () => {
        try {
          const result = await trpc.strategies.save.mutate({
            id,
            baseVersion: saved.version,
            source,
            ...(draft ? { draft } : {}),
          });
          const fresh = await trpc.strategies.get.query({ id, version: result.version });
          queryClient.setQueryData(labKeys.strategy(id), fresh);
          setSaved({ source, version: result.version });
          setDiagnostics([]);
          setSaveError(undefined);
          setCanDraft(false);
          void queryClient.invalidateQueries({ queryKey: labKeys.versions(id) });
          void queryClient.invalidateQueries({ queryKey: labKeys.strategyList });
          void message.success(
            result.unchanged
              ? 'No changes to save.'
              : result.draft
                ? `Saved version ${result.version} as a draft: it cannot be deployed until its type errors are fixed.`
                : `Saved version ${result.version}.`,
          );
          return { version: result.version, params: fresh.params };
        } catch (error) {
          const problem = describeApiError(error);
          setDiagnostics(compileDiagnostics(problem));
          setSaveError(problem.message);
          setCanDraft(draftAllowed(problem));
          void message.error(`Not saved: ${problem.message}`);
          return undefined;
        } finally {
          savingRef.current = undefined;
        }
      })();
      savingRef.current = attempt;
      return attempt;
    },
    [id, saved, record, queryClient, message],
  );

  const save = useMutation({ mutationFn: () => saveSource() });
  const saveDraft = useMutation({ mutationFn: () => saveSource(true) });

  /** The config of a run or deployment; undefined (and the issues shown) while the limits are invalid. */
  const runConfig = (): BacktestConfig | undefined => {
    if (limits.issues.length > 0) {
      setShowLimitIssues(true);
      void message.error('Fix the risk limits marked in red first, or switch them off.');
      return undefined;
    }
    setLimitServerIssues([]);
    return { initialCash, account, ...(limits.limits ? { limits: limits.limits } : {}) };
  };
  const onRunError = (what: string) => (error: unknown) => {
    const problem = describeApiError(error);
    setLimitServerIssues(problem.fields);
    void message.error(`${what}: ${problem.message}`);
  };

  const run = useMutation({
    mutationFn: async () => {
      const config = runConfig();
      if (!config) return undefined;
      const savedVersion = await saveSource();
      if (!savedVersion) return undefined;
      const from = QUICK_RANGES.find((item) => item.label === range)?.from ?? 'now-1y';
      return trpc.backtests.run.mutate({
        strategyId: id,
        version: savedVersion.version,
        params: paramsForRun(savedVersion.params, values),
        config,
        symbol,
        timeframe,
        range: { from, to: 'now' },
      });
    },
    onSuccess: (started) => {
      if (!started) return;
      setRunId(started.id);
      setTab('results');
      // The run's report has its own address; the report scrolls itself into view.
      navigate({ name: 'strategy', id, run: started.id });
      void queryClient.invalidateQueries({ queryKey: labKeys.runs(id) });
    },
    onError: onRunError('The backtest did not start'),
  });

  const deploy = useMutation({
    mutationFn: async () => {
      const config = runConfig();
      if (!config) return undefined;
      const savedVersion = await saveSource();
      if (!savedVersion) return undefined;
      return trpc.deployments.deploy.mutate({
        strategyId: id,
        version: savedVersion.version,
        params: paramsForRun(savedVersion.params, values),
        config,
        symbol,
        timeframe,
        ...(speed === 'accelerated' ? { replay: { bars: 120, speed: 600 } } : {}),
      });
    },
    onSuccess: (deployment) => {
      if (!deployment) return;
      setTab('deployments');
      void queryClient.invalidateQueries({ queryKey: labKeys.deployments(id) });
      if (deployment.status === 'failed')
        void message.error(`The deployment failed: ${deployment.error?.message ?? 'see the list'}`);
      else void message.success(`Deployed version ${deployment.version} to paper trading.`);
    },
    onError: onRunError('Not deployed'),
  });

  const backtest = useBacktestRun(runId);
  const runStatus = backtest.data?.status;
  useEffect(() => {
    if (runStatus && !isActiveRun(runStatus)) void queryClient.invalidateQueries({ queryKey: labKeys.runs(id) });
  }, [runStatus, id, queryClient]);

  const onSave = useCallback(() => {
    if (canEdit) save.mutate();
  }, [canEdit, save]);

  if (strategy.error) {
    return (
      <Result
        status="warning"
        title="This strategy cannot be opened"
        subTitle={describeApiError(strategy.error).message}
        extra={<a href={routeHash({ name: 'strategies' })}>Back to the strategies</a>}
      />
    );
  }
  if (!record || !saved) return <Spin style={{ margin: 48 }} />;

  const running = run.isPending || isActiveRun(runStatus);

  return (
    <Flex vertical gap={16} data-testid="strategy-lab">
      <Flex align="center" gap={12} wrap>
        <a href={routeHash({ name: 'strategies' })}>Strategies</a>
        <Typography.Text type="secondary">/</Typography.Text>
        <Typography.Title level={3} style={{ margin: 0, overflowWrap: 'anywhere' }} data-testid="strategy-name">
          {record.name}
        </Typography.Title>
        {canEdit && record.permission !== 'view' && (
          <Button size="small" type="text" data-testid="rename-strategy" onClick={() => setRenaming(true)}>
            Rename
          </Button>
        )}
        {renaming && <RenameStrategyDialog id={id} name={record.name} onClose={() => setRenaming(false)} />}
        <Tag data-testid="strategy-version">v{saved.version}</Tag>
        {record.version === saved.version && record.draft && (
          <Tooltip title="Saved with type errors: backtests can run it, deployments cannot.">
            <Tag color="gold" data-testid="strategy-draft">
              draft
            </Tag>
          </Tooltip>
        )}
        {dirty && (
          <Tag color="orange" data-testid="unsaved-changes">
            unsaved
          </Tag>
        )}
        <Flex gap={8} style={{ marginLeft: 'auto' }}>
          {canEdit && (
            <Tooltip title="Ctrl/Cmd+S">
              <Button data-testid="save-strategy" disabled={!dirty} loading={save.isPending} onClick={() => save.mutate()}>
                Save
              </Button>
            </Tooltip>
          )}
        </Flex>
      </Flex>
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={8}>
            <DeferredCodeEditor
              path={id}
              initialValue={saved.source}
              onChange={setDraft}
              onSave={onSave}
              diagnostics={diagnostics}
              theme={mode}
              cursor={cursor}
              readOnly={!canEdit}
            />
            <CompileErrorsAlert
              diagnostics={diagnostics}
              saveError={saveError}
              draftAllowed={canDraft && canEdit}
              savingDraft={saveDraft.isPending}
              onSaveDraft={() => saveDraft.mutate()}
              onJump={setCursor}
            />
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={12}>
            <Card size="small" title="Params">
              <ParamsForm
                specs={specs}
                values={paramValues}
                onChange={(name, value) => setValues((current) => ({ ...current, [name]: value }))}
              />
            </Card>
            <Card size="small" title="Market and settings">
              <Flex vertical gap={8}>
                <Flex align="center" gap={8}>
                  <Typography.Text style={{ width: 90, flexShrink: 0 }}>Symbol</Typography.Text>
                  <InstrumentSelect
                    data-testid="lab-symbol"
                    aria-label="Symbol"
                    instruments={instruments}
                    value={symbol}
                    onChange={setSymbol}
                    style={{ flex: 1, minWidth: 0 }}
                  />
                </Flex>
                <Flex align="center" gap={8}>
                  <Typography.Text style={{ width: 90, flexShrink: 0 }}>Timeframe</Typography.Text>
                  <Segmented<Timeframe>
                    data-testid="lab-timeframe"
                    size="small"
                    options={[...LAB_TIMEFRAMES]}
                    value={timeframe}
                    onChange={setTimeframe}
                  />
                </Flex>
                <Flex align="center" gap={8}>
                  <Typography.Text style={{ width: 90, flexShrink: 0 }}>Range</Typography.Text>
                  <Segmented<RangeLabel>
                    data-testid="lab-range"
                    size="small"
                    options={QUICK_RANGES.map((item) => item.label)}
                    value={range}
                    onChange={setRange}
                  />
                </Flex>
                <Flex align="center" gap={8}>
                  <Typography.Text style={{ width: 90, flexShrink: 0 }}>Initial cash</Typography.Text>
                  <InputNumber
                    data-testid="lab-initial-cash"
                    min={1}
                    step={1_000}
                    value={initialCash}
                    onChange={(next) => typeof next === 'number' && setInitialCash(next)}
                    style={{ flex: 1, minWidth: 0 }}
                  />
                </Flex>
                <AccountSettings value={account} onChange={setAccount} />
              </Flex>
            </Card>
            <Card
              size="small"
              title="Risk limits"
              data-testid="lab-limits"
              extra={
                <Switch
                  data-testid="lab-limits-enabled"
                  size="small"
                  checked={limits.enabled}
                  checkedChildren="On"
                  unCheckedChildren="Off"
                  aria-label="Apply risk limits"
                  disabled={!canEdit}
                  onChange={limits.setEnabled}
                />
              }
            >
              {limits.enabled ? (
                <LimitSetEditor
                  value={limits.draft}
                  onChange={(draft) => {
                    limits.setDraft(draft);
                    setLimitServerIssues([]);
                  }}
                  showAllIssues={showLimitIssues}
                  serverIssues={{ issues: limitServerIssues, prefix: 'config.limits' }}
                  disabled={!canEdit}
                />
              ) : (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  Off: orders are not checked. Switch on to check every order of the backtest and the deployment against pre-trade
                  limits; they are remembered for this strategy.
                </Typography.Text>
              )}
            </Card>
            {canEdit && (
              <Button type="primary" size="large" data-testid="run-backtest" loading={running} onClick={() => run.mutate()}>
                {dirty ? 'Save and run backtest' : 'Run backtest'}
              </Button>
            )}
            {canEdit && (
              <Card size="small" title="Paper trading">
                <Flex vertical gap={8}>
                  <Flex align="center" gap={8}>
                    <Typography.Text style={{ width: 90, flexShrink: 0 }}>Feed</Typography.Text>
                    <Select<Speed>
                      data-testid="deploy-speed"
                      style={{ flex: 1, minWidth: 0 }}
                      value={speed}
                      onChange={setSpeed}
                      options={[
                        { value: 'live', label: 'Live' },
                        { value: 'accelerated', label: 'Accelerated replay (120 bars at 600×)' },
                      ]}
                    />
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    Deploys the saved version with the params, symbol and timeframe above.
                  </Typography.Text>
                  <Button data-testid="deploy-button" loading={deploy.isPending} onClick={() => deploy.mutate()}>
                    Deploy to paper trading
                  </Button>
                </Flex>
              </Card>
            )}
          </Flex>
        </Col>
      </Row>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'results',
            label: 'Results',
            children: backtest.data ? (
              <BacktestResults run={backtest.data} />
            ) : backtest.error ? (
              <Alert type="error" showIcon title={describeApiError(backtest.error).message} />
            ) : runId ? (
              <Spin />
            ) : (
              <Empty description="Run a backtest to see its results here." />
            ),
          },
          {
            key: 'runs',
            label: 'Past runs',
            children: (
              <RunsPanel
                strategyId={id}
                onOpen={(openId) => {
                  setRunId(openId);
                  setTab('results');
                }}
              />
            ),
          },
          {
            key: 'sweeps',
            label: 'Sweeps',
            children: record ? (
              <SweepsPanel
                strategyId={id}
                version={record.version}
                specs={specs}
                market={{ symbol, timeframe, from: QUICK_RANGES.find((item) => item.label === range)?.from ?? 'now-1y' }}
                canEdit={canEdit}
              />
            ) : (
              <Spin />
            ),
          },
          {
            key: 'deployments',
            label: 'Deployments',
            children: <DeploymentsPanel strategyId={id} canEdit={canEdit} expand={linkedDeployment} />,
          },
          { key: 'versions', label: 'Versions', children: <VersionsPanel strategyId={id} /> },
        ]}
      />
    </Flex>
  );
}

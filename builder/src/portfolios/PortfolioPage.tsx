import type { FieldIssue } from '@nautilus/sdk';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Flex, Input, InputNumber, Result, Row, Select, Spin, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { type ApiProblem, describeApiError } from '../api/api-error.ts';
import { trpc } from '../api/trpc.ts';
import type { User } from '../api/types.ts';
import { canEditDashboards } from '../auth/permissions.ts';
import { useDataSources } from '../data/useCatalog.ts';
import { LimitSetEditor } from '../risk/LimitSetEditor.tsx';
import { type Portfolio, type PortfolioFields, riskKeys } from '../risk/risk-api.ts';
import { navigate } from '../routing/navigation.ts';
import { type Route, routeHash } from '../routing/route.ts';
import { useUnsavedChangesGuard } from '../routing/useUnsavedChangesGuard.ts';
import { OrderCheckCard } from './OrderCheckCard.tsx';
import { FieldErrors, PositionsTable } from './PositionsTable.tsx';
import {
  issuesAt,
  type PortfolioDraft,
  portfolioDraft,
  portfolioDraftIssues,
  portfolioFields,
  positionRowIndexes,
} from './portfolio-form.ts';
import { RiskSummaryCard } from './RiskSummaryCard.tsx';
import { StressTestCard } from './StressTestCard.tsx';
import { useCreateRiskDashboard } from './useCreateRiskDashboard.ts';
import { useCreatePortfolio, usePortfolio, useUpdatePortfolio } from './usePortfolios.ts';

const sameFields = (a: PortfolioFields, b: PortfolioFields) => JSON.stringify(a) === JSON.stringify(b);

/**
 * One portfolio (or a new one when `id` is undefined): its fields, positions and limits, and for a
 * saved one its risk summary, stress tests and a button that builds its risk dashboard.
 */
export function PortfolioPage({ id, user }: { id?: string; user: User }) {
  const stored = usePortfolio(id);
  const canEdit = canEditDashboards(user.role);

  if (id && stored.error) {
    return (
      <Result
        status="warning"
        title="This portfolio cannot be opened"
        subTitle={describeApiError(stored.error).message}
        extra={<a href={routeHash({ name: 'portfolios' })}>Back to the portfolios</a>}
      />
    );
  }
  if (id && !stored.data) return <Spin style={{ margin: 48 }} />;
  return <PortfolioEditor key={id ?? 'new'} stored={stored.data} canEdit={canEdit} />;
}

function PortfolioEditor({ stored, canEdit }: { stored: Portfolio | undefined; canEdit: boolean }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const create = useCreatePortfolio();
  const update = useUpdatePortfolio();
  const riskDashboard = useCreateRiskDashboard();
  const dataSources = useDataSources();

  const [saved, setSaved] = useState<Portfolio | undefined>(stored);
  const [draft, setDraft] = useState<PortfolioDraft>(() => portfolioDraft(stored));
  const [showAllIssues, setShowAllIssues] = useState(false);
  const [serverIssues, setServerIssues] = useState<FieldIssue[]>([]);
  const [conflict, setConflict] = useState<ApiProblem>();

  const fields = useMemo(() => portfolioFields(draft), [draft]);
  const savedFields = useMemo(() => portfolioFields(portfolioDraft(saved)), [saved]);
  const dirty = !sameFields(fields, savedFields);
  const localIssues = useMemo(() => portfolioDraftIssues(draft), [draft]);
  const shownIssues = showAllIssues ? [...localIssues, ...serverIssues] : serverIssues;
  const sentRows = useMemo(() => positionRowIndexes(draft), [draft]);

  // Someone else saved while nothing was edited here: show theirs.
  useEffect(() => {
    if (stored && saved && stored.version > saved.version && !dirty) {
      setSaved(stored);
      setDraft(portfolioDraft(stored));
    }
  }, [stored, saved, dirty]);

  const staysHere = useCallback((next: Route) => next.name === 'portfolio' && next.id === saved?.id, [saved?.id]);
  useUnsavedChangesGuard(dirty && canEdit, staysHere, 'this portfolio');

  const change = (next: Partial<PortfolioDraft>) => {
    setDraft((current) => ({ ...current, ...next }));
    setServerIssues([]);
  };

  const onSaveError = (error: unknown) => {
    const problem = describeApiError(error);
    const versionConflict = problem.code === 'CONFLICT' && typeof problem.details?.currentVersion === 'number';
    if (versionConflict) setConflict(problem);
    else {
      setServerIssues(problem.fields);
      void message.error(`Not saved: ${problem.message}`);
    }
  };

  const save = (baseVersion = saved?.version) => {
    if (localIssues.length > 0) {
      setShowAllIssues(true);
      void message.error('Not saved: fix the fields marked in red first.');
      return;
    }
    setConflict(undefined);
    if (!saved) {
      create.mutate(fields, {
        onSuccess: (portfolio) => {
          void message.success(`Portfolio “${portfolio.name}” created.`);
          queryClient.setQueryData(riskKeys.portfolio(portfolio.id), portfolio);
          navigate({ name: 'portfolio', id: portfolio.id }, { replace: true, force: true });
        },
        onError: onSaveError,
      });
      return;
    }
    update.mutate(
      { ...fields, id: saved.id, baseVersion: baseVersion ?? saved.version },
      {
        onSuccess: (portfolio) => {
          setSaved(portfolio);
          setDraft(portfolioDraft(portfolio));
          setShowAllIssues(false);
          void message.success(`Saved version ${portfolio.version}.`);
        },
        onError: onSaveError,
      },
    );
  };

  const discardMine = async () => {
    setConflict(undefined);
    const fresh = await queryClient.fetchQuery({
      queryKey: riskKeys.portfolio(saved!.id),
      queryFn: () => trpc.portfolios.get.query({ id: saved!.id }),
      staleTime: 0,
    });
    setSaved(fresh);
    setDraft(portfolioDraft(fresh));
  };

  const barSources = (dataSources.data ?? []).filter((source) => source.frames.includes('ohlcv')).map((source) => source.ref);
  const sourceOptions = [...new Set([draft.dataSource, ...barSources])].map((ref) => ({ value: ref, label: ref }));
  const saving = create.isPending || update.isPending;
  const readOnly = !canEdit;

  return (
    <Flex vertical gap={16} data-testid="portfolio-page">
      <Flex align="center" gap={12} wrap>
        <a href={routeHash({ name: 'portfolios' })}>Portfolios</a>
        <Typography.Text type="secondary">/</Typography.Text>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="portfolio-title">
          {saved?.name ?? 'New portfolio'}
        </Typography.Title>
        {saved && <Tag data-testid="portfolio-version">v{saved.version}</Tag>}
        {dirty && canEdit && (
          <Tag color="orange" data-testid="portfolio-unsaved">
            unsaved
          </Tag>
        )}
        <Flex gap={8} style={{ marginLeft: 'auto' }}>
          {saved && canEdit && (
            <Button
              data-testid="create-risk-dashboard"
              loading={riskDashboard.isPending}
              onClick={() => riskDashboard.mutate(saved)}
            >
              Create risk dashboard
            </Button>
          )}
          {canEdit && (
            <Button type="primary" data-testid="save-portfolio" loading={saving} disabled={!dirty} onClick={() => save()}>
              {saved ? 'Save' : 'Create portfolio'}
            </Button>
          )}
        </Flex>
      </Flex>
      {conflict && (
        <Alert
          data-testid="portfolio-conflict"
          type="warning"
          showIcon
          title={`Someone saved version ${String(conflict.details?.currentVersion)} of this portfolio after you opened version ${saved?.version}.`}
          description="Your edits are still here and nothing was written. Keep yours (it replaces their version) or discard yours and load theirs."
          action={
            <Flex vertical gap={4}>
              <Button size="small" danger onClick={() => save(conflict.details?.currentVersion as number)}>
                Save mine over theirs
              </Button>
              <Button size="small" onClick={() => void discardMine()}>
                Discard mine, load theirs
              </Button>
            </Flex>
          }
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={11}>
          <Card size="small" title="Portfolio">
            <Flex vertical gap={12}>
              <Labelled label="Name" errors={issuesAt(shownIssues, 'name')}>
                <Input
                  data-testid="portfolio-name"
                  aria-label="Name"
                  maxLength={200}
                  disabled={readOnly}
                  status={issuesAt(shownIssues, 'name').length > 0 ? 'error' : undefined}
                  value={draft.name}
                  onChange={(event) => change({ name: event.target.value })}
                />
              </Labelled>
              <Labelled label="Description" errors={issuesAt(shownIssues, 'description')}>
                <Input.TextArea
                  data-testid="portfolio-description"
                  aria-label="Description"
                  autoSize={{ minRows: 1, maxRows: 4 }}
                  maxLength={2000}
                  disabled={readOnly}
                  value={draft.description}
                  onChange={(event) => change({ description: event.target.value })}
                />
              </Labelled>
              <Flex gap={12} wrap>
                <Labelled label="Capital" errors={issuesAt(shownIssues, 'capital')} width={200}>
                  <InputNumber<number>
                    data-testid="portfolio-capital"
                    aria-label="Capital"
                    style={{ width: '100%' }}
                    min={0}
                    disabled={readOnly}
                    status={issuesAt(shownIssues, 'capital').length > 0 ? 'error' : undefined}
                    value={draft.capital}
                    onChange={(capital) => change({ capital: typeof capital === 'number' ? capital : null })}
                  />
                </Labelled>
                <Labelled label="Prices from" errors={issuesAt(shownIssues, 'dataSource')} width={280}>
                  <Select<string>
                    data-testid="portfolio-data-source"
                    aria-label="Data source"
                    disabled={readOnly}
                    options={sourceOptions}
                    value={draft.dataSource}
                    onChange={(dataSource) => change({ dataSource })}
                  />
                </Labelled>
              </Flex>
              <Typography.Text strong>Positions</Typography.Text>
              <PositionsTable
                positions={draft.positions}
                onChange={(positions) => change({ positions })}
                issues={shownIssues}
                sentRows={sentRows}
                disabled={readOnly}
              />
              <FieldErrors messages={issuesAt(shownIssues, 'positions')} />
            </Flex>
          </Card>
        </Col>
        <Col xs={24} xl={13}>
          <Card size="small" title="Limits" data-testid="portfolio-limits">
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              Checked before every order of a run on this book, and shown as utilisation on its risk dashboard.
            </Typography.Paragraph>
            <LimitSetEditor
              value={draft.limits}
              onChange={(limits) => change({ limits })}
              serverIssues={{ issues: serverIssues, prefix: 'limits' }}
              showAllIssues={showAllIssues}
              disabled={readOnly}
            />
          </Card>
        </Col>
      </Row>
      {saved ? (
        <>
          <RiskSummaryCard portfolioId={saved.id} unsaved={dirty} />
          <StressTestCard portfolioId={saved.id} />
          {canEdit && <OrderCheckCard portfolioId={saved.id} />}
        </>
      ) : (
        <Typography.Text type="secondary">Create the portfolio to see its VaR, backtest and stress tests.</Typography.Text>
      )}
    </Flex>
  );
}

function Labelled({
  label,
  errors,
  width,
  children,
}: {
  label: string;
  errors: readonly string[];
  width?: number;
  children: React.ReactNode;
}) {
  return (
    <Flex vertical gap={2} style={width ? { width } : undefined}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      {children}
      <FieldErrors messages={errors} />
    </Flex>
  );
}

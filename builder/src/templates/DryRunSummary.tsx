import { Alert, Flex, List, Tag, Typography } from 'antd';
import type { DryRun } from './useTemplates.ts';

const STATUS_COLORS = { ok: 'green', missing: 'orange', failed: 'red', incompatible: 'red' } as const;

/** What importing would do, before it is done: creation, plugins, panels waiting for a plugin, errors, warnings, diff. */
export function DryRunSummary({ plan, replacing }: { plan: DryRun; replacing: string | undefined }) {
  const target = plan.existing.find((dashboard) => dashboard.id === replacing);
  return (
    <Flex vertical gap={10} data-testid="template-dry-run">
      {plan.dashboard && (
        <Typography.Text data-testid="template-creates">
          {target ? `Replaces “${target.title}” (version ${target.version}) with` : 'Creates'} “{plan.dashboard.title}”:{' '}
          {plan.dashboard.panels.length} panels
          {plan.dashboard.variables.length > 0 &&
            `, ${plan.dashboard.variables.map((variable) => `$${variable.name} = ${variable.default || '(empty)'}`).join(', ')}`}
          .
        </Typography.Text>
      )}
      {plan.plugins.length > 0 && (
        <div data-testid="template-plugins">
          {plan.plugins.map((check) => (
            <Tag key={check.plugin} color={STATUS_COLORS[check.status]} title={check.message} style={{ whiteSpace: 'normal' }}>
              {check.plugin} {check.installedVersion ?? ''} {check.status === 'ok' ? '✓' : check.status}
            </Tag>
          ))}
        </div>
      )}
      {plan.missingPanels.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="template-missing-panels"
          title="These panels are kept and draw once their plugin is installed:"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {plan.missingPanels.map((panel) => (
                <li key={panel.id}>
                  <strong>{panel.title}</strong>: {panel.reasons.join('; ')}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {plan.errors.length > 0 && (
        <Alert
          type="error"
          showIcon
          data-testid="template-errors"
          title="This cannot be imported yet. Fix these, or pick another file:"
          description={<IssueList issues={plan.errors} />}
        />
      )}
      {plan.warnings.length > 0 && (
        <Alert
          type="info"
          showIcon
          data-testid="template-warnings"
          title="Worth knowing (the import still works):"
          description={<IssueList issues={plan.warnings} />}
        />
      )}
      {target && <DiffList diff={target.diff} />}
    </Flex>
  );
}

function IssueList({ issues }: { issues: DryRun['errors'] }) {
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18, overflowWrap: 'anywhere' }}>
      {issues.map((issue) => (
        <li key={`${issue.path}:${issue.message}`}>
          <code>{issue.path || 'file'}</code>: {issue.message}
        </li>
      ))}
    </ul>
  );
}

/** The semantic diff of a replacement, by panel title. */
function DiffList({ diff }: { diff: DryRun['existing'][number]['diff'] }) {
  if (diff.identical) return <Typography.Text data-testid="template-diff">Replacing it changes nothing.</Typography.Text>;
  const rows = [
    ...diff.added.map((panel) => ({ key: `+${panel.id}`, text: `Panel added: ${panel.title}`, color: 'green' })),
    ...diff.removed.map((panel) => ({ key: `-${panel.id}`, text: `Panel removed: ${panel.title}`, color: 'red' })),
    ...diff.changed.map((panel) => ({
      key: `~${panel.id}`,
      text: `Panel changed: ${panel.title} (${panel.changes.map((change) => change.path).join(', ')})`,
      color: 'blue',
    })),
    ...diff.dashboard.map((change) => ({ key: `d${change.path}`, text: `Dashboard ${change.path} changed`, color: 'blue' })),
  ];
  return (
    <List
      data-testid="template-diff"
      size="small"
      bordered
      header="What replacing changes"
      dataSource={rows}
      renderItem={(row) => (
        <List.Item style={{ overflowWrap: 'anywhere' }}>
          <Tag color={row.color}>{row.color === 'green' ? '+' : row.color === 'red' ? '−' : '~'}</Tag>
          {row.text}
        </List.Item>
      )}
    />
  );
}

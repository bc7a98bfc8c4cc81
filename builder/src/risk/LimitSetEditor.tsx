import { type FieldIssue, LIMIT_KINDS, type LimitKind } from '@nautilus/sdk';
import { Button, Flex, Select, Typography, theme } from 'antd';
import { useMemo, useState } from 'react';
import { Errors, Field, LimitFields } from './LimitFields.tsx';
import {
  changeLimitKind,
  type LimitDraft,
  type LimitSetDraft,
  limitSetDraftIssues,
  newLimitDraft,
  placeLimitIssues,
} from './limit-form.ts';
import { BREACH_ACTIONS, LIMIT_KIND_INFO, type LimitField } from './limit-kinds.ts';

interface Props {
  value: LimitSetDraft;
  onChange: (next: LimitSetDraft) => void;
  /** The server's issues from the last save or run, and the path the set had there (e.g. 'config.limits'). */
  serverIssues?: { issues: readonly FieldIssue[]; prefix: string };
  /** Shows every issue, not only those of fields already edited: set it after a save attempt. */
  showAllIssues?: boolean;
  disabled?: boolean;
}

const kindOptions = LIMIT_KINDS.map((kind) => ({ value: kind, label: LIMIT_KIND_INFO[kind].label }));
const breachOptions = BREACH_ACTIONS.map(({ value, label }) => ({ value, label }));

/**
 * Edits a limit set: one row per limit with the fields its kind takes, and what a hard breach does.
 * The sdk's checkLimitSet runs on every change; its issues show under the fields already edited
 * (all of them once `showAllIssues` is set), the server's under theirs.
 */
export function LimitSetEditor({ value, onChange, serverIssues, showAllIssues = false, disabled = false }: Props) {
  const { token } = theme.useToken();
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const local = useMemo(() => placeLimitIssues(limitSetDraftIssues(value)), [value]);
  const server = useMemo(
    () => (serverIssues ? placeLimitIssues(serverIssues.issues, serverIssues.prefix) : undefined),
    [serverIssues],
  );

  const updateRow = (index: number, next: LimitDraft, field?: LimitField) => {
    if (field) setTouched((current) => new Set(current).add(`${next.key}:${field}`));
    onChange({ ...value, limits: value.limits.map((row, at) => (at === index ? next : row)) });
  };
  const addRow = () => onChange({ ...value, limits: [...value.limits, newLimitDraft('maxPosition')] });
  const removeRow = (index: number) => onChange({ ...value, limits: value.limits.filter((_, at) => at !== index) });

  const breach = BREACH_ACTIONS.find((action) => action.value === value.onHardBreach);

  return (
    <Flex vertical gap={8} data-testid="limit-set-editor">
      {value.limits.length === 0 && (
        <Typography.Text type="secondary" data-testid="no-limits">
          No limits: every order is accepted.
        </Typography.Text>
      )}
      {value.limits.map((row, index) => {
        const rowIssues = local.rows.get(index);
        const rowTouched = [...touched].some((key) => key.startsWith(`${row.key}:`));
        const errorsOf = (field: LimitField) => [
          ...(showAllIssues || touched.has(`${row.key}:${field}`) ? (rowIssues?.fields.get(field) ?? []) : []),
          ...(server?.rows.get(index)?.fields.get(field) ?? []),
        ];
        const rowErrors = [
          ...(showAllIssues || rowTouched ? (rowIssues?.row ?? []) : []),
          ...(server?.rows.get(index)?.row ?? []),
        ];
        return (
          <div
            key={row.key}
            data-testid={`limit-row-${index}`}
            style={{ border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadius, padding: 8 }}
          >
            <Flex gap={8} wrap align="flex-start">
              <Field label="Kind" width={200}>
                <Select<LimitKind>
                  data-testid={`limit-kind-${index}`}
                  aria-label="Limit kind"
                  size="small"
                  disabled={disabled}
                  value={row.kind}
                  options={kindOptions}
                  popupMatchSelectWidth={360}
                  optionRender={(option) => (
                    <Flex vertical>
                      <span>{option.label}</span>
                      <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'normal' }}>
                        {LIMIT_KIND_INFO[option.value as LimitKind].explanation}
                      </Typography.Text>
                    </Flex>
                  )}
                  onChange={(kind) => updateRow(index, changeLimitKind(row, kind))}
                />
              </Field>
              <LimitFields row={row} index={index} disabled={disabled} errorsOf={errorsOf} onChange={updateRow} />
              {!disabled && (
                <Button
                  size="small"
                  type="text"
                  danger
                  data-testid={`remove-limit-${index}`}
                  aria-label="Remove limit"
                  style={{ marginTop: 20, marginLeft: 'auto' }}
                  onClick={() => removeRow(index)}
                >
                  Remove
                </Button>
              )}
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {LIMIT_KIND_INFO[row.kind].explanation}
            </Typography.Text>
            <Errors messages={rowErrors} testId={`limit-error-${index}`} />
          </div>
        );
      })}
      <Flex gap={8} align="center" wrap>
        {!disabled && (
          <Button size="small" data-testid="add-limit" onClick={addRow}>
            Add limit
          </Button>
        )}
        <Typography.Text style={{ marginLeft: disabled ? 0 : 'auto' }}>On a hard breach</Typography.Text>
        <Select
          data-testid="limit-on-hard-breach"
          aria-label="On a hard breach"
          size="small"
          style={{ width: 160 }}
          disabled={disabled}
          value={value.onHardBreach}
          options={breachOptions}
          onChange={(onHardBreach) => onChange({ ...value, onHardBreach })}
        />
      </Flex>
      {breach && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {breach.explanation}
        </Typography.Text>
      )}
      <Errors messages={[...local.set, ...(server?.set ?? [])]} testId="limit-set-error" />
    </Flex>
  );
}

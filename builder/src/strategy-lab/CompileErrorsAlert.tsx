import { Alert, Button, Typography } from 'antd';
import type { CompileDiagnostic } from './compile-errors.ts';

interface Props {
  diagnostics: readonly CompileDiagnostic[];
  /** The save's message when it failed for another reason than the source. */
  saveError: string | undefined;
  /** The server refused type errors only: the source may still be kept as a draft. */
  draftAllowed: boolean;
  savingDraft: boolean;
  onSaveDraft: () => void;
  onJump: (at: { line: number; column: number }) => void;
}

/** Why the last save was refused, each problem a link to its place; type errors offer "Save as draft". */
export function CompileErrorsAlert({ diagnostics, saveError, draftAllowed, savingDraft, onSaveDraft, onJump }: Props) {
  if (diagnostics.length === 0 && !saveError) return null;
  const title =
    diagnostics.length === 0
      ? 'Not saved'
      : draftAllowed
        ? 'Not saved: the strategy has type errors'
        : 'The strategy does not compile';
  return (
    <Alert
      data-testid="compile-errors"
      type="error"
      showIcon
      title={title}
      description={
        diagnostics.length > 0 ? (
          <>
            <ul className="nautilus-lab-errors" style={{ margin: 0, paddingLeft: 18 }}>
              {diagnostics.map((item) => (
                <li key={`${item.line}:${item.column}:${item.message}`}>
                  <Typography.Link onClick={() => onJump({ line: item.line, column: item.column })}>
                    Line {item.line}, column {item.column}
                  </Typography.Link>
                  : {item.message}
                </li>
              ))}
            </ul>
            {draftAllowed && (
              <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
                A draft keeps your work as a version you can backtest, but it cannot be deployed until the errors are fixed.
              </Typography.Paragraph>
            )}
          </>
        ) : (
          saveError
        )
      }
      action={
        draftAllowed ? (
          <Button size="small" data-testid="save-draft" loading={savingDraft} onClick={onSaveDraft}>
            Save as draft
          </Button>
        ) : undefined
      }
    />
  );
}

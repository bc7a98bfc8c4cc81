import type { FieldIssue, LimitSet } from '@nautilus/sdk';
import { useEffect, useMemo, useRef, useState } from 'react';
import { type LimitSetDraft, limitSetDraft, limitSetDraftIssues, limitSetFromDraft } from '../risk/limit-form.ts';
import { readLabLimits, writeLabLimits } from './lab-limits.ts';

const storage = () => (typeof window === 'undefined' ? undefined : window.localStorage);

/**
 * The Lab's pre-trade limits for one strategy: whether they apply, the rows being edited, what is
 * wrong with them, and the limit set to send (undefined while off). Remembered per strategy in this
 * browser as they are edited.
 */
export function useLabLimits(strategyId: string) {
  const [state, setState] = useState(() => {
    const stored = readLabLimits(storage(), strategyId);
    return { enabled: stored?.enabled ?? false, draft: limitSetDraft(stored?.set) };
  });
  const first = useRef(true);
  useEffect(() => {
    // Nothing to remember before the first edit.
    if (first.current) {
      first.current = false;
      return;
    }
    writeLabLimits(storage(), strategyId, { enabled: state.enabled, set: limitSetFromDraft(state.draft) });
  }, [state, strategyId]);

  const issues: FieldIssue[] = useMemo(() => (state.enabled ? limitSetDraftIssues(state.draft) : []), [state]);
  const limits: LimitSet | undefined = useMemo(() => (state.enabled ? limitSetFromDraft(state.draft) : undefined), [state]);
  return {
    enabled: state.enabled,
    draft: state.draft,
    issues,
    limits,
    setEnabled: (enabled: boolean) => setState((current) => ({ ...current, enabled })),
    setDraft: (draft: LimitSetDraft) => setState((current) => ({ ...current, draft })),
  };
}

import type { FieldIssue } from '@nautilus/sdk';
import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { type Dispatch, type RefObject, useCallback, useState } from 'react';
import { describeApiError } from '../api/api-error.ts';
import { queryKeys } from '../api/query-keys.ts';
import { trpc } from '../api/trpc.ts';
import type { EditorAction, EditorState } from '../editor/editor-state.ts';
import type { SaveConflict } from '../editor/SaveConflictDialog.tsx';
import { navigate } from '../routing/navigation.ts';

type Busy = 'save' | 'copy' | 'overwrite';

/**
 * Saving over the version being edited, and what happens when that fails: a conflict dialog (someone
 * saved in between), a list of invalid fields, or a message. The local document is never dropped.
 */
export function useSaveFlow(id: string, editorRef: RefObject<EditorState>, dispatch: Dispatch<EditorAction>) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<Busy>();
  const [conflict, setConflict] = useState<SaveConflict>();
  const [problem, setProblem] = useState<{ message: string; fields: FieldIssue[] }>();

  const save = useCallback(
    async (overVersion?: number) => {
      if (busy) return;
      const { document, baseVersion } = editorRef.current;
      setBusy(overVersion === undefined ? 'save' : 'overwrite');
      try {
        const result = await trpc.dashboards.save.mutate({ id, baseVersion: overVersion ?? baseVersion, document });
        dispatch({ type: 'saved', version: result.version, document });
        setConflict(undefined);
        message.success(`Saved as version ${result.version}.`);
        void queryClient.invalidateQueries({ queryKey: queryKeys.dashboards });
      } catch (error) {
        const failure = describeApiError(error);
        if (failure.code === 'CONFLICT') {
          const details = failure.details ?? {};
          setConflict({
            currentVersion:
              typeof details.currentVersion === 'number' ? details.currentVersion : (overVersion ?? baseVersion) + 1,
            updatedBy: typeof details.updatedBy === 'string' ? details.updatedBy : null,
            updatedAt: typeof details.updatedAt === 'string' ? details.updatedAt : undefined,
            baseVersion,
          });
        } else if (failure.code === 'VALIDATION') {
          setProblem({ message: failure.message, fields: failure.fields });
        } else {
          message.error(`Not saved: ${failure.message} Your changes are kept.`);
        }
      } finally {
        setBusy(undefined);
      }
    },
    [busy, editorRef, id, dispatch, message, queryClient],
  );

  /** Creates a new dashboard from the local document and opens it; the original stays as the other user left it. */
  const saveCopy = useCallback(async () => {
    const { document } = editorRef.current;
    setBusy('copy');
    try {
      const title = `${document.title} (my copy)`.slice(0, 200);
      const created = await trpc.dashboards.create.mutate({ document: { ...document, title } });
      void queryClient.invalidateQueries({ queryKey: queryKeys.dashboards });
      message.success(`Your version is saved as “${title}”.`);
      setConflict(undefined);
      navigate({ name: 'dashboard', id: created.id, edit: true }, { force: true });
    } catch (error) {
      message.error(`The copy was not saved: ${describeApiError(error).message}`);
    } finally {
      setBusy(undefined);
    }
  }, [editorRef, message, queryClient]);

  return {
    busy,
    conflict,
    problem,
    save: () => save(),
    overwrite: () => conflict && save(conflict.currentVersion),
    saveCopy,
    dismissConflict: () => setConflict(undefined),
    dismissProblem: () => setProblem(undefined),
  };
}

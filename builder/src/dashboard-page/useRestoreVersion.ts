import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { type Dispatch, type RefObject, useState } from 'react';
import { describeApiError } from '../api/api-error.ts';
import { queryKeys } from '../api/query-keys.ts';
import { trpc } from '../api/trpc.ts';
import type { EditorAction, EditorState } from '../editor/editor-state.ts';
import { isDirty } from '../editor/editor-state.ts';

/**
 * Restores an old version (as a new version on the server) and reloads the editor from it, after
 * asking when that would throw away unsaved changes.
 */
export function useRestoreVersion(id: string, editorRef: RefObject<EditorState>, dispatch: Dispatch<EditorAction>) {
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const [restoring, setRestoring] = useState<number>();

  const restore = async (version: number): Promise<boolean> => {
    if (isDirty(editorRef.current)) {
      const confirmed = await modal.confirm({
        title: 'Discard your unsaved changes?',
        content: `Restoring version ${version} replaces what you are editing.`,
        okText: 'Restore',
        okButtonProps: { danger: true },
      });
      if (!confirmed) return false;
    }
    setRestoring(version);
    try {
      await trpc.dashboards.restore.mutate({ id, version, baseVersion: editorRef.current.baseVersion });
      const fresh = await trpc.dashboards.get.query({ id });
      dispatch({ type: 'load', version: fresh.version, document: fresh.document });
      queryClient.setQueryData(queryKeys.dashboard(id), fresh);
      void queryClient.invalidateQueries({ queryKey: queryKeys.dashboards });
      message.success(`Version ${version} restored; it is now version ${fresh.version}.`);
      return true;
    } catch (error) {
      message.error(`Not restored: ${describeApiError(error).message}`);
      void queryClient.invalidateQueries({ queryKey: queryKeys.dashboardHistory(id) });
      return false;
    } finally {
      setRestoring(undefined);
    }
  };

  return { restoring, restore };
}

import { App } from 'antd';
import { useEffect } from 'react';
import { navigate, setNavigationGuard } from '../routing/navigation.ts';

/**
 * While there are unsaved changes: the browser asks before the tab closes or reloads, and the app
 * asks before leaving this dashboard (switching between view and edit mode stays allowed).
 */
export function useUnsavedChangesGuard(dirty: boolean, dashboardId: string): void {
  const { modal } = App.useApp();

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  useEffect(() => {
    if (!dirty) return;
    return setNavigationGuard((next) => {
      // Same dashboard (mode switch), or a sign-in the app needs anyway: nothing to ask.
      if ((next.name === 'dashboard' && next.id === dashboardId) || next.name === 'login') return true;
      modal.confirm({
        title: 'Leave without saving?',
        content: 'Your changes to this dashboard are not saved yet. If you leave, they are lost.',
        okText: 'Leave',
        okButtonProps: { danger: true, 'data-testid': 'leave-confirm' } as never,
        cancelText: 'Stay',
        onOk: () => navigate(next, { force: true }),
      });
      return false;
    });
  }, [dirty, dashboardId, modal]);
}

import { App } from 'antd';
import { useEffect } from 'react';
import { navigate, setNavigationGuard } from './navigation.ts';
import type { Route } from './route.ts';

/**
 * While there are unsaved changes: the browser asks before the tab closes or reloads, and the app
 * asks before leaving the page, except to a route where the work stays on screen (`stays`, e.g. the
 * same dashboard in the other mode) or to the login page the app needs anyway.
 * @example useUnsavedChangesGuard(dirty, (next) => next.name === 'strategy' && next.id === id, 'this strategy')
 */
export function useUnsavedChangesGuard(dirty: boolean, stays: (next: Route) => boolean, what: string): void {
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
      if (stays(next) || next.name === 'login') return true;
      modal.confirm({
        title: 'Leave without saving?',
        content: `Your changes to ${what} are not saved yet. If you leave, they are lost.`,
        okText: 'Leave',
        okButtonProps: { danger: true, 'data-testid': 'leave-confirm' } as never,
        cancelText: 'Stay',
        onOk: () => navigate(next, { force: true }),
      });
      return false;
    });
  }, [dirty, stays, what, modal]);
}

import { App } from 'antd';
import { useEffect } from 'react';
import { navigate, setNavigationGuard } from '../routing/navigation.ts';

/**
 * While the editor holds unsaved text: the browser asks before the tab closes or reloads, and the
 * app asks before leaving this strategy.
 */
export function useLabUnsavedGuard(dirty: boolean, strategyId: string): void {
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
      if ((next.name === 'strategy' && next.id === strategyId) || next.name === 'login') return true;
      modal.confirm({
        title: 'Leave without saving?',
        content: 'Your changes to this strategy are not saved yet. If you leave, they are lost.',
        okText: 'Leave',
        okButtonProps: { danger: true, 'data-testid': 'leave-confirm' } as never,
        cancelText: 'Stay',
        onOk: () => navigate(next, { force: true }),
      });
      return false;
    });
  }, [dirty, strategyId, modal]);
}

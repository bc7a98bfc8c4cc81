import { useEffect } from 'react';
import { escapeStaysInField } from './escape-in-fields.ts';

/**
 * One rule for every dialog and drawer of the app: Escape in a field leaves the field (a second
 * Escape closes the dialog) instead of closing the dialog and losing what was typed. antd closes
 * dialogs from a window listener; this one runs before it, on the document, after the field's own
 * handlers (a Select closing its open list stops the key itself).
 */
export function useEscapeInFields(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.isComposing) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (!escapeStaysInField(target)) return;
      event.stopPropagation();
      target?.blur();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}

import { useEffect, useRef } from 'react';
import { type EditorShortcut, isTextEntry, shortcutFor } from '../editor/shortcuts.ts';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Ctrl/Cmd+S, Z, Shift+Z and Y while editing. Undo and redo leave text fields their own undo. */
export function useEditorShortcuts(enabled: boolean, handlers: Record<EditorShortcut, () => void>): void {
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const shortcut = shortcutFor(event, isMac);
      if (!shortcut) return;
      if (shortcut !== 'save' && isTextEntry(event.target)) return;
      event.preventDefault();
      handlersRef.current[shortcut]();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}

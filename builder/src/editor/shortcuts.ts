/** The editor's keyboard commands. */
export type EditorShortcut = 'save' | 'undo' | 'redo';

interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/**
 * The command a key press asks for: Ctrl+S (Cmd+S on a Mac) saves, Ctrl+Z undoes, Ctrl+Shift+Z and
 * Ctrl+Y redo.
 * @example shortcutFor({ key: 's', ctrlKey: true, metaKey: false, shiftKey: false, altKey: false }, false) // 'save'
 */
export function shortcutFor(event: KeyPress, isMac: boolean): EditorShortcut | undefined {
  const command = isMac ? event.metaKey : event.ctrlKey;
  if (!command || event.altKey) return undefined;
  const key = event.key.toLowerCase();
  if (key === 's' && !event.shiftKey) return 'save';
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !isMac && !event.shiftKey) return 'redo';
  return undefined;
}

/** True when the focus is in a text field, whose own undo should win over the dashboard's. */
export function isTextEntry(target: EventTarget | null): boolean {
  const element = target as { tagName?: string; isContentEditable?: boolean; type?: string } | null;
  if (!element?.tagName) return false;
  if (element.isContentEditable) return true;
  if (element.tagName === 'TEXTAREA') return true;
  return element.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit'].includes(element.type ?? 'text');
}

/**
 * What the trader did to the source while it was still the plain-text preview (Monaco loading):
 * where they clicked, and what they typed since. The editor applies it once it exists, so a click
 * or keys pressed during the hand-over are not lost.
 */
export interface EditorHandOver {
  /** 1-based, like Monaco's positions. */
  cursor?: { line: number; column: number };
  typed: string;
}

/** The text a key press adds, or undefined for keys that do not type (arrows, shortcuts, modifiers). */
export function typedText(key: string, modifiers: { ctrlKey: boolean; metaKey: boolean; altKey: boolean }): string | undefined {
  if (modifiers.ctrlKey || modifiers.metaKey || modifiers.altKey) return undefined;
  if (key === 'Enter') return '\n';
  if (key === 'Tab') return '  ';
  return [...key].length === 1 ? key : undefined;
}

/** Applies Backspace to what was typed so far (only what the hand-over itself typed). */
export function withKey(typed: string, key: string, modifiers: { ctrlKey: boolean; metaKey: boolean; altKey: boolean }): string {
  if (key === 'Backspace' && !modifiers.ctrlKey && !modifiers.metaKey && !modifiers.altKey)
    return [...typed].slice(0, -1).join('');
  return typed + (typedText(key, modifiers) ?? '');
}

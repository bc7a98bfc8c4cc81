import { describe, expect, it } from 'vitest';
import { isTextEntry, shortcutFor } from './shortcuts.ts';

const press = (key: string, modifiers: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...modifiers,
});

describe('shortcutFor', () => {
  it('reads Ctrl on Windows and Linux', () => {
    expect(shortcutFor(press('s', { ctrlKey: true }), false)).toBe('save');
    expect(shortcutFor(press('z', { ctrlKey: true }), false)).toBe('undo');
    expect(shortcutFor(press('Z', { ctrlKey: true, shiftKey: true }), false)).toBe('redo');
    expect(shortcutFor(press('y', { ctrlKey: true }), false)).toBe('redo');
  });

  it('reads Cmd on a Mac, where Ctrl+S is not a save', () => {
    expect(shortcutFor(press('s', { metaKey: true }), true)).toBe('save');
    expect(shortcutFor(press('z', { metaKey: true, shiftKey: true }), true)).toBe('redo');
    expect(shortcutFor(press('s', { ctrlKey: true }), true)).toBeUndefined();
  });

  it('ignores plain keys and Alt combinations', () => {
    expect(shortcutFor(press('s'), false)).toBeUndefined();
    expect(shortcutFor(press('z', { ctrlKey: true, altKey: true }), false)).toBeUndefined();
    expect(shortcutFor(press('x', { ctrlKey: true }), false)).toBeUndefined();
  });
});

describe('isTextEntry', () => {
  it('knows text fields from buttons and checkboxes', () => {
    expect(isTextEntry({ tagName: 'INPUT', type: 'text' } as never)).toBe(true);
    expect(isTextEntry({ tagName: 'TEXTAREA' } as never)).toBe(true);
    expect(isTextEntry({ tagName: 'DIV', isContentEditable: true } as never)).toBe(true);
    expect(isTextEntry({ tagName: 'INPUT', type: 'checkbox' } as never)).toBe(false);
    expect(isTextEntry({ tagName: 'BUTTON' } as never)).toBe(false);
    expect(isTextEntry(null)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { typedText, withKey } from './editor-hand-over.ts';

const plain = { ctrlKey: false, metaKey: false, altKey: false };

describe('keys pressed before the editor is ready', () => {
  it('keeps characters, Enter and Tab, and drops keys that do not type', () => {
    expect(typedText('a', plain)).toBe('a');
    expect(typedText('é', plain)).toBe('é');
    expect(typedText('Enter', plain)).toBe('\n');
    expect(typedText('Tab', plain)).toBe('  ');
    for (const key of ['ArrowLeft', 'Shift', 'Escape', 'F5']) expect(typedText(key, plain), key).toBeUndefined();
    expect(typedText('s', { ...plain, ctrlKey: true })).toBeUndefined();
    expect(typedText('s', { ...plain, metaKey: true })).toBeUndefined();
  });

  it('applies Backspace to what the hand-over typed, one character (not one UTF-16 unit) at a time', () => {
    let typed = '';
    for (const key of ['c', 't', 'x', '😀', 'Backspace', '.']) typed = withKey(typed, key, plain);
    expect(typed).toBe('ctx.');
    expect(withKey('', 'Backspace', plain)).toBe('');
  });
});

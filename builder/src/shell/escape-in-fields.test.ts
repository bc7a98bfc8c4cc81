import { describe, expect, it } from 'vitest';
import { DIALOG_SELECTOR, type EscapeTarget, escapeStaysInField } from './escape-in-fields.ts';

function element(
  tagName: string,
  options: { type?: string; role?: string; editable?: boolean; inDialog?: boolean } = {},
): EscapeTarget {
  return {
    tagName,
    type: options.type,
    isContentEditable: options.editable ?? false,
    getAttribute: (name) => (name === 'role' ? (options.role ?? null) : null),
    closest: (selector) => (selector === DIALOG_SELECTOR && options.inDialog !== false ? {} : null),
  };
}

describe('escapeStaysInField', () => {
  it('keeps the dialog open for Escape in a text input, a textarea, a select box or an editable area', () => {
    expect(escapeStaysInField(element('INPUT'))).toBe(true);
    expect(escapeStaysInField(element('INPUT', { type: 'number' }))).toBe(true);
    expect(escapeStaysInField(element('TEXTAREA'))).toBe(true);
    expect(escapeStaysInField(element('INPUT', { type: 'search', role: 'combobox' }))).toBe(true);
    expect(escapeStaysInField(element('DIV', { role: 'combobox' }))).toBe(true);
    expect(escapeStaysInField(element('DIV', { editable: true }))).toBe(true);
  });

  it('lets Escape close the dialog from buttons, checkboxes, radios and the dialog itself', () => {
    expect(escapeStaysInField(element('BUTTON'))).toBe(false);
    expect(escapeStaysInField(element('INPUT', { type: 'checkbox' }))).toBe(false);
    expect(escapeStaysInField(element('INPUT', { type: 'radio' }))).toBe(false);
    expect(escapeStaysInField(element('DIV', { role: 'dialog' }))).toBe(false);
    expect(escapeStaysInField(null)).toBe(false);
  });

  it('leaves Escape alone outside dialogs and drawers', () => {
    expect(escapeStaysInField(element('INPUT', { inDialog: false }))).toBe(false);
    expect(escapeStaysInField(element('TEXTAREA', { inDialog: false }))).toBe(false);
  });
});

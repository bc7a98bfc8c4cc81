/** What the Escape guard needs to know about the element a key was pressed in (a DOM element fits). */
export interface EscapeTarget {
  tagName: string;
  type?: string;
  isContentEditable?: boolean;
  getAttribute(name: string): string | null;
  closest(selector: string): unknown;
}

/** Dialogs and drawers that close on Escape (antd's, and any other element with the dialog role). */
export const DIALOG_SELECTOR = '.ant-modal-wrap, .ant-drawer, [role="dialog"]';

// Inputs with nothing typed into them: Escape there may close the dialog as usual.
const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);
const FIELD_ROLES = new Set(['combobox', 'textbox', 'spinbutton', 'searchbox']);

/**
 * True when Escape was pressed in a field someone types into, inside a dialog or drawer: the key
 * belongs to the field (leave it, close its list) and must not close the dialog and lose its edits.
 * @example escapeStaysInField(document.activeElement) // true in a Select inside a Modal
 */
export function escapeStaysInField(target: EscapeTarget | null): boolean {
  if (!target?.closest(DIALOG_SELECTOR)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select') return true;
  if (tag === 'input') return !NON_TEXT_INPUTS.has((target.type ?? 'text').toLowerCase());
  return FIELD_ROLES.has(target.getAttribute('role') ?? '');
}

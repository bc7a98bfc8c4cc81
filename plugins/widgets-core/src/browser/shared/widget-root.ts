import { ensureStyles } from './styles.ts';
import { paletteOf } from './theme.ts';

/** The message every widget shows when its query returned nothing, instead of an empty panel. */
export const NO_DATA_MESSAGE = 'No data in this range';

/** A div filling the builder's element, where a widget draws; the builder owns and sizes the element. */
export function createRoot(element: HTMLElement, kind: string): HTMLDivElement {
  ensureStyles(element.ownerDocument);
  const root = element.ownerDocument.createElement('div');
  root.className = `nwc-root nwc-${kind}`;
  element.append(root);
  return root;
}

/** Sets the theme's colours as CSS variables, which the stylesheet reads. */
export function applyTheme(root: HTMLElement, theme: string): void {
  const palette = paletteOf(theme);
  const variables: Record<string, string> = {
    '--nwc-bg': palette.background,
    '--nwc-text': palette.text,
    '--nwc-muted': palette.mutedText,
    '--nwc-grid': palette.grid,
    '--nwc-border': palette.border,
    '--nwc-header': palette.headerBackground,
    '--nwc-hover': palette.rowHover,
    '--nwc-link': palette.link,
  };
  for (const [name, value] of Object.entries(variables)) root.style.setProperty(name, value);
  root.dataset.theme = theme === 'light' ? 'light' : 'dark';
}

/** Shows a centred message over the widget (null hides it). */
export function setMessage(root: HTMLElement, message: string | null): void {
  let overlay = root.querySelector<HTMLElement>(':scope > .nwc-empty');
  if (message === null) {
    overlay?.remove();
    return;
  }
  if (!overlay) {
    overlay = root.ownerDocument.createElement('div');
    overlay.className = 'nwc-empty';
    overlay.setAttribute('role', 'status');
    root.append(overlay);
  }
  overlay.textContent = message;
}

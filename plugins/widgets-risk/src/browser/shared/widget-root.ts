import { ensureStyles } from './styles.ts';
import { type Palette, paletteOf } from './theme.ts';

/** What every widget shows when its query returned nothing, instead of an empty panel (as widgets-core does). */
export const NO_DATA_MESSAGE = 'No data in this range';

/** A div filling the builder's element, where a widget draws; the builder owns and sizes the element. */
export function createRoot(element: HTMLElement, kind: string): HTMLDivElement {
  ensureStyles(element.ownerDocument);
  const root = element.ownerDocument.createElement('div');
  root.className = `nrw-root nrw-${kind}`;
  element.append(root);
  return root;
}

/** Sets the theme's colours as CSS variables, which the stylesheet reads, and returns the palette for inline colours. */
export function applyTheme(root: HTMLElement, theme: string): Palette {
  const palette = paletteOf(theme);
  const variables: Record<string, string> = {
    '--nrw-bg': palette.background,
    '--nrw-text': palette.text,
    '--nrw-muted': palette.mutedText,
    '--nrw-grid': palette.grid,
    '--nrw-border': palette.border,
    '--nrw-header': palette.headerBackground,
    '--nrw-track': palette.track,
    '--nrw-accent': palette.accent,
  };
  for (const [name, value] of Object.entries(variables)) root.style.setProperty(name, value);
  root.dataset.theme = theme === 'light' ? 'light' : 'dark';
  return palette;
}

/** Shows a centred message over the widget (null hides it): no data, or data of the wrong shape. */
export function setMessage(root: HTMLElement, message: string | null): void {
  let overlay = root.querySelector<HTMLElement>(':scope > .nrw-message');
  if (message === null) {
    overlay?.remove();
    return;
  }
  if (!overlay) {
    overlay = root.ownerDocument.createElement('div');
    overlay.className = 'nrw-message';
    overlay.setAttribute('role', 'status');
    root.append(overlay);
  }
  overlay.textContent = message;
}

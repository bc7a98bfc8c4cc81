import { createWidgetRoot, setThemeVariables, setMessage as showMessage } from '@nautilus/widget-kit';
import { stylesheet } from './styles.ts';
import { type Palette, paletteOf } from './theme.ts';

export { NO_DATA_MESSAGE } from '@nautilus/widget-kit';

/** A div filling the builder's element, where a widget draws; the builder owns and sizes the element. */
export function createRoot(element: HTMLElement, kind: string): HTMLDivElement {
  return createWidgetRoot(element, `nrw-root nrw-${kind}`, stylesheet);
}

/** Sets the theme's colours as CSS variables, which the stylesheet reads, and returns the palette for inline colours. */
export function applyTheme(root: HTMLElement, theme: string): Palette {
  const palette = paletteOf(theme);
  setThemeVariables(root, theme, {
    '--nrw-bg': palette.background,
    '--nrw-text': palette.text,
    '--nrw-muted': palette.mutedText,
    '--nrw-grid': palette.grid,
    '--nrw-border': palette.border,
    '--nrw-header': palette.headerBackground,
    '--nrw-track': palette.track,
    '--nrw-accent': palette.accent,
  });
  return palette;
}

/** Shows a centred message over the widget (null hides it): no data, or data of the wrong shape. */
export function setMessage(root: HTMLElement, message: string | null): void {
  showMessage(root, message, 'nrw-message');
}

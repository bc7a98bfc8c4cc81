import { createWidgetRoot, setThemeVariables, setMessage as showMessage } from '@nautilus/widget-kit';
import { stylesheet } from './styles.ts';
import { paletteOf } from './theme.ts';

export { NO_DATA_MESSAGE } from '@nautilus/widget-kit';

/** A div filling the builder's element, where a widget draws; the builder owns and sizes the element. */
export function createRoot(element: HTMLElement, kind: string): HTMLDivElement {
  return createWidgetRoot(element, `nwc-root nwc-${kind}`, stylesheet);
}

/** Sets the theme's colours as CSS variables, which the stylesheet reads. */
export function applyTheme(root: HTMLElement, theme: string): void {
  const palette = paletteOf(theme);
  setThemeVariables(root, theme, {
    '--nwc-bg': palette.background,
    '--nwc-text': palette.text,
    '--nwc-muted': palette.mutedText,
    '--nwc-grid': palette.grid,
    '--nwc-border': palette.border,
    '--nwc-header': palette.headerBackground,
    '--nwc-hover': palette.rowHover,
    '--nwc-link': palette.link,
  });
}

/** Shows a centred message over the widget (null hides it). */
export function setMessage(root: HTMLElement, message: string | null): void {
  showMessage(root, message, 'nwc-empty');
}

import { neutralPalette, setThemeVariables } from '@nautilus/widget-kit';

/** The builder theme's neutral colours as the nan- stylesheet's variables. */
export function applyTheme(root: HTMLElement, theme: string): void {
  const palette = neutralPalette(theme);
  setThemeVariables(root, theme, {
    '--nan-bg': palette.background,
    '--nan-text': palette.text,
    '--nan-muted': palette.mutedText,
    '--nan-grid': palette.grid,
    '--nan-border': palette.border,
    '--nan-head': palette.headerBackground,
    '--nan-loss': theme === 'light' ? '#cf1322' : '#ff7875',
    '--nan-gain': theme === 'light' ? '#237804' : '#73d13d',
  });
}

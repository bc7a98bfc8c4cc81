/** The builder's two themes; a widget gets one in `props.theme`. */
export type ThemeName = 'dark' | 'light';

/** The theme a widget draws in: anything but 'light' is dark, the builder's default. */
export const themeName = (theme: string): ThemeName => (theme === 'light' ? 'light' : 'dark');

/**
 * The neutral colours of a builder theme, which every widget shares so panels from different plugins
 * sit in one dashboard. Dark matches the builder's dark canvas (#141414). A plugin adds its own colours
 * (series, status) on top.
 */
export interface NeutralPalette {
  background: string;
  text: string;
  mutedText: string;
  grid: string;
  border: string;
  headerBackground: string;
}

const neutral: Record<ThemeName, NeutralPalette> = {
  dark: {
    background: '#141414',
    text: '#e6e6e6',
    mutedText: '#8c8c8c',
    grid: '#232323',
    border: '#303030',
    headerBackground: '#1c1c1c',
  },
  light: {
    background: '#ffffff',
    text: '#1f1f1f',
    mutedText: '#6b6b6b',
    grid: '#f0f0f0',
    border: '#e3e3e3',
    headerBackground: '#fafafa',
  },
};

/** The neutral palette of a theme. */
export const neutralPalette = (theme: string): NeutralPalette => neutral[themeName(theme)];

/** `#rrggbb` with an alpha, for fills (area charts, volume bars) that must not hide what is behind them. */
export function withAlpha(hexColor: string, alpha: number): string {
  const match = /^#([0-9a-f]{6})$/i.exec(hexColor);
  if (!match) return hexColor;
  const value = Number.parseInt(match[1]!, 16);
  return `rgba(${value >> 16}, ${(value >> 8) & 255}, ${value & 255}, ${alpha})`;
}

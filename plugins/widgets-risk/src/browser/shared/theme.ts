import { type NeutralPalette, neutralPalette, type ThemeName, themeName } from '@nautilus/widget-kit';

/** Colours of one builder theme: the widget kit's neutral ones, shared with widgets-core, and the risk widgets' own. */
export interface Palette extends NeutralPalette {
  /** The empty part of a limit bar. */
  track: string;
  /** Selected method, focus rings. */
  accent: string;
  /** Limit status and traffic-light colours: within limits, past the warning level, in breach. */
  ok: string;
  warn: string;
  breach: string;
  /** P&L: gains, losses (the candlestick's up and down colours) and the waterfall's total. */
  up: string;
  down: string;
  total: string;
}

const own: Record<ThemeName, Omit<Palette, keyof NeutralPalette>> = {
  dark: {
    track: '#262626',
    accent: '#4e9bff',
    ok: '#3fb950',
    warn: '#d29922',
    breach: '#f85149',
    up: '#26a69a',
    down: '#ef5350',
    total: '#4e9bff',
  },
  light: {
    track: '#eeeeee',
    accent: '#1f6feb',
    ok: '#1a7f37',
    warn: '#bf8700',
    breach: '#cf222e',
    up: '#26a69a',
    down: '#ef5350',
    total: '#1f6feb',
  },
};

const palettes: Record<ThemeName, Palette> = {
  dark: { ...neutralPalette('dark'), ...own.dark },
  light: { ...neutralPalette('light'), ...own.light },
};

/** The palette of a theme; anything but 'light' is dark, the builder's default. */
export const paletteOf = (theme: string): Palette => palettes[themeName(theme)];

import { type NeutralPalette, neutralPalette, type ThemeName, themeName } from '@nautilus/widget-kit';

/** Colours of one builder theme: the widget kit's neutral ones, shared by every widget plugin, and the charts' own. */
export interface Palette extends NeutralPalette {
  rowHover: string;
  link: string;
  /** Line colours, in the order series are assigned them. */
  series: readonly string[];
  sma: string;
  ema: string;
  bollinger: string;
}

const own: Record<ThemeName, Omit<Palette, keyof NeutralPalette>> = {
  dark: {
    rowHover: '#1f1f1f',
    link: '#69b1ff',
    series: ['#4e9bff', '#f5a623', '#b388ff', '#26c6da', '#ff7a8a', '#9ccc65', '#ffd54f', '#90a4ae'],
    sma: '#f5a623',
    ema: '#4e9bff',
    bollinger: '#b388ff',
  },
  light: {
    rowHover: '#f5f7fa',
    link: '#1668dc',
    series: ['#1f6feb', '#d46b08', '#722ed1', '#08979c', '#c41d7f', '#389e0d', '#ad8b00', '#595959'],
    sma: '#d46b08',
    ema: '#1f6feb',
    bollinger: '#722ed1',
  },
};

const palettes: Record<ThemeName, Palette> = {
  dark: { ...neutralPalette('dark'), ...own.dark },
  light: { ...neutralPalette('light'), ...own.light },
};

/** The palette of a theme; anything but 'light' is dark, the builder's default. */
export const paletteOf = (theme: string): Palette => palettes[themeName(theme)];

/** Colours of one builder theme. Dark matches the builder's dark canvas (#141414). */
export interface Palette {
  background: string;
  text: string;
  mutedText: string;
  grid: string;
  border: string;
  headerBackground: string;
  rowHover: string;
  link: string;
  /** Line colours, in the order series are assigned them. */
  series: readonly string[];
  sma: string;
  ema: string;
  bollinger: string;
}

const dark: Palette = {
  background: '#141414',
  text: '#e6e6e6',
  mutedText: '#8c8c8c',
  grid: '#232323',
  border: '#303030',
  headerBackground: '#1c1c1c',
  rowHover: '#1f1f1f',
  link: '#69b1ff',
  series: ['#4e9bff', '#f5a623', '#b388ff', '#26c6da', '#ff7a8a', '#9ccc65', '#ffd54f', '#90a4ae'],
  sma: '#f5a623',
  ema: '#4e9bff',
  bollinger: '#b388ff',
};

const light: Palette = {
  background: '#ffffff',
  text: '#1f1f1f',
  mutedText: '#6b6b6b',
  grid: '#f0f0f0',
  border: '#e3e3e3',
  headerBackground: '#fafafa',
  rowHover: '#f5f7fa',
  link: '#1668dc',
  series: ['#1f6feb', '#d46b08', '#722ed1', '#08979c', '#c41d7f', '#389e0d', '#ad8b00', '#595959'],
  sma: '#d46b08',
  ema: '#1f6feb',
  bollinger: '#722ed1',
};

/** The palette of a theme; anything but 'light' is dark, the builder's default. */
export const paletteOf = (theme: string): Palette => (theme === 'light' ? light : dark);

/** `#rrggbb` with an alpha, for fills (area charts, volume bars) that must not hide what is behind them. */
export function withAlpha(hexColor: string, alpha: number): string {
  const match = /^#([0-9a-f]{6})$/i.exec(hexColor);
  if (!match) return hexColor;
  const value = Number.parseInt(match[1]!, 16);
  return `rgba(${value >> 16}, ${(value >> 8) & 255}, ${value & 255}, ${alpha})`;
}

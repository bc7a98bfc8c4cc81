/** Colours of one builder theme. The neutral ones match widgets-core, so risk panels sit in the same dashboard. */
export interface Palette {
  background: string;
  text: string;
  mutedText: string;
  grid: string;
  border: string;
  headerBackground: string;
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

const dark: Palette = {
  background: '#141414',
  text: '#e6e6e6',
  mutedText: '#8c8c8c',
  grid: '#232323',
  border: '#303030',
  headerBackground: '#1c1c1c',
  track: '#262626',
  accent: '#4e9bff',
  ok: '#3fb950',
  warn: '#d29922',
  breach: '#f85149',
  up: '#26a69a',
  down: '#ef5350',
  total: '#4e9bff',
};

const light: Palette = {
  background: '#ffffff',
  text: '#1f1f1f',
  mutedText: '#6b6b6b',
  grid: '#f0f0f0',
  border: '#e3e3e3',
  headerBackground: '#fafafa',
  track: '#eeeeee',
  accent: '#1f6feb',
  ok: '#1a7f37',
  warn: '#bf8700',
  breach: '#cf222e',
  up: '#26a69a',
  down: '#ef5350',
  total: '#1f6feb',
};

/** The palette of a theme; anything but 'light' is dark, the builder's default. */
export const paletteOf = (theme: string): Palette => (theme === 'light' ? light : dark);

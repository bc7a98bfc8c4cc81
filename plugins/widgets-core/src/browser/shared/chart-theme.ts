import { type ChartOptions, ColorType, type DeepPartial } from 'lightweight-charts';
import { paletteOf } from './theme.ts';

/**
 * The theme-dependent options of a lightweight-charts chart. The TradingView attribution logo stays on:
 * the library's licence asks for it unless the app links to TradingView elsewhere.
 */
export function chartThemeOptions(theme: string): DeepPartial<ChartOptions> {
  const palette = paletteOf(theme);
  const crosshairLabel = { labelBackgroundColor: theme === 'light' ? '#595959' : '#3a3a3a' };
  return {
    layout: {
      background: { type: ColorType.Solid, color: palette.background },
      textColor: palette.text,
      fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
      attributionLogo: true,
    },
    grid: { vertLines: { color: palette.grid }, horzLines: { color: palette.grid } },
    rightPriceScale: { borderColor: palette.border },
    timeScale: { borderColor: palette.border },
    crosshair: { vertLine: crosshairLabel, horzLine: crosshairLabel },
  };
}

/** Bar spacing (px) of the default view: enough for a candle body, wick and gap to read. */
export const DEFAULT_BAR_SPACING = 6;

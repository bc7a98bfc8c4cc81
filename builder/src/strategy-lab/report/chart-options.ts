import { type ChartOptions, ColorType, type DeepPartial } from 'lightweight-charts';

/** Colours of the report's charts per builder theme: transparent, so they sit on the card. */
export function chartOptions(mode: 'dark' | 'light', intraday: boolean): DeepPartial<ChartOptions> {
  const dark = mode === 'dark';
  return {
    autoSize: true,
    layout: {
      background: { type: ColorType.Solid, color: 'transparent' },
      textColor: dark ? '#bfbfbf' : '#434343',
      attributionLogo: false,
    },
    grid: { vertLines: { color: dark ? '#232323' : '#f0f0f0' }, horzLines: { color: dark ? '#232323' : '#f0f0f0' } },
    rightPriceScale: { borderColor: dark ? '#303030' : '#e3e3e3' },
    timeScale: { borderColor: dark ? '#303030' : '#e3e3e3', timeVisible: intraday, secondsVisible: false },
    // Bar times are UTC, as the tables show them.
    localization: { locale: 'en-US' },
  };
}

/** Line colours for the runs of a comparison, and for buy & hold (grey, dashed). */
export const SERIES_COLORS = ['#1677ff', '#fa8c16', '#13c2c2', '#eb2f96', '#a0d911', '#722ed1', '#fadb14', '#2f54eb'];
export const BUY_AND_HOLD_COLOR = '#8c8c8c';

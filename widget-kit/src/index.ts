export { afterPaint } from './after-paint.ts';
export { drawnInstance } from './drawn-instance.ts';
export { formatCompactMoney, formatExactMoney, formatMoney, formatSignedMoney } from './money-format.ts';
export {
  COMPACT_FROM,
  DASH,
  formatAmount,
  formatCellNumber,
  formatConfidence,
  formatNumber,
  formatPercent,
  formatSignedNumber,
  formatSignedPercent,
  numberFormat,
} from './number-format.ts';
export { pricePrecision } from './price-precision.ts';
export { type NeutralPalette, neutralPalette, type ThemeName, themeName, withAlpha } from './theme.ts';
export { formatUtcTime } from './time-format.ts';
export { TOUCH_HINT, type TouchGestures, touchGestures } from './touch-gestures.ts';
export {
  formatChange,
  formatValue,
  formatVolume,
  isPercentUnit,
  PERCENT_DECIMALS,
  valueDecimals,
  valuePriceFormat,
} from './value-format.ts';
export {
  createWidgetRoot,
  ensureStylesheet,
  NO_DATA_MESSAGE,
  type Stylesheet,
  setMessage,
  setThemeVariables,
} from './widget-root.ts';

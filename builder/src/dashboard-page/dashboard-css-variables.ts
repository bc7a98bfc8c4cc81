import type { GlobalToken } from 'antd';
import type { CSSProperties } from 'react';

/** The theme's colours as the CSS variables the dashboard's stylesheet reads. */
export function dashboardCssVariables(token: GlobalToken): CSSProperties {
  return {
    '--n-bg': token.colorBgContainer,
    '--n-panel-bg': token.colorBgElevated,
    '--n-border': token.colorBorderSecondary,
    '--n-text-muted': token.colorTextSecondary,
    '--n-accent': token.colorPrimary,
    '--n-error': token.colorError,
    '--n-fill': token.colorFillTertiary,
    '--n-grid-line': token.colorFillQuaternary,
  } as CSSProperties;
}

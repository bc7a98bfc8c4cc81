import type { Stylesheet } from '@nautilus/widget-kit';

// Prefix nan- (Nautilus analytics) keeps clear of the other widget bundles' classes on the same page.
// Every widget scrolls inside its panel (.nan-scroll), never the page: the heatmap's cells keep a
// readable width and scroll sideways on a phone with the year column pinned.
const CSS = `
.nan-root{position:relative;width:100%;height:100%;overflow:hidden;box-sizing:border-box;display:flex;flex-direction:column;background:var(--nan-bg);color:var(--nan-text);font:12px/1.4 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}
.nan-root *{box-sizing:border-box}
.nan-scroll{flex:1;min-height:0;overflow:auto;overscroll-behavior:contain}
.nan-message{position:absolute;inset:0;display:flex;align-items:center;justify-content:center;padding:12px;text-align:center;color:var(--nan-muted);background:var(--nan-bg);z-index:3}
.nan-metrics,.nan-effects{width:100%;border-collapse:collapse}
.nan-metrics th,.nan-metrics td{padding:4px 8px;border-bottom:1px solid var(--nan-grid);vertical-align:top}
.nan-metrics th{text-align:left;font-weight:400;cursor:help}
.nan-metrics td{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.nan-metrics tr:hover,.nan-metrics tr:focus{background:var(--nan-head);outline:none}
.nan-formula{color:var(--nan-muted);font-size:11px}
[data-sign=negative]{color:var(--nan-loss)}
.nan-detail{flex:none;max-height:40%;overflow:auto;padding:6px 8px;border-top:1px solid var(--nan-border);background:var(--nan-head);font-size:11px;overflow-wrap:anywhere}
.nan-detail[hidden]{display:none}
.nan-grid{border-collapse:separate;border-spacing:1px;font-variant-numeric:tabular-nums}
.nan-grid th{padding:3px 4px;color:var(--nan-muted);font-weight:400;text-align:center;background:var(--nan-bg)}
.nan-grid tbody th{position:sticky;left:0;z-index:1;text-align:left}
.nan-grid thead th:first-child{position:sticky;left:0;z-index:2}
.nan-grid td{min-width:42px;padding:3px 4px;text-align:center;white-space:nowrap;border-radius:2px}
.nan-grid td.nan-total{font-weight:600;border-left:2px solid var(--nan-bg)}
.nan-legend{flex:none;padding:4px 8px;color:var(--nan-muted);font-size:11px}
.nan-swatch{display:inline-block;width:10px;height:10px;border-radius:2px;vertical-align:-1px}
.nan-chart,.nan-waterfall{display:block;flex:none}
.nan-area{fill:var(--nan-loss);fill-opacity:.35;stroke:var(--nan-loss);stroke-width:1}
.nan-period{fill:var(--nan-muted);fill-opacity:.14}
.nan-trough{fill:var(--nan-loss)}
.nan-depth{fill:var(--nan-text);font-size:10px}
.nan-axis{stroke:var(--nan-border)}
.nan-tick{fill:var(--nan-muted);font-size:10px}
.nan-bar-up{fill:var(--nan-gain)}
.nan-bar-down{fill:var(--nan-loss)}
.nan-bar-total{fill:#1677ff}
.nan-check{flex:none;padding:2px 8px 4px;color:var(--nan-muted);font-size:11px}
.nan-effects th,.nan-effects td{padding:3px 6px;border-bottom:1px solid var(--nan-grid);text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.nan-effects th:first-child{text-align:left;font-weight:400}
.nan-effects thead th{color:var(--nan-muted);font-weight:400;position:sticky;top:0;background:var(--nan-bg)}
`;

export const stylesheet: Stylesheet = { id: 'nautilus-widgets-analytics-styles', css: CSS };

import type { Stylesheet } from '@nautilus/widget-kit';

// One stylesheet for every widget, added to the page once. The builder's CSP allows inline styles
// (antd needs them); a CSS file next to the bundle would need the builder to load it separately.
const CSS = `
.nwc-root{position:relative;width:100%;height:100%;overflow:hidden;box-sizing:border-box;background:var(--nwc-bg);color:var(--nwc-text);font:13px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}
.nwc-root *{box-sizing:border-box}
.nwc-num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.nwc-time{font-variant-numeric:tabular-nums;white-space:nowrap}
.nwc-empty{position:absolute;inset:0;display:flex;align-items:center;justify-content:center;padding:12px;text-align:center;color:var(--nwc-muted);background:var(--nwc-bg);z-index:3}
.nwc-legend{position:absolute;top:6px;left:8px;z-index:2;display:flex;flex-wrap:wrap;gap:4px 12px;max-width:calc(100% - 80px);pointer-events:none;font-size:12px}
.nwc-legend-item{display:inline-flex;align-items:center;gap:6px}
.nwc-legend-swatch{width:10px;height:3px;border-radius:1px}
.nwc-legend-row{display:flex;flex-wrap:wrap;gap:2px 10px}
.nwc-narrow .nwc-legend-overlays{display:none}
.nwc-legend-candle{flex-direction:column;gap:2px}
.nwc-legend-candle,.nwc-legend-values{padding:2px 6px;border-radius:4px;background:color-mix(in srgb,var(--nwc-bg) 78%,transparent)}
.nwc-legend-label{color:var(--nwc-muted)}
.nwc-legend-candle .nwc-legend-item{gap:3px}
.nwc-legend-value{font-variant-numeric:tabular-nums;white-space:nowrap}
.nwc-touch-hint{position:absolute;left:50%;top:50%;transform:translate(-50%,-50%);z-index:4;padding:6px 12px;border-radius:6px;background:rgba(0,0,0,.78);color:#fff;font-size:13px;white-space:nowrap;pointer-events:none}
.nwc-touch-hint[hidden]{display:none}
.nwc-root.is-touch-active::after{content:'';position:absolute;inset:0;border:2px solid var(--nwc-link);border-radius:2px;pointer-events:none;z-index:4}
.nwc-table-scroll{width:100%;height:100%;overflow:auto}
.nwc-table{border-collapse:collapse;width:100%;font-size:12px}
.nwc-table th{position:sticky;top:0;z-index:1;background:var(--nwc-header);border-bottom:1px solid var(--nwc-border);padding:0;font-weight:600;text-align:left}
.nwc-table th button{all:unset;box-sizing:border-box;display:block;width:100%;padding:6px 5px;cursor:pointer;white-space:nowrap}
.nwc-table th button:focus-visible{outline:2px solid var(--nwc-link);outline-offset:-2px}
.nwc-table th.nwc-num button{text-align:right}
.nwc-table td{padding:4px 5px;border-bottom:1px solid var(--nwc-grid)}
.nwc-table tbody tr:hover{background:var(--nwc-hover)}
.nwc-sort-arrow{display:inline-block;width:1em;color:var(--nwc-muted)}
.nwc-table-footer{padding:6px 10px;color:var(--nwc-muted);font-size:12px}
.nwc-stat{height:100%;display:flex;flex-direction:column;justify-content:center;align-items:center;gap:2px;padding:8px;text-align:center}
.nwc-root.nwc-stat{padding:0}
.nwc-stat-label{flex:none;color:var(--nwc-muted);font-size:13px;line-height:1.25;max-width:100%;overflow:hidden;overflow-wrap:anywhere;display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2}
.nwc-stat-label[hidden]{display:none}
.nwc-stat-value{flex:none;font-weight:600;line-height:1.1;font-variant-numeric:tabular-nums;white-space:nowrap}
.nwc-stat-change{font-variant-numeric:tabular-nums;white-space:nowrap}
.nwc-text{height:100%;overflow:auto;padding:10px 14px;overflow-wrap:anywhere}
.nwc-text>:first-child{margin-top:0}
.nwc-text a{color:var(--nwc-link)}
.nwc-text code,.nwc-text pre{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;background:var(--nwc-header);border-radius:3px}
.nwc-text code{padding:1px 4px}
.nwc-text pre{padding:8px;overflow:auto}
.nwc-text table{border-collapse:collapse}
.nwc-text th,.nwc-text td{border:1px solid var(--nwc-border);padding:3px 8px}
.nwc-text img{max-width:100%}
.nwc-depth{display:flex;flex-direction:column;font-size:12px}
.nwc-depth-head{flex:none;min-height:46px;padding:4px 8px 2px;display:flex;flex-direction:column;gap:2px;border-bottom:1px solid var(--nwc-grid)}
.nwc-depth-head[hidden],.nwc-depth-body[hidden],.nwc-depth-chart[hidden]{display:none}
.nwc-depth-figures{display:flex;flex-wrap:wrap;align-items:center;gap:0 12px;min-width:0}
.nwc-depth-figure{display:inline-flex;flex:none;gap:5px;white-space:nowrap}
.nwc-depth-label,.nwc-depth-meta{color:var(--nwc-muted)}
.nwc-depth-meta{font-size:11px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;font-variant-numeric:tabular-nums}
.nwc-depth-group{margin-left:auto;flex:none;font:inherit;font-size:11px;color:var(--nwc-text);background:var(--nwc-bg);border:1px solid var(--nwc-border);border-radius:4px;padding:1px 2px;max-width:110px}
.nwc-depth-body{flex:1;min-height:0;display:flex;flex-direction:column;gap:6px;padding:0 4px 4px}
.nwc-depth-wide .nwc-depth-body{flex-direction:row}
.nwc-depth-ladder{border-collapse:collapse;width:100%;table-layout:fixed;flex:none}
.nwc-depth-wide .nwc-depth-ladder{width:auto;min-width:260px;max-width:340px}
.nwc-depth-ladder th{font-weight:500;color:var(--nwc-muted);padding:2px 6px;height:19px}
.nwc-depth-ladder td{padding:0 6px;height:19px;line-height:19px;overflow:hidden}
.nwc-depth-ladder tr.nwc-depth-bid,.nwc-depth-ladder tr.nwc-depth-ask{background:linear-gradient(to left,color-mix(in srgb,var(--nwc-depth-color) 22%,transparent) var(--nwc-depth-share),transparent var(--nwc-depth-share))}
.nwc-depth-spread td{text-align:center;color:var(--nwc-muted);font-size:11px;border-top:1px solid var(--nwc-grid);border-bottom:1px solid var(--nwc-grid)}
.nwc-depth-chart{flex:1;min-width:0;min-height:0;display:block}
`;

/** Added to the page once, by the first widget that mounts (see the widget kit's createWidgetRoot). */
export const stylesheet: Stylesheet = { id: 'nautilus-widgets-core-style', css: CSS };

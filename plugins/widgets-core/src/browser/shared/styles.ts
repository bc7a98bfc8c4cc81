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
.nwc-table-scroll{width:100%;height:100%;overflow:auto}
.nwc-table{border-collapse:collapse;width:100%}
.nwc-table th{position:sticky;top:0;z-index:1;background:var(--nwc-header);border-bottom:1px solid var(--nwc-border);padding:0;font-weight:600;text-align:left}
.nwc-table th button{all:unset;box-sizing:border-box;display:block;width:100%;padding:6px 10px;cursor:pointer;white-space:nowrap}
.nwc-table th button:focus-visible{outline:2px solid var(--nwc-link);outline-offset:-2px}
.nwc-table th.nwc-num button{text-align:right}
.nwc-table td{padding:4px 10px;border-bottom:1px solid var(--nwc-grid)}
.nwc-table tbody tr:hover{background:var(--nwc-hover)}
.nwc-sort-arrow{display:inline-block;width:1em;color:var(--nwc-muted)}
.nwc-table-footer{padding:6px 10px;color:var(--nwc-muted);font-size:12px}
.nwc-stat{height:100%;display:flex;flex-direction:column;justify-content:center;align-items:center;gap:2px;padding:8px;text-align:center}
.nwc-stat-label{color:var(--nwc-muted);font-size:13px;max-width:100%;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.nwc-stat-value{font-weight:600;line-height:1.1;font-variant-numeric:tabular-nums;white-space:nowrap}
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
`;

const STYLE_ID = 'nautilus-widgets-core-style';

/** Adds the widgets' stylesheet to the element's document unless it is there already. */
export function ensureStyles(document: Document): void {
  if (document.getElementById(STYLE_ID)) return;
  const style = document.createElement('style');
  style.id = STYLE_ID;
  style.textContent = CSS;
  document.head.append(style);
}

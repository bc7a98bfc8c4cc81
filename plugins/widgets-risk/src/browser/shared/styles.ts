import type { Stylesheet } from '@nautilus/widget-kit';

// One stylesheet for the four widgets, added to the page once. The builder's CSP allows inline styles;
// a CSS file next to the bundle would need the builder to load it separately. Prefix nrw- (Nautilus risk
// widgets) keeps clear of widgets-core's nwc- classes on the same page. The `[hidden]` rule lets the
// attribute hide flex containers (the tile, badges), whose display would otherwise win over it.
const CSS = `
.nrw-root{position:relative;width:100%;height:100%;overflow:hidden;box-sizing:border-box;background:var(--nrw-bg);color:var(--nrw-text);font:13px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}
.nrw-root *{box-sizing:border-box}
.nrw-root [hidden]{display:none!important}
.nrw-num{font-variant-numeric:tabular-nums;white-space:nowrap}
.nrw-message{position:absolute;inset:0;display:flex;align-items:center;justify-content:center;padding:12px;text-align:center;color:var(--nrw-muted);background:var(--nrw-bg);z-index:3}
.nrw-heatmap{display:flex;flex-direction:column}
.nrw-heatmap-body{flex:1;min-height:0;padding:4px 6px 0}
.nrw-heatmap-table{width:100%;height:100%;table-layout:fixed;border-collapse:separate;border-spacing:1px}
.nrw-heatmap-table th{font-weight:500;color:var(--nrw-muted);font-size:11px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;padding:0 4px}
.nrw-heatmap-table thead th{height:20px;text-align:center}
.nrw-heatmap-table tbody th{text-align:right}
.nrw-heatmap-table td{text-align:center;font-size:11px;font-variant-numeric:tabular-nums;overflow:hidden;white-space:nowrap;border-radius:2px;padding:0}
.nrw-heatmap[data-values=hidden] .nrw-heatmap-value{visibility:hidden}
.nrw-legend{display:flex;align-items:center;gap:8px;padding:4px 8px 6px;font-size:11px;color:var(--nrw-muted)}
.nrw-legend-bar{flex:0 1 180px;height:8px;border-radius:2px}
.nrw-var{container-type:size}
.nrw-var-tile{height:100%;display:flex;flex-direction:column;justify-content:center;gap:clamp(4px,3cqh,12px);padding:8px 12px}
.nrw-segmented{display:inline-flex;align-self:flex-start;border:1px solid var(--nrw-border);border-radius:6px;overflow:hidden}
.nrw-segmented button{all:unset;box-sizing:border-box;padding:2px 10px;font-size:12px;cursor:pointer;color:var(--nrw-muted)}
.nrw-segmented button+button{border-left:1px solid var(--nrw-border)}
.nrw-segmented button[aria-pressed=true]{background:var(--nrw-accent);color:#fff}
.nrw-segmented button:focus-visible{outline:2px solid var(--nrw-accent);outline-offset:-2px}
.nrw-var-figures{display:flex;gap:clamp(12px,6cqw,40px);flex-wrap:wrap}
.nrw-var-label{color:var(--nrw-muted);font-size:12px}
.nrw-var-money{font-weight:600;line-height:1.15;font-size:clamp(16px,min(13cqh,6.5cqw),40px)}
.nrw-var-pct{color:var(--nrw-muted);font-size:12px}
.nrw-var-meta{color:var(--nrw-muted);font-size:12px}
.nrw-badge{display:inline-flex;align-self:flex-start;align-items:center;gap:6px;padding:1px 8px;border:1px solid;border-radius:10px;font-size:12px}
.nrw-badge-dot{width:8px;height:8px;border-radius:50%}
.nrw-limits{overflow:auto}
.nrw-limit-list{list-style:none;margin:0;padding:6px 10px;display:flex;flex-direction:column;gap:10px}
.nrw-limit-head{display:flex;justify-content:space-between;gap:8px;font-size:12px}
.nrw-limit-text{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.nrw-limit-name{font-weight:600}
.nrw-limit-status{font-weight:600;white-space:nowrap}
.nrw-limit-track{position:relative;height:8px;margin-top:3px;border-radius:4px;background:var(--nrw-track)}
.nrw-limit-fill{height:100%;border-radius:4px}
.nrw-limit-tick{position:absolute;top:-3px;bottom:-3px;width:2px;margin-left:-1px;background:var(--nrw-text)}
.nrw-footer{padding:0 10px 6px;color:var(--nrw-muted);font-size:12px}
.nrw-waterfall svg{display:block}
.nrw-waterfall text{fill:var(--nrw-muted);font-size:11px;font-variant-numeric:tabular-nums}
`;

/** Added to the page once, by the first widget that mounts (see the widget kit's createWidgetRoot). */
export const stylesheet: Stylesheet = { id: 'nautilus-widgets-risk-style', css: CSS };

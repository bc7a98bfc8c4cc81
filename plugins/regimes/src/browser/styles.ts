import type { Stylesheet } from '@nautilus/widget-kit';

// Prefix nrg- (Nautilus regimes) keeps clear of the other widget bundles' classes on the same page.
// The legend wraps, so six entries fit a 390 px phone in two or three rows; the chart takes the rest.
const CSS = `
.nrg-root{position:relative;width:100%;height:100%;overflow:hidden;box-sizing:border-box;display:flex;flex-direction:column;background:var(--nrg-bg);color:var(--nrg-text);font:12px/1.4 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}
.nrg-root *{box-sizing:border-box}
.nrg-now{padding:4px 8px 0;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.nrg-now b{font-weight:600}
.nrg-chart{flex:1;min-height:24px;display:block}
.nrg-legend{list-style:none;margin:0;padding:2px 8px 6px;display:flex;flex-wrap:wrap;gap:2px 12px;color:var(--nrg-muted);font-size:11px}
.nrg-legend li{display:inline-flex;align-items:center;gap:4px;white-space:nowrap}
.nrg-swatch{width:10px;height:10px;border-radius:2px;display:inline-block}
.nrg-message{position:absolute;inset:0;display:flex;align-items:center;justify-content:center;padding:12px;text-align:center;color:var(--nrg-muted);background:var(--nrg-bg);z-index:3}
`;

export const stylesheet: Stylesheet = { id: 'nautilus-regimes-styles', css: CSS };

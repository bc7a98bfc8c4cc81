import { Tag, Tooltip } from 'antd';
import { describeGap, type ProvenanceSummary, providerLabel } from '../data/provenance.ts';

/**
 * Where a panel's bars came from, in its header: the source(s), "cached" when nothing was fetched,
 * "adj." for adjusted prices, the gaps against the session calendar and a red STALE when a provider
 * failed and stored bars are shown. Each tag explains itself on hover.
 */
export function ProvenanceBadge({ panelId, summary }: { panelId: string; summary: ProvenanceSummary }) {
  const sources = summary.sources.map(providerLabel).join(' → ') || 'no source';
  return (
    <span className="nautilus-panel-provenance" data-testid={`panel-provenance-${panelId}`}>
      <Tooltip
        title={`Bars from ${summary.sources.join(', ') || 'no source'}${summary.allCached ? ', all from the bars cache' : ''}; ${
          summary.adjusted ? 'adjusted for splits and dividends' : 'prices as traded (not adjusted)'
        }.`}
      >
        <Tag className="nautilus-provenance-tag" data-testid={`panel-source-${panelId}`}>
          {sources}
          {summary.allCached ? ' · cached' : ''}
          {summary.adjusted ? ' · adj.' : ''}
        </Tag>
      </Tooltip>
      {summary.gapCount > 0 && (
        <Tooltip
          title={`${summary.gapCount} gap${summary.gapCount === 1 ? '' : 's'} against the ${summary.calendar} calendar: ${summary.gaps
            .slice(0, 8)
            .map(describeGap)
            .join('; ')}${summary.gapCount > 8 ? '; …' : ''}`}
        >
          <Tag color="orange" className="nautilus-provenance-tag" data-testid={`panel-gaps-${panelId}`}>
            {summary.gapCount} gap{summary.gapCount === 1 ? '' : 's'}
          </Tag>
        </Tooltip>
      )}
      {summary.stale && (
        <Tooltip title={summary.stale}>
          <Tag color="red" className="nautilus-provenance-tag" data-testid={`panel-stale-${panelId}`}>
            STALE
          </Tag>
        </Tooltip>
      )}
    </span>
  );
}

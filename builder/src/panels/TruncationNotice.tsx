import type { QueryResult } from '../api/types.ts';
import './panel-notice.css';

export type QueryTruncation = NonNullable<QueryResult['truncation']>;

/**
 * The strip above a panel's widget saying its query was cut at the server's point limit, in the
 * server's words (how many bars are shown and the timeframe that would fit the whole range). A cut
 * range is never drawn as if it were whole.
 */
export function TruncationNotice({ panelId, truncation }: { panelId: string; truncation: QueryTruncation }) {
  const since =
    truncation.from === undefined
      ? ''
      : ` Oldest shown: ${new Date(truncation.from).toISOString().slice(0, 16).replace('T', ' ')} UTC.`;
  return (
    <div
      className="nautilus-panel-notice"
      role="status"
      data-testid={`panel-truncated-${panelId}`}
      data-limit={truncation.limit}
      data-suggested-timeframe={truncation.suggestedTimeframe ?? ''}
      title={`${truncation.message}${since}`}
    >
      {truncation.message}
    </div>
  );
}

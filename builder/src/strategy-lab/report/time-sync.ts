import type { IChartApi, Time } from 'lightweight-charts';

/** Charts that scroll and zoom together (the report's price, equity and drawdown), by time. */
export interface TimeSync {
  add(chart: IChartApi): () => void;
}

/** A group of charts whose visible time range follows whichever one the user moves. */
export function createTimeSync(): TimeSync {
  const charts = new Set<IChartApi>();
  let applying = false;
  return {
    add(chart) {
      const follow = (range: { from: Time; to: Time } | null) => {
        if (applying || range === null) return;
        applying = true;
        for (const other of charts) {
          if (other === chart) continue;
          try {
            other.timeScale().setVisibleRange(range);
          } catch {
            // A chart without data yet has no time scale to set: it keeps its own view.
          }
        }
        applying = false;
      };
      charts.add(chart);
      chart.timeScale().subscribeVisibleTimeRangeChange(follow);
      return () => {
        chart.timeScale().unsubscribeVisibleTimeRangeChange(follow);
        charts.delete(chart);
      };
    },
  };
}

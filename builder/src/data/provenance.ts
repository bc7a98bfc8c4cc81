import type { Frame } from '@nautilus/sdk';

/** What a panel's header says about where its bars came from (core's bars source sets `provenance`). */
export interface ProvenanceSummary {
  /** The sources that answered, in order, each once: `nautilus.yahoo/bars`. */
  sources: string[];
  /** True when all of it came from the cache (nothing fetched for this answer). */
  allCached: boolean;
  adjusted: boolean;
  stale: string | undefined;
  gapCount: number;
  gaps: { from: number; to: number }[];
  calendar: string;
}

/** The provenance of the first bars frame that carries one, summed up; undefined when none does. */
export function summarizeProvenance(frames: readonly Frame[]): ProvenanceSummary | undefined {
  for (const frame of frames) {
    if (frame.kind !== 'ohlcv' || !frame.provenance) continue;
    const { provenance } = frame;
    return {
      sources: [...new Set(provenance.sources.map((stretch) => stretch.source))],
      allCached: provenance.sources.length > 0 && provenance.sources.every((stretch) => stretch.cached),
      adjusted: provenance.adjusted,
      stale: provenance.stale?.message,
      gapCount: provenance.gapCount,
      gaps: provenance.gaps,
      calendar: provenance.calendar,
    };
  }
  return undefined;
}

/** A short provider name for a data source reference: `nautilus.yahoo/bars` → `yahoo`. */
export function providerLabel(ref: string): string {
  const plugin = ref.split('/')[0] ?? ref;
  return plugin.startsWith('nautilus.') ? plugin.slice('nautilus.'.length) : plugin;
}

/** A gap as a reader sees it: dates for daily gaps, date and time (UTC) otherwise. */
export function describeGap(gap: { from: number; to: number }): string {
  const day = 86_400_000;
  const whole = gap.from % day === 0 && gap.to % day === 0;
  const format = (time: number) =>
    new Date(time)
      .toISOString()
      .slice(0, whole ? 10 : 16)
      .replace('T', ' ');
  if (whole && gap.to - gap.from === day) return format(gap.from);
  return `${format(gap.from)} – ${format(whole ? gap.to - day : gap.to)}${whole ? '' : ' UTC'}`;
}

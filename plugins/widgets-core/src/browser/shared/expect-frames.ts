import type { Frame, FrameKind } from '@nautilus/sdk';

const withArticle = (kind: string): string => `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;

/**
 * The panel's frames, checked against what the widget draws. Throws an error the builder shows in the
 * panel, naming what the widget expects and what the query returned, so the user knows which side to change.
 */
export function expectFrames<K extends FrameKind>(
  widgetName: string,
  accepts: readonly K[],
  frames: readonly Frame[] | undefined,
): Extract<Frame, { kind: K }>[] {
  const list = Array.isArray(frames) ? frames : [];
  const wrong = list.filter((frame) => !accepts.includes(frame?.kind as K));
  if (wrong.length > 0) {
    const got = [...new Set(wrong.map((frame) => String(frame?.kind ?? 'unknown')))].map(withArticle).join(' and ');
    const expected = accepts.join(' or ');
    throw new Error(
      `The ${widgetName} widget draws ${expected} frames, but the panel's query returned ${got} frame. ` +
        `Pick a data source that returns ${expected}, or another widget.`,
    );
  }
  return list as Extract<Frame, { kind: K }>[];
}

/** Throws when the columns of an OHLCV frame are missing or of different lengths; returns the bar count. */
export function ohlcvLength(frame: Extract<Frame, { kind: 'ohlcv' }>): number {
  const columns = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;
  const length = Array.isArray(frame.time) ? frame.time.length : -1;
  for (const column of columns) {
    if (!Array.isArray(frame[column]) || frame[column].length !== length) {
      const sizes = columns.map((name) => `${name} ${Array.isArray(frame[name]) ? frame[name].length : 'missing'}`).join(', ');
      throw new Error(`The ohlcv frame's columns must all have one value per bar; got ${sizes}.`);
    }
  }
  return length;
}

/** The error for times that go backwards or repeat, which lightweight-charts would reject with a cryptic assertion. */
export function unorderedTimesError(what: string, index: number, before: number | undefined, at: number | undefined): Error {
  return new Error(
    `The ${what} times must be strictly increasing, but value ${index} (${at}) follows ${before}. ` +
      'The data source returned them out of order.',
  );
}

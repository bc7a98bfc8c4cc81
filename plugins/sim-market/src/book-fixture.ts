import type { BookDeltaFrame, BookFrame } from '@nautilus/sdk';
import { BookSimulator } from './book-simulator.ts';
import { findInstrument } from './instruments.ts';

/** A recorded book: a snapshot and the deltas that follow it. */
export interface BookRecording {
  snapshot: BookFrame;
  deltas: BookDeltaFrame[];
}

export interface BookRecordingOptions {
  symbol: string;
  price: number;
  depth: number;
  seed: number;
  deltas: number;
  start: number;
  stepMs: number;
}

/** What the committed fixture (test/fixtures/book-sim-aapl.json) was recorded with. */
export const BOOK_FIXTURE: BookRecordingOptions = {
  symbol: 'SIM:AAPL',
  price: 243.85,
  depth: 25,
  seed: 7,
  deltas: 3_000,
  start: 1_735_833_600_000,
  stepMs: 100,
} as const;

/**
 * Records the simulated book the `book` stream sends (the same simulator, with a fixed start price and
 * clock instead of the bars' close and the wall clock). `node src/book-fixture.ts` rewrites the fixture.
 */
export function recordBook(options: BookRecordingOptions = BOOK_FIXTURE): BookRecording {
  const instrument = findInstrument(options.symbol);
  if (!instrument) throw new Error(`unknown instrument ${options.symbol}`);
  const simulator = new BookSimulator({ instrument, price: options.price, depth: options.depth, seed: options.seed });
  const snapshot = simulator.snapshot(options.start);
  const deltas = Array.from({ length: options.deltas }, (_, index) =>
    simulator.step(options.start + (index + 1) * options.stepMs),
  );
  return { snapshot, deltas };
}

if (import.meta.main) {
  const { writeFileSync } = await import('node:fs');
  const target = new URL('../test/fixtures/book-sim-aapl.json', import.meta.url);
  writeFileSync(target, `${JSON.stringify(recordBook())}\n`);
  console.log(`wrote ${target.pathname}`);
}

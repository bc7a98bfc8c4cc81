import { type FieldIssue, NautilusError } from '@nautilus/sdk';

export interface WalkForwardOptions {
  /** Folds: each optimises on one window and is evaluated on the next. */
  folds: number;
  /** In-sample windows per fold (rolling); the out-of-sample window is always one. Default 1. */
  inSampleWindows?: number | undefined;
}

export interface Fold {
  fold: number;
  inSample: { from: number; to: number };
  outOfSample: { from: number; to: number };
}

export const MAX_FOLDS = 20;

/**
 * Rolling walk-forward folds: the range is cut into `folds + inSampleWindows` equal windows (whole
 * milliseconds, the last one taking the remainder); fold k optimises on windows k..k+inSampleWindows-1
 * and is evaluated on the window after them, so no out-of-sample bar is ever seen in-sample.
 */
export function walkForwardFolds(from: number, to: number, options: WalkForwardOptions): Fold[] {
  const issues: FieldIssue[] = [];
  const { folds } = options;
  const inSampleWindows = options.inSampleWindows ?? 1;
  if (!Number.isInteger(folds) || folds < 1 || folds > MAX_FOLDS)
    issues.push({ path: 'walkForward.folds', message: `must be a whole number from 1 to ${MAX_FOLDS}, got ${folds}` });
  if (!Number.isInteger(inSampleWindows) || inSampleWindows < 1 || inSampleWindows > 10)
    issues.push({ path: 'walkForward.inSampleWindows', message: `must be a whole number from 1 to 10, got ${inSampleWindows}` });
  if (issues.length > 0) throw NautilusError.validation('sweep', issues);
  const windows = folds + inSampleWindows;
  const width = Math.floor((to - from) / windows);
  const edge = (index: number) => (index >= windows ? to : from + index * width);
  return Array.from({ length: folds }, (_, fold) => ({
    fold,
    inSample: { from: edge(fold), to: edge(fold + inSampleWindows) },
    outOfSample: { from: edge(fold + inSampleWindows), to: edge(fold + inSampleWindows + 1) },
  }));
}

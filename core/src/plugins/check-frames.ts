import { checkFrames, type FrameKind } from '@nautilus/sdk';

/**
 * Checks what a data source returned against the frame shapes of the sdk and the kinds it declared;
 * the description of the first problem, or undefined. The check itself is the sdk's `checkFrames`, so
 * a plugin author's contract test (`@nautilus/sdk/testing`) judges frames exactly as the host does.
 */
export function frameProblem(frames: unknown, declared: readonly FrameKind[]): string | undefined {
  return checkFrames(frames, declared);
}

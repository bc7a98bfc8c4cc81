import { createTwoFilesPatch } from 'diff';

/** A unified diff of one strategy file between two versions, as `git diff` would print it. */
export function sourceDiff(before: string, after: string, fromVersion: number, toVersion: number): string {
  return createTwoFilesPatch(
    `strategy.ts@${fromVersion}`,
    `strategy.ts@${toVersion}`,
    before,
    after,
    `version ${fromVersion}`,
    `version ${toVersion}`,
    {
      context: 3,
    },
  );
}

/** Lines added and removed by a unified diff, for a version list. */
export function diffStats(diff: string | null): { linesAdded: number; linesRemoved: number } {
  let linesAdded = 0;
  let linesRemoved = 0;
  let inHunk = false;
  for (const line of diff?.split('\n') ?? []) {
    // Header lines (`--- a`, `+++ b`) come before the first hunk; inside hunks `+++x` is an added `++x`.
    if (line.startsWith('@@')) inHunk = true;
    else if (inHunk && line.startsWith('+')) linesAdded++;
    else if (inHunk && line.startsWith('-')) linesRemoved++;
  }
  return { linesAdded, linesRemoved };
}

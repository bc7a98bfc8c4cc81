import { type FieldIssue, NautilusError } from '@nautilus/sdk';
import type { EngineLimits } from '../engine/index.ts';

/** Resource limits of one strategy run. Only a sandboxed run enforces memory and time. */
export interface RunLimits extends EngineLimits {
  /** Heap limit of the isolate, MB (isolated-vm's minimum is 8). Default 64. */
  memoryMb: number;
  /** Wall time one call into the isolate may take: loading the file, onStart, a batch of bars, onStop. Default 10,000. */
  batchTimeoutMs: number;
  /** CPU time the whole run may use, checked before every call and capping each call's time. Default 120,000. */
  runCpuMs: number;
}

export const DEFAULT_LIMITS: Readonly<RunLimits> = Object.freeze({
  memoryMb: 64,
  batchTimeoutMs: 10_000,
  runCpuMs: 120_000,
  maxLogLines: 1_000,
  maxLogLineChars: 1_000,
  maxOpenOrders: 1_000,
  maxRecords: 100_000,
});

/** Fills in defaults; a VALIDATION NautilusError names each limit that is not a positive whole number. */
export function resolveLimits(limits: Partial<RunLimits> = {}): RunLimits {
  const resolved = { ...DEFAULT_LIMITS, ...limits };
  const issues: FieldIssue[] = [];
  for (const [name, value] of Object.entries(resolved)) {
    const minimum = name === 'memoryMb' ? 8 : name === 'maxLogLines' || name === 'maxRecords' ? 0 : 1;
    if (!Number.isInteger(value) || value < minimum) {
      issues.push({ path: `limits.${name}`, message: `must be a whole number >= ${minimum}, got ${String(value)}` });
    }
  }
  if (issues.length > 0) throw NautilusError.validation('run limits', issues);
  return resolved;
}

import type { LimitSet } from '@nautilus/sdk';

/** The limits last used with a strategy in this browser, so they need not be typed again. */
export interface LabLimits {
  /** Whether runs and deployments get them. */
  enabled: boolean;
  /** As last edited; may still be invalid (the editor shows why). */
  set: LimitSet;
}

const storageKey = (strategyId: string) => `nautilus.lab.limits.${strategyId}`;

function isLimitSetShape(value: unknown): value is LimitSet {
  if (typeof value !== 'object' || value === null) return false;
  const set = value as Record<string, unknown>;
  return (
    Array.isArray(set.limits) &&
    set.limits.every(
      (limit) => typeof limit === 'object' && limit !== null && typeof (limit as { kind?: unknown }).kind === 'string',
    ) &&
    (set.onHardBreach === 'deny' || set.onHardBreach === 'reduce-only' || set.onHardBreach === 'halt')
  );
}

/** The limits remembered for a strategy; undefined when none (or what is stored is not a limit set). */
export function readLabLimits(storage: Pick<Storage, 'getItem'> | undefined, strategyId: string): LabLimits | undefined {
  try {
    const raw = storage?.getItem(storageKey(strategyId));
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as { enabled?: unknown; set?: unknown };
    return typeof parsed.enabled === 'boolean' && isLimitSetShape(parsed.set)
      ? { enabled: parsed.enabled, set: parsed.set }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Remembers the limits for a strategy; a storage that refuses writes only costs the memory of them. */
export function writeLabLimits(storage: Pick<Storage, 'setItem'> | undefined, strategyId: string, limits: LabLimits): void {
  try {
    storage?.setItem(storageKey(strategyId), JSON.stringify(limits));
  } catch {
    // Quota exceeded or storage disabled: the limits still apply to this visit's runs.
  }
}

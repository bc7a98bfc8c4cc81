/** Where the time of the newest alert the user has seen is kept, across reloads and tabs. */
export const ALERTS_SEEN_STORAGE_KEY = 'nautilus.alerts.seenAt';

/** The `at` of the newest alert seen (ISO), or undefined when the drawer was never opened here. */
export function readAlertsSeenAt(storage: Pick<Storage, 'getItem'> | undefined): string | undefined {
  try {
    const value = storage?.getItem(ALERTS_SEEN_STORAGE_KEY);
    return value && Number.isFinite(Date.parse(value)) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Remembers what was seen; a storage that refuses writes only costs the memory of it. */
export function writeAlertsSeenAt(storage: Pick<Storage, 'setItem'> | undefined, seenAt: string): void {
  try {
    storage?.setItem(ALERTS_SEEN_STORAGE_KEY, seenAt);
  } catch {
    // Quota exceeded or storage disabled: the badge counts from the start again next visit.
  }
}

/**
 * How many alerts are newer than the last one seen: every alert listed when none was ever seen.
 * @example countUnseenAlerts([{ at: '2026-11-24T10:00:00Z' }], '2026-11-24T09:00:00Z') // 1
 */
export function countUnseenAlerts(alerts: readonly { at: string }[], seenAt: string | undefined): number {
  if (seenAt === undefined) return alerts.length;
  const seenMs = Date.parse(seenAt);
  return alerts.filter((alert) => Date.parse(alert.at) > seenMs).length;
}

/**
 * What to remember when the drawer opens: the newest alert's own time (the server's clock, so a
 * browser clock that runs behind cannot hide later alerts), or the previous mark when there are none.
 */
export function seenMarkAfterOpening(alerts: readonly { at: string }[], seenAt: string | undefined): string | undefined {
  let newest = seenAt;
  for (const alert of alerts) {
    if (newest === undefined || Date.parse(alert.at) > Date.parse(newest)) newest = alert.at;
  }
  return newest;
}

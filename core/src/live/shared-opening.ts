/** Something opened once per key and shared by every subscriber of that key on this instance. */
export interface SharedOpening {
  /** How many hold it. */
  demand: number;
  /** Settles once it is open, with the function that closes it; a rejection drops the entry. */
  ready: Promise<() => Promise<void>>;
}

/**
 * Opens `key`'s entry the first time (`create` builds it and starts `ready`), or joins the one
 * already opening or open; answers the release. The last release removes the entry, runs `onLast`
 * (e.g. wakes waiters) and closes it. A failed opening is dropped, so the next subscriber retries.
 * @example const release = await acquireShared(bridges, topic, () => startBridge(key));
 */
export async function acquireShared<E extends SharedOpening>(
  entries: Map<string, E>,
  key: string,
  create: () => E,
  onLast?: (entry: E) => void,
): Promise<() => Promise<void>> {
  let entry = entries.get(key);
  if (!entry) {
    const created = create();
    entries.set(key, created);
    created.ready.catch(() => {
      if (entries.get(key) === created) entries.delete(key);
    });
    entry = created;
  }
  entry.demand++;
  const current = entry;
  try {
    await current.ready;
  } catch (error) {
    current.demand--;
    throw error;
  }
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    if (--current.demand > 0) return;
    if (entries.get(key) === current) entries.delete(key);
    onLast?.(current);
    await (await current.ready)();
  };
}

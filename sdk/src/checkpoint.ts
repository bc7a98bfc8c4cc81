// Long enough that yielding costs nothing measurable, short enough that the server stays responsive.
const SLICE_MS = 10;

/** A turn of the event loop: setImmediate in Node (no 1 ms timer clamp), setTimeout elsewhere. */
const nextTurn = (): Promise<void> =>
  new Promise((resolve) =>
    ((globalThis as { setImmediate?: (callback: () => void) => void }).setImmediate ?? setTimeout)(resolve),
  );

/**
 * For plugins with long synchronous loops (generating bars, simulating paths): returns a checkpoint
 * to await between units of work. It throws the abort reason once `signal` aborts, and every 10 ms
 * it gives the event loop a turn. Without that turn a synchronous loop could never see the host's
 * timeout fire, nor let other requests through.
 * @example const checkpoint = createCheckpoint(signal); for (const chunk of chunks) { work(chunk); await checkpoint(); }
 */
export function createCheckpoint(signal: AbortSignal): () => Promise<void> {
  let sliceStart = performance.now();
  return async () => {
    signal.throwIfAborted();
    if (performance.now() - sliceStart < SLICE_MS) return;
    await nextTurn();
    signal.throwIfAborted();
    sliceStart = performance.now();
  };
}

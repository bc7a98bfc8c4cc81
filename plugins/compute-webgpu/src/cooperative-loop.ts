import { setImmediate as nextTurn } from 'node:timers/promises';

// Long enough that yielding costs nothing measurable, short enough that the server stays responsive.
const SLICE_MS = 10;

/**
 * Returns a checkpoint to await between units of work: it throws the abort reason once `signal`
 * aborts, and every SLICE_MS it gives the event loop a turn. Without that turn a synchronous loop
 * could never see the host's timeout fire, nor let other requests through.
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

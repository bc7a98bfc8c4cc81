// A chart that takes every touch traps the page on a phone: a dashboard is mostly charts, and a
// vertical swipe that lands on one pans it instead of scrolling. Maps and chart widgets on phones
// take one-finger gestures only after a tap ("cooperative gestures"); two fingers always reach them.

/** Movement (px) under which a touch counts as a tap. */
const TAP_SLOP = 10;
/** Longest touch (ms) that counts as a tap; longer ones are presses. */
const TAP_MS = 500;
/** How long the hint stays up after a swipe the chart did not take. */
const HINT_MS = 1_800;

export const TOUCH_HINT = 'Tap the chart to pan and zoom it';

export interface TouchGestures {
  /** True after a tap on the element, until a touch lands outside it. */
  readonly active: boolean;
  destroy(): void;
}

/**
 * Gates one-finger touch gestures of a chart drawn in `root`: off at first (a swipe scrolls the page),
 * on after a tap on the chart, off again when a touch lands elsewhere. `onChange(active)` is told each
 * change (and once at once, with false), so the chart can turn its touch dragging on and off; pinching
 * with two fingers is the chart's to keep. While on, `root` has the class `is-touch-active` and
 * `data-touch="active"`. A sideways swipe while off shows a short hint saying how to turn it on.
 */
export function touchGestures(root: HTMLElement, onChange: (active: boolean) => void, hintClassName = ''): TouchGestures {
  const document = root.ownerDocument;
  const view = document.defaultView as Window;
  let active = false;
  let start: { x: number; y: number; at: number; fingers: number } | undefined;
  let hint: HTMLElement | undefined;
  let hintTimer: number | undefined;

  const set = (next: boolean) => {
    if (next === active) return;
    active = next;
    root.classList.toggle('is-touch-active', active);
    root.dataset.touch = active ? 'active' : 'idle';
    if (active) hideHint();
    onChange(active);
  };

  const showHint = () => {
    if (!hint) {
      hint = document.createElement('div');
      hint.className = hintClassName;
      hint.setAttribute('role', 'status');
      hint.textContent = TOUCH_HINT;
      root.append(hint);
    }
    hint.hidden = false;
    if (hintTimer !== undefined) view.clearTimeout(hintTimer);
    hintTimer = view.setTimeout(hideHint, HINT_MS);
  };
  const hideHint = () => {
    if (hint) hint.hidden = true;
  };

  const onStart = (event: TouchEvent) => {
    const touch = event.touches[0];
    if (!touch) return;
    start = { x: touch.clientX, y: touch.clientY, at: event.timeStamp, fingers: event.touches.length };
  };
  const onMove = (event: TouchEvent) => {
    const touch = event.touches[0];
    if (active || !start || !touch || event.touches.length > 1) return;
    const dx = Math.abs(touch.clientX - start.x);
    const dy = Math.abs(touch.clientY - start.y);
    // Only a sideways swipe looks like an attempt to pan; a vertical one is the page scrolling.
    if (dx > TAP_SLOP * 3 && dx > dy * 2) showHint();
  };
  const onEnd = (event: TouchEvent) => {
    const touch = event.changedTouches[0];
    if (!start || !touch) return;
    const moved = Math.abs(touch.clientX - start.x) + Math.abs(touch.clientY - start.y);
    const tap = start.fingers === 1 && moved < TAP_SLOP && event.timeStamp - start.at < TAP_MS;
    start = undefined;
    if (tap) set(true);
  };
  const onOutside = (event: TouchEvent) => {
    if (active && !root.contains(event.target as Node)) set(false);
  };

  root.addEventListener('touchstart', onStart, { passive: true });
  root.addEventListener('touchmove', onMove, { passive: true });
  root.addEventListener('touchend', onEnd, { passive: true });
  document.addEventListener('touchstart', onOutside, { passive: true, capture: true });
  root.dataset.touch = 'idle';
  onChange(false);

  return {
    get active() {
      return active;
    },
    destroy() {
      root.removeEventListener('touchstart', onStart);
      root.removeEventListener('touchmove', onMove);
      root.removeEventListener('touchend', onEnd);
      document.removeEventListener('touchstart', onOutside, { capture: true });
      if (hintTimer !== undefined) view.clearTimeout(hintTimer);
      hint?.remove();
    },
  };
}

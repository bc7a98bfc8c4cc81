/**
 * Resolves once what was drawn before the call is on screen: the browser paints in the next animation
 * frame, and the frame after that starts only when the first one was presented. A hidden page runs no
 * animation frames at all (and nothing can be seen), so it resolves at once rather than holding the
 * builder until the tab is shown. Resolve a widget's `update` with it.
 */
export function afterPaint(view: Window): Promise<void> {
  if (view.document.visibilityState === 'hidden') return Promise.resolve();
  return new Promise((resolve) => {
    view.requestAnimationFrame(() => view.requestAnimationFrame(() => resolve()));
  });
}

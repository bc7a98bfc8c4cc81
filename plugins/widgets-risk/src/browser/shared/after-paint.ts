// Same as widgets-core's: plugins share nothing but the sdk, so each widget plugin carries its own copy.
/**
 * Resolves once what was drawn before the call is on screen: the browser paints in the next animation
 * frame, and the frame after that starts only when the first one was presented. A hidden page runs no
 * animation frames at all (and nothing can be seen), so it resolves at once rather than holding the
 * builder until the tab is shown.
 */
export function afterPaint(view: Window): Promise<void> {
  if (view.document.visibilityState === 'hidden') return Promise.resolve();
  return new Promise((resolve) => {
    view.requestAnimationFrame(() => view.requestAnimationFrame(() => resolve()));
  });
}

// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { TOUCH_HINT, touchGestures } from './index.ts';

afterEach(() => document.body.replaceChildren());

/** A touch event at (x, y); happy-dom builds TouchEvent from plain touch-like objects. */
function touch(target: EventTarget, type: string, x: number, y: number, fingers = 1, timeStamp?: number): void {
  const point = { clientX: x, clientY: y, identifier: 0, target };
  const touches = type === 'touchend' ? [] : Array.from({ length: fingers }, () => point);
  const event = new TouchEvent(type, { bubbles: true, touches, changedTouches: [point] } as unknown as TouchEventInit);
  if (timeStamp !== undefined) Object.defineProperty(event, 'timeStamp', { value: timeStamp });
  target.dispatchEvent(event);
}

function setup() {
  const root = document.createElement('div');
  const outside = document.createElement('div');
  document.body.append(root, outside);
  const changes: boolean[] = [];
  const gestures = touchGestures(root, (active) => changes.push(active), 'hint');
  return { root, outside, changes, gestures };
}

describe('touch gestures of a chart', () => {
  it('starts off, so a swipe scrolls the page', () => {
    const { root, changes, gestures } = setup();
    expect(changes).toEqual([false]);
    touch(root, 'touchstart', 100, 100, 1, 0);
    touch(root, 'touchmove', 102, 40);
    touch(root, 'touchend', 102, 40, 1, 200);
    expect(gestures.active).toBe(false);
    expect(root.dataset.touch).toBe('idle');
  });

  it('turns on after a tap and off after a touch elsewhere', () => {
    const { root, outside, changes, gestures } = setup();
    touch(root, 'touchstart', 100, 100, 1, 0);
    touch(root, 'touchend', 103, 101, 1, 120);
    expect(gestures.active).toBe(true);
    expect(root.classList.contains('is-touch-active')).toBe(true);
    touch(outside, 'touchstart', 10, 10);
    expect(gestures.active).toBe(false);
    expect(changes).toEqual([false, true, false]);
  });

  it('does not take a long press or a two-finger touch as a tap', () => {
    const { root, gestures } = setup();
    touch(root, 'touchstart', 100, 100, 1, 0);
    touch(root, 'touchend', 100, 100, 1, 900);
    touch(root, 'touchstart', 100, 100, 2, 1000);
    touch(root, 'touchend', 100, 100, 1, 1050);
    expect(gestures.active).toBe(false);
  });

  it('says how to pan when a sideways swipe finds it off', () => {
    const { root } = setup();
    touch(root, 'touchstart', 200, 100, 1, 0);
    touch(root, 'touchmove', 100, 104);
    const hint = root.querySelector('.hint') as HTMLElement;
    expect(hint.textContent).toBe(TOUCH_HINT);
    expect(hint.hidden).toBe(false);
  });

  it('leaves nothing behind when destroyed', () => {
    const { root, gestures, changes } = setup();
    gestures.destroy();
    touch(root, 'touchstart', 100, 100, 1, 0);
    touch(root, 'touchend', 100, 100, 1, 50);
    expect(changes).toEqual([false]);
  });
});

import type { WidgetImplementation, WidgetProps } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { WidgetController, type WidgetStatus } from './widget-controller.ts';

const props = (frames: number, width = 400, height = 300): WidgetProps => ({
  frames: Array.from({ length: frames }, () => ({ kind: 'scalar' as const, value: 1 })),
  options: {},
  width,
  height,
  theme: 'dark',
  timeRange: { from: 0, to: 1 },
});

function fakeElement() {
  const element = { cleared: 0, replaceChildren: () => void element.cleared++ };
  return element;
}

/** A widget that records every call; each draw resolves when the test says so. */
function recordingWidget() {
  const calls: string[] = [];
  const draws: (() => void)[] = [];
  const drawn = () => new Promise<void>((resolve) => draws.push(resolve));
  const implementation: WidgetImplementation = {
    async mount(_element, initial) {
      calls.push(`mount ${initial.frames.length} ${initial.width}x${initial.height}`);
      await drawn();
      return {
        update: (next) => {
          calls.push(`update ${next.frames.length}`);
          return drawn();
        },
        resize: (width, height) => void calls.push(`resize ${width}x${height}`),
        destroy: () => void calls.push('destroy'),
      };
    },
  };
  return { calls, implementation, finishDraw: () => draws.shift()?.() };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function controllerFor(implementation: WidgetImplementation | (() => Promise<WidgetImplementation>)) {
  const statuses: WidgetStatus[] = [];
  const element = fakeElement();
  const controller = new WidgetController({
    element: element as unknown as HTMLElement,
    load: typeof implementation === 'function' ? implementation : async () => implementation,
    onStatus: (status) => statuses.push(status),
    plugin: 'acme.widgets',
  });
  return { controller, statuses, element };
}

describe('WidgetController', () => {
  it('mounts with the first props, reports drawn once the draw resolves, then updates', async () => {
    const widget = recordingWidget();
    const { controller, statuses } = controllerFor(widget.implementation);
    controller.setProps(props(1));
    await settle();
    expect(statuses.at(-1)).toEqual({ status: 'loading' });
    widget.finishDraw();
    await settle();
    expect(statuses.at(-1)).toEqual({ status: 'drawn' });
    controller.setProps(props(2));
    await settle();
    widget.finishDraw();
    await settle();
    expect(widget.calls).toEqual(['mount 1 400x300', 'update 2']);
    expect(statuses.at(-1)).toEqual({ status: 'drawn' });
  });

  it('hands over only the newest props when several arrive during a draw', async () => {
    const widget = recordingWidget();
    const { controller, statuses } = controllerFor(widget.implementation);
    controller.setProps(props(1));
    await settle();
    controller.setProps(props(2));
    controller.setProps(props(3));
    widget.finishDraw();
    await settle();
    expect(statuses.at(-1)).toEqual({ status: 'loading' });
    widget.finishDraw();
    await settle();
    expect(widget.calls).toEqual(['mount 1 400x300', 'update 3']);
    expect(statuses.at(-1)).toEqual({ status: 'drawn' });
  });

  it('passes resizes through, and one that came during mounting right after it', async () => {
    const widget = recordingWidget();
    const { controller } = controllerFor(widget.implementation);
    controller.resize(400, 300);
    controller.setProps(props(1, 400, 300));
    await settle();
    controller.resize(500, 320);
    widget.finishDraw();
    await settle();
    controller.resize(500, 320);
    controller.resize(640, 480);
    expect(widget.calls).toEqual(['mount 1 400x300', 'resize 500x320', 'resize 640x480']);
  });

  it('shows what a widget throws on mount as its error, clears what it left, and retries with the next props', async () => {
    let fail = true;
    const { controller, statuses, element } = controllerFor({
      mount() {
        if (fail) throw new Error('Boom: this widget failed on purpose');
        return { update() {}, resize() {}, destroy() {} };
      },
    });
    controller.setProps(props(1));
    await settle();
    expect(statuses.at(-1)).toEqual({ status: 'error', message: 'Boom: this widget failed on purpose', plugin: 'acme.widgets' });
    expect(element.cleared).toBe(1);
    fail = false;
    controller.setProps(props(1));
    await settle();
    expect(statuses.at(-1)).toEqual({ status: 'drawn' });
  });

  it('reports a rejected update and a load failure as errors', async () => {
    const { controller, statuses } = controllerFor({
      mount: () => ({ update: () => Promise.reject(new Error('bad frame')), resize() {}, destroy() {} }),
    });
    controller.setProps(props(1));
    await settle();
    controller.setProps(props(2));
    await settle();
    expect(statuses.at(-1)).toMatchObject({ status: 'error', message: 'bad frame' });

    const failedLoad = controllerFor(() => Promise.reject(new Error('404')));
    failedLoad.controller.setProps(props(1));
    await settle();
    expect(failedLoad.statuses.at(-1)).toMatchObject({ status: 'error', message: '404' });
  });

  it('destroys an instance that finishes mounting after the panel went away, and reports nothing more', async () => {
    const widget = recordingWidget();
    const { controller, statuses } = controllerFor(widget.implementation);
    controller.setProps(props(1));
    await settle();
    controller.destroy();
    widget.finishDraw();
    await settle();
    expect(widget.calls).toEqual(['mount 1 400x300', 'destroy']);
    expect(statuses).toEqual([{ status: 'loading' }]);
  });

  it('keeps a drawn widget drawn through live updates (no loading between ticks), and shows loading for a load again', async () => {
    const widget = recordingWidget();
    const { controller, statuses } = controllerFor(widget.implementation);
    controller.setProps(props(1));
    await settle();
    widget.finishDraw();
    await settle();
    expect(statuses).toEqual([{ status: 'loading' }, { status: 'drawn' }]);
    for (let tick = 2; tick <= 6; tick++) {
      controller.setProps(props(tick), { live: true });
      await settle();
      widget.finishDraw();
      await settle();
    }
    expect(widget.calls.at(-1)).toBe('update 6');
    // Five redraws, and the panel was told nothing: it never left its drawn state.
    expect(statuses).toEqual([{ status: 'loading' }, { status: 'drawn' }]);
    // A load after ticks shows loading; a live update arriving while it draws does not keep it loading
    // once the load is on screen.
    controller.setProps(props(7));
    await settle();
    expect(statuses.at(-1)).toEqual({ status: 'loading' });
    controller.setProps(props(8), { live: true });
    widget.finishDraw();
    await settle();
    expect(statuses).toEqual([{ status: 'loading' }, { status: 'drawn' }, { status: 'loading' }, { status: 'drawn' }]);
    widget.finishDraw();
    await settle();
    expect(widget.calls.at(-1)).toBe('update 8');
    expect(statuses).toHaveLength(4);
  });

  it('reports drawn while live updates keep arriving faster than the widget draws (a busy order book)', async () => {
    const widget = recordingWidget();
    const { controller, statuses } = controllerFor(widget.implementation);
    controller.setProps(props(1));
    await settle();
    for (let tick = 2; tick <= 6; tick++) {
      // Each tick lands while the draw before it is still running.
      controller.setProps(props(tick), { live: true });
      widget.finishDraw();
      await settle();
      expect(statuses).toEqual([{ status: 'loading' }, { status: 'drawn' }]);
    }
    // A load in the middle of the stream is shown as loading until it is drawn, then drawn again.
    controller.setProps(props(20));
    widget.finishDraw();
    await settle();
    expect(statuses.at(-1)).toEqual({ status: 'loading' });
    controller.setProps(props(21), { live: true });
    widget.finishDraw();
    await settle();
    expect(statuses.at(-1)).toEqual({ status: 'drawn' });
  });

  it('treats a live update before the first draw as a load: nothing is shown yet', async () => {
    const widget = recordingWidget();
    const { controller, statuses } = controllerFor(widget.implementation);
    controller.setProps(props(1), { live: true });
    await settle();
    expect(statuses).toEqual([{ status: 'loading' }]);
    widget.finishDraw();
    await settle();
    expect(statuses.at(-1)).toEqual({ status: 'drawn' });
  });
});

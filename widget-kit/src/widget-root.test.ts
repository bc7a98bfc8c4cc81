// @vitest-environment happy-dom
import type { WidgetProps } from '@nautilus/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { createWidgetRoot, drawnInstance, setMessage, setThemeVariables } from './index.ts';

const stylesheet = { id: 'acme-widgets-style', css: '.acme-root{height:100%}' };
const props = (width: number): WidgetProps => ({
  frames: [],
  options: {},
  width,
  height: 100,
  theme: 'dark',
  timeRange: { from: 0, to: 1 },
});

afterEach(() => {
  document.body.replaceChildren();
  document.head.replaceChildren();
});

describe('widget root', () => {
  it('adds the stylesheet once however many widgets mount', () => {
    const element = document.body.appendChild(document.createElement('div'));
    createWidgetRoot(element, 'acme-root acme-tile', stylesheet);
    const root = createWidgetRoot(element, 'acme-root acme-tile', stylesheet);
    expect(document.head.querySelectorAll('#acme-widgets-style')).toHaveLength(1);
    expect(root.className).toBe('acme-root acme-tile');
    expect(element.children).toHaveLength(2);
  });

  it('sets theme variables and shows, replaces and removes one message', () => {
    const root = createWidgetRoot(document.body, 'acme-root', stylesheet);
    setThemeVariables(root, 'light', { '--acme-bg': '#ffffff' });
    expect(root.style.getPropertyValue('--acme-bg')).toBe('#ffffff');
    expect(root.dataset.theme).toBe('light');
    setMessage(root, 'No data in this range', 'acme-message');
    setMessage(root, 'Expects a table', 'acme-message');
    expect([...root.querySelectorAll('.acme-message')].map((node) => node.textContent)).toEqual(['Expects a table']);
    expect(root.querySelector('.acme-message')?.getAttribute('role')).toBe('status');
    setMessage(root, null, 'acme-message');
    expect(root.querySelector('.acme-message')).toBeNull();
  });
});

describe('drawnInstance', () => {
  it('redraws on update, and on resize at the new size only when asked', async () => {
    for (const redrawOnResize of [true, false]) {
      const root = createWidgetRoot(document.body, 'acme-root', stylesheet);
      const widths: number[] = [];
      const instance = await drawnInstance(root, props(300), (next) => widths.push(next.width), { redrawOnResize });
      await instance.update(props(320));
      instance.resize(200, 80);
      expect(widths).toEqual(redrawOnResize ? [300, 320, 200] : [300, 320]);
      instance.destroy();
      expect(root.isConnected).toBe(false);
    }
  });
});

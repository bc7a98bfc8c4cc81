// jsdom rather than happy-dom: the text widget sanitises with DOMPurify, which does not support happy-dom.
import type { WidgetProps } from '@nautilus/sdk';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { text } from './text-widget.ts';

const props = (markdown?: string): WidgetProps => ({
  frames: [],
  options: markdown === undefined ? {} : { markdown },
  width: 300,
  height: 200,
  theme: 'dark',
  timeRange: { from: 0, to: 1 },
});

const mount = async (markdown?: string) => {
  // pretendToBeVisual gives jsdom animation frames, which the widget waits for.
  const { document } = new JSDOM('<!doctype html><body></body>', { pretendToBeVisual: true }).window;
  const element = document.createElement('div');
  document.body.append(element);
  const instance = await text.mount(element, props(markdown));
  return { element, instance, document };
};

describe('text widget', () => {
  it('renders its Markdown and re-renders when the option changes', async () => {
    const { element, instance } = await mount('# Morning desk\n\nWatch **SIM:AAPL**.');
    expect(element.querySelector('h1')?.textContent).toBe('Morning desk');
    expect(element.querySelector('strong')?.textContent).toBe('SIM:AAPL');
    await instance.update(props('Second *version*'));
    expect(element.querySelector('h1')).toBeNull();
    expect(element.querySelector('em')?.textContent).toBe('version');
    instance.destroy();
    expect(element.children).toHaveLength(0);
  });

  it('shows the default help text when the panel has no markdown option', async () => {
    const { element } = await mount();
    expect(element.textContent).toContain('Markdown');
  });

  it('never lets a script from the document into the page', async () => {
    const { element, document } = await mount('<img src=x onerror="window.hacked=1"><script>window.hacked=2</script>');
    expect(element.querySelector('script')).toBeNull();
    expect(element.querySelector('img')?.hasAttribute('onerror')).toBe(false);
    expect((document.defaultView as unknown as { hacked?: number }).hacked).toBeUndefined();
  });

  it('adds its stylesheet once and fills the builder element', async () => {
    const { element, document } = await mount('a');
    expect(element.querySelector('.nwc-root')).not.toBeNull();
    expect(document.querySelectorAll('#nautilus-widgets-core-style')).toHaveLength(1);
  });
});

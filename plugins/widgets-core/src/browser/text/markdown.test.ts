// Runs on jsdom, not happy-dom: DOMPurify does not support happy-dom, where it lets <script> and
// onerror through and strips headings (its maintainers: any sanitising there has bypasses), so a
// happy-dom test would prove nothing. jsdom is the DOM DOMPurify's own test suite runs on.
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.ts';

const { document } = new JSDOM('<!doctype html><html><body></body></html>').window;

const render = (markdown: string): HTMLElement => {
  const container = document.createElement('div');
  container.append(renderMarkdown(markdown, document));
  return container;
};

describe('renderMarkdown', () => {
  it('renders ordinary Markdown: headings, emphasis, lists, code and tables', () => {
    const html = render('## Desk\n\n**bold** and *it*, `x = 1`\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |').innerHTML;
    expect(html).toContain('<h2>Desk</h2>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<em>it</em>');
    expect(html).toContain('<code>x = 1</code>');
    expect(html).toContain('<li>two</li>');
    expect(html).toContain('<td>2</td>');
  });

  it('removes script elements, whatever their case', () => {
    const container = render('Hello <script>window.hacked = 1</script><SCRIPT src="https://evil.example/x.js"></SCRIPT>');
    expect(container.querySelector('script')).toBeNull();
    expect(container.innerHTML).not.toMatch(/script|hacked/i);
    expect(container.textContent).toContain('Hello');
  });

  it('removes event handler attributes', () => {
    const container = render('<img src="x.png" onerror="alert(1)"> <a href="https://example.com" onclick="alert(2)">x</a>');
    expect(container.innerHTML).not.toMatch(/onerror|onclick|alert/);
    expect(container.querySelector('img')?.getAttribute('src')).toBe('x.png');
  });

  it('removes javascript: and data: links, in Markdown or HTML, obfuscated or not', () => {
    const container = render(
      '[md](javascript:alert(1)) <a href="JaVaScRiPt:alert(2)">html</a> <a href="&#106;avascript:alert(3)">entity</a> ' +
        '<a href="data:text/html,<script>alert(4)</script>">data</a>',
    );
    expect(container.querySelectorAll('a')).toHaveLength(4);
    for (const link of container.querySelectorAll('a')) expect(link.hasAttribute('href')).toBe(false);
    expect(container.innerHTML).not.toMatch(/javascript|alert/i);
  });

  it('drops styles, forms and iframes that could restyle or overlay the builder', () => {
    const container = render(
      '<style>body{display:none}</style><p style="position:fixed">p</p><form><input></form><iframe src="x"></iframe>',
    );
    expect(container.querySelector('style, form, input, iframe, [style]')).toBeNull();
    expect(container.textContent).toBe('p');
  });

  it('opens links in a new tab without handing over the window', () => {
    const link = render('[docs](https://example.com/docs)').querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://example.com/docs');
    expect(link?.getAttribute('target')).toBe('_blank');
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer');
  });
});

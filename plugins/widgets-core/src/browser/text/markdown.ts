import createDOMPurify, { type DOMPurify } from 'dompurify';
import { Marked } from 'marked';

// A private instance: options and hooks stay out of any other code on the page using marked.
const marked = new Marked({ gfm: true, breaks: false, async: false });

type View = Window & typeof globalThis;

const purifiers = new WeakMap<View, DOMPurify>();

/** One DOMPurify per window (hooks are per instance), with links made safe to open. */
function purifierFor(view: View): DOMPurify {
  let purifier = purifiers.get(view);
  if (purifier) return purifier;
  purifier = createDOMPurify(view);
  // DOMPurify passes its input through untouched where it cannot run; show nothing rather than that.
  if (!purifier.isSupported) throw new Error('This browser cannot sanitise Markdown safely, so the text is not shown.');
  purifier.addHook('afterSanitizeAttributes', (node) => {
    // A link must not hand the dashboard's window to the page it opens (reverse tabnabbing).
    if (node.tagName === 'A' && node.hasAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
  purifiers.set(view, purifier);
  return purifier;
}

/**
 * Markdown from a dashboard document as safe DOM. Documents are shared and imported, so their text is
 * untrusted: DOMPurify drops scripts, event handlers, javascript: and other non-http(s)/mailto/tel
 * URLs, forms and styles (which could restyle the whole builder), and prefixes ids so that they cannot
 * clobber globals. The builder's CSP (script-src 'self') is a second line behind this one.
 */
export function renderMarkdown(markdown: string, document: Document): DocumentFragment {
  const html = marked.parse(markdown, { async: false });
  const purifier = purifierFor(document.defaultView as View);
  return purifier.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'option'],
    FORBID_ATTR: ['style'],
    SANITIZE_NAMED_PROPS: true,
    RETURN_DOM_FRAGMENT: true,
  });
}

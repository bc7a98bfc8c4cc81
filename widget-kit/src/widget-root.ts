/** What a widget shows when its query returned nothing, instead of an empty panel. */
export const NO_DATA_MESSAGE = 'No data in this range';

/** A stylesheet a widget bundle adds to the page once, under a unique id. */
export interface Stylesheet {
  id: string;
  css: string;
}

/**
 * Adds the stylesheet to the document unless it is there already. The builder's CSP allows inline
 * styles; a CSS file beside the bundle would need the builder to load it separately.
 */
export function ensureStylesheet(document: Document, { id, css }: Stylesheet): void {
  if (document.getElementById(id)) return;
  const style = document.createElement('style');
  style.id = id;
  style.textContent = css;
  document.head.append(style);
}

/** A div filling the builder's element, where a widget draws; the builder owns and sizes the element. */
export function createWidgetRoot(element: HTMLElement, className: string, stylesheet: Stylesheet): HTMLDivElement {
  ensureStylesheet(element.ownerDocument, stylesheet);
  const root = element.ownerDocument.createElement('div');
  root.className = className;
  element.append(root);
  return root;
}

/** Sets colours as CSS variables (`{'--acme-bg': '#141414'}`), which the stylesheet reads, and `data-theme`. */
export function setThemeVariables(root: HTMLElement, theme: string, variables: Record<string, string>): void {
  for (const [name, value] of Object.entries(variables)) root.style.setProperty(name, value);
  root.dataset.theme = theme === 'light' ? 'light' : 'dark';
}

/**
 * Shows a centred message over the widget in an element of `className` (null removes it): no data, or
 * data of the wrong shape. It has role status, so screen readers announce it.
 */
export function setMessage(root: HTMLElement, message: string | null, className: string): void {
  let overlay = root.querySelector<HTMLElement>(`:scope > .${className}`);
  if (message === null) {
    overlay?.remove();
    return;
  }
  if (!overlay) {
    overlay = root.ownerDocument.createElement('div');
    overlay.className = className;
    overlay.setAttribute('role', 'status');
    root.append(overlay);
  }
  overlay.textContent = message;
}

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element with its attributes set. */
export function svgNode(document: Document, name: string, attributes: Record<string, string | number>): SVGElement {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  return element;
}

/** Pixel coordinates rounded to 0.01, so paths stay short and tests compare exact strings. */
export const px = (value: number): number => Math.round(value * 100) / 100;

/** An SVG drawn in the panel's pixels (redrawn on resize, so text never stretches). */
export function sizeSvg(svg: SVGSVGElement, width: number, height: number): void {
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
}

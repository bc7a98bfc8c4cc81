import { expect, type Page } from '@playwright/test';

/** What sticks out sideways: the page's scroll width, the viewport's, and the elements that cause it. */
export interface SidewaysOverflow {
  scrollWidth: number;
  innerWidth: number;
  /** Elements reaching past the viewport that no scroll (or clipping) box of their own keeps inside the screen. */
  offenders: string[];
}

export async function horizontalOverflow(page: Page): Promise<SidewaysOverflow> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const offenders: string[] = [];
    const keptInside = (element: Element): boolean => {
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        const style = getComputedStyle(parent);
        if (style.position === 'fixed' && style.display === 'none') return true;
        if (/auto|scroll|hidden|clip/.test(style.overflowX)) {
          const box = parent.getBoundingClientRect();
          if (box.left >= -1 && box.right <= width + 1) return true;
        }
      }
      return false;
    };
    for (const element of document.body.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      // Past the right edge, or cut by the left one (a screen-reader-only element far off the left is neither).
      if (box.right <= width + 1 && (box.left >= -1 || box.right <= 0)) continue;
      if (getComputedStyle(element).visibility === 'hidden' || keptInside(element)) continue;
      const testId = element.getAttribute('data-testid');
      offenders.push(
        `${element.tagName.toLowerCase()}${testId ? `[${testId}]` : ''}.${String(element.className).slice(0, 60)} ${Math.round(box.left)}..${Math.round(box.right)}`,
      );
    }
    return { scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: width, offenders: offenders.slice(0, 8) };
  });
}

/**
 * The page does not scroll sideways. A resize re-lays the page out over a few frames (antd's
 * breakpoints answer through matchMedia and a React render), so this waits for the layout to settle
 * (up to 5 s) and, if it never fits, fails naming the page and the elements that stick out.
 */
export async function expectFitsWidth(page: Page, name: string, options: { strict?: boolean } = {}): Promise<void> {
  let last: SidewaysOverflow | undefined;
  const fits = async (): Promise<boolean> => {
    last = await horizontalOverflow(page);
    return last.scrollWidth <= last.innerWidth && (!options.strict || last.offenders.length === 0);
  };
  await expect
    .poll(fits, { message: `${name}: wider than the screen`, timeout: 5_000 })
    .toBe(true)
    .catch((error: Error) => {
      throw new Error(
        `${name}: the page is ${last?.scrollWidth} px wide on a ${last?.innerWidth} px screen; sticking out: ${last?.offenders.join('; ') || 'none found'}\n${error.message}`,
      );
    });
}

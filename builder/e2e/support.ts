import { type APIRequestContext, expect, type Locator, type Page, request as playwrightRequest } from '@playwright/test';

export const ADMIN_PASSWORD = process.env.NAUTILUS_E2E_ADMIN_PASSWORD as string;
export const USER_PASSWORD = 'e2e user password 42';
const baseURL = `http://127.0.0.1:${process.env.NAUTILUS_E2E_PORT}`;

/** An API client logged in as `username` (cookies kept in its own context). */
export async function apiAs(username: string, password: string): Promise<Api> {
  const request = await playwrightRequest.newContext({ baseURL });
  const api = new Api(request);
  const login = await api.call('auth.login', { username, password });
  expect(login.status, `login as ${username}`).toBe(200);
  return api;
}

export class Api {
  readonly request: APIRequestContext;
  constructor(request: APIRequestContext) {
    this.request = request;
  }
  async call(
    procedure: string,
    input?: unknown,
    method: 'GET' | 'POST' = /\.(get|list|history|me)$/.test(procedure) ? 'GET' : 'POST',
  ) {
    const response =
      method === 'POST'
        ? await this.request.post(`/trpc/${procedure}`, { data: input ?? null })
        : await this.request.get(
            `/trpc/${procedure}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
          );
    const body = await response.json();
    return { status: response.status(), data: body.result?.data, error: body.error };
  }
  async createUser(username: string, role: 'viewer' | 'editor' | 'admin') {
    const result = await this.call('users.create', { username, password: USER_PASSWORD, role });
    expect([200, 409]).toContain(result.status);
  }
  async createDashboard(document: unknown): Promise<string> {
    const result = await this.call('dashboards.create', { document });
    expect(result.status, JSON.stringify(result.error)).toBe(200);
    return result.data.id;
  }
}

export async function loginUi(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/#/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('current-user')).toContainText(username);
}

/** Chooses `text` in the antd Select (or Segmented) with this test id. */
export async function choose(page: Page, testId: string, text: string): Promise<void> {
  const field = page.getByTestId(testId);
  if ((await field.locator('.ant-segmented-item').count()) > 0) {
    await field
      .locator('.ant-segmented-item')
      .filter({ hasText: new RegExp(`^${text}$`) })
      .click();
    return;
  }
  // One click that waits for its option as long as the test allows (pickOption retries after 10 s).
  await field.click();
  await listOption(page, exactly(text)).click();
}

/** The options of the open antd Select list that match `option`, first one first. */
const listOption = (page: Page, option: RegExp | string) =>
  page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first();

/**
 * Opens an antd Select and clicks the option matching `option`. On a busy machine the list can
 * re-render (a refetch, a live update) or close between finding the option and the click landing: a
 * click that cannot land in 10 s (covered while the list animates in, then gone) is given up and made
 * again on a freshly opened list, up to three times. Nothing was picked, so this is safe for any Select.
 */
async function clickOption(page: Page, field: Locator, option: RegExp | string): Promise<void> {
  for (let tries = 1; ; tries += 1) {
    await field.click();
    if (tries > 1) {
      // The click toggles: it closed a list the try before left open, or opened a closed one. After
      // the animation, a closed list is opened (not with Escape: that can close a drawer around it).
      await page.waitForTimeout(500);
      if ((await page.locator('.ant-select-dropdown:visible').count()) === 0) await field.click();
    }
    const clicked = await listOption(page, option)
      .click({ timeout: 10_000 })
      .then(() => true)
      .catch((error: Error) => {
        if (tries === 3 || !error.message.includes('Timeout')) throw error;
        return false;
      });
    if (clicked) return;
  }
}

/**
 * {@link clickOption}, and then a single-value Select that does not show `shown` afterwards (the
 * options re-rendered under the click) is picked from once more. Not a multiple one: a second click
 * would take the value off again. Only for a Select that keeps its value: an "add" picker that clears
 * itself after each pick would add twice.
 */
export async function pickOption(page: Page, field: Locator, option: RegExp | string, shown: string): Promise<void> {
  await clickOption(page, field, option);
  const single =
    (await field.evaluate((element) => element.closest('.ant-select')?.classList.contains('ant-select-single'))) ?? false;
  if (!single) return;
  const took = await expect(field)
    .toContainText(shown, { timeout: 3_000 })
    .then(() => true)
    .catch(() => false);
  if (!took) await clickOption(page, field, option);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A pattern matching exactly `text`. */
const exactly = (text: string) => new RegExp(`^${escapeRegExp(text)}$`);

/** Fills the portfolio page's pre-trade check with an order and runs it; answers the verdict's locator. */
export async function runOrderCheck(page: Page, quantity: number, symbol: string): Promise<Locator> {
  await page.locator('input[data-testid="order-quantity"], [data-testid="order-quantity"] input').first().fill(String(quantity));
  await page.getByTestId('order-symbol').click();
  await page.keyboard.type(symbol);
  await listOption(page, exactly(symbol)).click();
  await page.getByTestId('run-order-check').click();
  return page.getByTestId('order-check-result');
}

/** Counts clearly green and clearly red opaque pixels on the canvases inside `panel`: drawn candles. */
export async function candlePixels(panel: Locator): Promise<{ green: number; red: number; canvases: number }> {
  return panel.locator('canvas').evaluateAll((canvases) => {
    let green = 0;
    let red = 0;
    for (const canvas of canvases as HTMLCanvasElement[]) {
      const context = canvas.getContext('2d');
      if (!context || canvas.width === 0 || canvas.height === 0) continue;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      for (let i = 0; i < data.length; i += 4) {
        const r = data[i] as number;
        const g = data[i + 1] as number;
        if ((data[i + 3] as number) < 200) continue;
        if (g > r + 40 && g > 100) green++;
        else if (r > g + 60 && r > 150) red++;
      }
    }
    return { green, red, canvases: canvases.length };
  });
}

/** A checksum of every pixel on the panel's canvases: changes when the chart draws other data. */
export async function canvasFingerprint(panel: Locator): Promise<number> {
  return panel.locator('canvas').evaluateAll((canvases) => {
    let hash = 0;
    for (const canvas of canvases as HTMLCanvasElement[]) {
      const context = canvas.getContext('2d');
      if (!context || canvas.width === 0) continue;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      for (let i = 0; i < data.length; i += 97) hash = (hash * 31 + (data[i] as number)) >>> 0;
    }
    return hash;
  });
}

export function panelDocument(
  id: string,
  type: string,
  gridPos: { x: number; y: number; w: number; h: number },
  extra: Record<string, unknown> = {},
) {
  return { id, type, pluginVersion: '0.1.0', title: id, gridPos, options: {}, ...extra };
}

export function barsQuery(symbol: string, timeframe: string) {
  return { dataSource: 'nautilus.sim-market/bars', params: { symbol, timeframe } };
}

export function dashboardDocument(title: string, panels: unknown[], variables: unknown[] = []) {
  return { schemaVersion: 1, title, tags: [], variables, timeRange: { from: 'now-90d', to: 'now' }, refresh: 'off', panels };
}

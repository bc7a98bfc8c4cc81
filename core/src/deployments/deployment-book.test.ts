import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { type Auth, type Harness, openHarness } from '../../test/harness.ts';
import { subscribe } from '../../test/strategies.ts';

const BOOK_LOGGER = `
export default defineStrategy({
  name: 'Book logger',
  onBar(ctx) {
    const book = ctx.book;
    ctx.log(book === undefined ? 'no book' : 'book ' + JSON.stringify(book));
  },
});`;

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`ctx.book in paper deployments on ${dialect.name}`, () => {
    let database: TestDatabase;
    let api: Harness;
    let editor: Auth;

    beforeAll(async () => {
      database = await dialect.create();
      api = await openHarness(database, { plugins: 'first-party' });
      editor = await api.loginAs('editor');
    });
    afterAll(async () => {
      await api?.close();
      await database?.drop();
    });

    it('hands live bars the book of the bars source plugin, warm-up bars none', async () => {
      const strategyId = (await api.call('strategies.create', { source: BOOK_LOGGER }, editor)).data.id;
      const deployed = await api.call(
        'deployments.deploy',
        {
          strategyId,
          dataSource: 'nautilus.sim-market/bars',
          symbol: 'SIM:BTCUSD',
          timeframe: '1m',
          replay: { bars: 30, speed: 600 },
          warmupBars: 3,
        },
        editor,
      );
      expect(deployed.error).toBeUndefined();
      const lines = (events: any[]) =>
        events
          .filter((event) => event.type === 'logs')
          .flatMap((event) => event.lines.map((line: any) => line.message as string));
      const { events } = await subscribe(api, 'deployments.watch', { id: deployed.data.id }, editor, (seen) =>
        lines(seen).some((line) => line.startsWith('book ')),
      );
      const withBook = lines(events).find((line) => line.startsWith('book '));
      const book = JSON.parse((withBook ?? 'book null').slice(5));
      expect(book.bids.price).toHaveLength(10);
      expect(book.asks.price).toHaveLength(10);
      expect(book.bestBid).toBe(book.bids.price[0]);
      expect(book.bestBid).toBeLessThan(book.bestAsk);
      expect(book.spread).toBeCloseTo(book.bestAsk - book.bestBid, 9);
      // The book sits around the simulated price of the instrument (BTC is tens of thousands of dollars).
      expect(book.mid).toBeGreaterThan(1_000);
      // Warm-up bars are history: the strategy saw no book on them.
      const detail = (await api.call('deployments.get', { id: deployed.data.id }, editor)).data;
      expect(detail.account.warmUpBars).toBe(3);
      expect(detail.activity.logs.slice(0, 3).map((line: { message: string }) => line.message)).toEqual([
        'no book',
        'no book',
        'no book',
      ]);
      await api.call('deployments.stop', { id: deployed.data.id }, editor);
    });
  });
}

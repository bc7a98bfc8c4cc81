import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { type Auth, type Harness, openHarness } from '../../test/harness.ts';
import type { TablePreview } from '../uploads/read-table.ts';
import type { UploadSummary } from '../uploads/upload-store.ts';

/** What the upload routes answer: a summary or a preview, or the error with its fields and problem count. */
type UploadAnswer = Partial<UploadSummary> &
  Partial<TablePreview> & {
    error: { code: string; message: string; fields: { path: string; message: string }[]; details: { problems?: number } };
  };

const DAY = 86_400_000;
const T0 = Date.parse('2024-01-02T00:00:00Z');

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`file uploads on ${dialect.name}`, () => {
    let database: TestDatabase;
    let api: Harness;
    let editor: Auth;
    let viewer: Auth;

    beforeAll(async () => {
      database = await dialect.create();
      api = await openHarness(database, { plugins: 'first-party' });
      editor = await api.loginAs('editor');
      viewer = await api.loginAs('viewer');
    }, 60_000);
    afterAll(async () => {
      await api?.close();
      await database?.drop();
    });

    const post = async (path: string, body: BodyInit, auth: Auth = editor, headers: Record<string, string> = {}) => {
      const response = await api.request(path, { method: 'POST', body, headers: { cookie: auth.cookie ?? '', ...headers } });
      return { status: response.status, body: (await response.json()) as UploadAnswer };
    };
    const upload = (name: string, body: BodyInit, mapping: unknown, auth: Auth = editor) =>
      post(`/uploads?name=${encodeURIComponent(name)}&mapping=${encodeURIComponent(JSON.stringify(mapping))}`, body, auth);
    const stored = async () => ({
      uploads: (await api.services.db.selectFrom('uploads').select('id').execute()).length,
      chunks: (await api.services.db.selectFrom('upload_chunks').select('upload_id').execute()).length,
    });

    const csv = [
      'date,ticker,o,h,l,c,vol',
      '2024-01-03,AAA,11,12,10,11.5,200',
      '2024-01-02,AAA,10,11,9,10.5,100',
      '2024-01-02,"BBB",20,21,19,20.5,300',
    ].join('\r\n');
    const ohlcv = { time: 'date', symbol: 'ticker', open: 'o', high: 'h', low: 'l', close: 'c', volume: 'vol' };

    it('previews a CSV: its columns, first rows and row count', async () => {
      const preview = await post('/uploads/preview', csv);
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({ format: 'csv', columns: ['date', 'ticker', 'o', 'h', 'l', 'c', 'vol'], rows: 3 });
      expect(preview.body.sample?.[2]).toEqual(['2024-01-02', 'BBB', '20', '21', '19', '20.5', '300']);
    });

    it('stores bars per symbol, sorted by time, queryable like any source, and lists them', async () => {
      const result = await upload('My bars', csv, ohlcv);
      expect(result.status, JSON.stringify(result.body)).toBe(200);
      expect(result.body).toMatchObject({
        name: 'My bars',
        kind: 'ohlcv',
        format: 'csv',
        symbols: ['AAA', 'BBB'],
        rows: 3,
        from: T0,
        to: T0 + DAY,
      });
      const query = (params: Record<string, unknown>) =>
        api.call(
          'dataSources.query',
          {
            dataSource: 'nautilus.core/uploads',
            params: { upload: result.body.id, ...params },
            range: { from: '2024-01-01', to: '2024-02-01' },
          },
          viewer,
        );
      const bars = await query({ symbol: 'AAA' });
      expect(bars.data.frames[0]).toMatchObject({
        kind: 'ohlcv',
        symbol: 'AAA',
        time: [T0, T0 + DAY],
        open: [10, 11],
        high: [11, 12],
        low: [9, 10],
        close: [10.5, 11.5],
        volume: [100, 200],
      });
      const ambiguous = await query({});
      expect(ambiguous.error?.data?.nautilus).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'params.symbol' }] });
      const list = await api.call('uploads.list', undefined, viewer);
      expect(list.data.map((item: { name: string }) => item.name)).toContain('My bars');
    });

    it('refuses a bad file by row and column, storing nothing', async () => {
      const before = await stored();
      const bad = [
        'date,ticker,o,h,l,c,vol',
        '2024-01-02,AAA,10,11,9,10.5,100',
        'tomorrow,AAA,10,11,9,10.5,100',
        '2024-01-04,AAA,10,9,9.5,10.5,100',
        '2024-01-05,AAA,ten,11,9,10.5,100',
        '2024-01-02,AAA,10,11,9,10.5,100',
      ].join('\n');
      const result = await upload('Bad', bad, ohlcv);
      expect(result.status).toBe(400);
      expect(result.body.error.code).toBe('VALIDATION');
      expect(result.body.error.details.problems).toBe(4);
      expect(result.body.error.fields).toEqual(
        expect.arrayContaining([
          { path: 'row 3.date', message: '"tomorrow" is not a date or time' },
          { path: 'row 4.h', message: expect.stringMatching(/high 9 and low 9.5 do not contain/) },
          { path: 'row 5.o', message: '"ten" is not a number' },
          { path: 'row 6.date', message: 'repeats the time of row 2 for AAA' },
        ]),
      );
      expect(await stored()).toEqual(before);
      const missingColumn = await upload('No column', csv, { ...ohlcv, close: 'nope' });
      expect(missingColumn.body.error.message).toMatch(/no column "nope"/);
      const halfBars = await upload('Half', csv, { time: 'date', open: 'o', close: 'c' });
      expect(halfBars.body.error.fields[0]?.path).toBe('mapping.close');
      const ragged = await upload('Ragged', 'a,b\n1,2\n3\n', { time: 'a', values: ['b'] });
      expect(ragged.body.error.message).toMatch(/not valid CSV at line 3/);
      expect(await stored()).toEqual(before);
    });

    it('reads Parquet value series (timestamps and doubles), leaving empty cells out', async () => {
      const file = parquetWriteBuffer({
        columnData: [
          { name: 'when', data: [new Date(T0 + DAY), new Date(T0)], type: 'TIMESTAMP' },
          { name: 'rate', data: [5.25, 5.5], type: 'DOUBLE' },
          { name: 'spread', data: [null, 1.25], type: 'DOUBLE' },
        ],
      });
      const preview = await post('/uploads/preview', new Uint8Array(file));
      expect(preview.body).toMatchObject({ format: 'parquet', columns: ['when', 'rate', 'spread'], rows: 2 });
      const result = await upload('Rates', new Uint8Array(file), { time: 'when', values: ['rate', 'spread'] });
      expect(result.status, JSON.stringify(result.body)).toBe(200);
      const series = await api.call(
        'dataSources.query',
        {
          dataSource: 'nautilus.core/uploads',
          params: { upload: result.body.id },
          range: { from: '2024-01-01', to: '2024-02-01' },
        },
        viewer,
      );
      expect(series.data.frames[0].series).toEqual([
        { name: 'rate', time: [T0, T0 + DAY], values: [5.5, 5.25] },
        { name: 'spread', time: [T0], values: [1.25] },
      ]);
    });

    it('lets only editors upload or delete, from the same origin only', async () => {
      expect((await upload('Viewer', csv, ohlcv, viewer)).status).toBe(403);
      expect((await post('/uploads/preview', csv, { cookie: '' } as Auth)).status).toBe(401);
      expect((await post('/uploads/preview', csv, editor, { origin: 'https://evil.example' })).status).toBe(403);
      const made = await upload('To delete', csv, ohlcv);
      expect((await api.call('uploads.delete', { id: made.body.id }, viewer)).error?.data?.nautilus?.code).toBe('FORBIDDEN');
      expect((await api.call('uploads.delete', { id: made.body.id }, editor)).status).toBe(200);
      const rows = await api.services.db
        .selectFrom('upload_chunks')
        .select('upload_id')
        .where('upload_id', '=', made.body.id as string)
        .execute();
      expect(rows).toEqual([]);
    });

    it('takes a file of a million rows', async () => {
      const lines = ['time,value'];
      for (let row = 0; row < 1_000_000; row++) lines.push(`${(T0 + row * 60_000) / 1000},${row % 997}`);
      const result = await upload('A million minutes', lines.join('\n'), { time: 'time', values: ['value'] });
      expect(result.status, JSON.stringify(result.body).slice(0, 500)).toBe(200);
      expect(result.body).toMatchObject({ rows: 1_000_000, from: T0, to: T0 + 999_999 * 60_000 });
      const last = await api.call(
        'dataSources.query',
        {
          dataSource: 'nautilus.core/uploads',
          params: { upload: result.body.id },
          range: { from: T0 + 999_990 * 60_000, to: T0 + 1_000_000 * 60_000 },
        },
        viewer,
      );
      expect(last.data.frames[0].series[0].values).toEqual(Array.from({ length: 10 }, (_, i) => (999_990 + i) % 997));
    }, 120_000);
  });
}

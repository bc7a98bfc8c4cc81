import { type DataSource, type DataSourceDescriptor, type Frame, NautilusError } from '@nautilus/sdk';
import type { Kysely } from 'kysely';
import type { Tables } from '../db/tables.ts';
import type { UploadSummary } from './upload-store.ts';

export const UPLOADS_SOURCE_REF = 'nautilus.core/uploads';

export const uploadsSourceDescriptor: DataSourceDescriptor = {
  id: 'uploads',
  name: 'Uploaded files',
  description:
    'A CSV or Parquet file uploaded on the Files page: bars (OHLCV) for candlesticks and backtests, or value series for line charts. ' +
    'Name the symbol when the file held several.',
  frames: ['ohlcv', 'timeseries'],
  querySchema: {
    type: 'object',
    additionalProperties: false,
    required: ['upload'],
    properties: {
      upload: { type: 'string', pattern: '^[0-9a-f-]{36}$', title: 'File', 'x-widget': 'upload' },
      symbol: { type: 'string', maxLength: 32, title: 'Symbol (when the file has several)' },
      timeframe: { enum: ['1m', '5m', '15m', '1h', '4h', '1d'], title: 'Timeframe of the bars', default: '1d' },
    },
  },
  streaming: false,
};

const parseJson = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);

export async function listUploads(db: Kysely<Tables>): Promise<UploadSummary[]> {
  const rows = await db.selectFrom('uploads').selectAll().orderBy('created_at', 'desc').execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind,
    format: row.format,
    columns: parseJson(row.columns) as string[],
    symbols: parseJson(row.symbols) as string[],
    rows: row.row_count,
    from: row.time_from,
    to: row.time_to,
    createdAt: new Date(row.created_at).toISOString(),
  }));
}

/** An uploaded file's rows in the range: bars, or one series per value column (empty cells left out). */
export function uploadsSource(db: Kysely<Tables>): DataSource<{ upload: string; symbol?: string; timeframe?: string }> {
  return {
    async query({ params, range, maxPoints }) {
      const upload = await db.selectFrom('uploads').selectAll().where('id', '=', params.upload).executeTakeFirst();
      if (!upload) {
        throw new NautilusError('NOT_FOUND', `No uploaded file ${params.upload}; it may have been deleted`, {
          fields: [{ path: 'params.upload', message: 'no such upload' }],
        });
      }
      const symbols = parseJson(upload.symbols) as string[];
      const columns = parseJson(upload.columns) as string[];
      const symbol = params.symbol ?? (symbols.length === 1 ? symbols[0] : undefined);
      if (symbol === undefined || !symbols.includes(symbol)) {
        throw new NautilusError(
          'VALIDATION',
          `${upload.name} holds ${symbols.length} symbols; pick one of ${symbols.slice(0, 20).join(', ')}`,
          {
            fields: [{ path: 'params.symbol', message: `one of ${symbols.slice(0, 20).join(', ')}` }],
          },
        );
      }
      const chunks = await db
        .selectFrom('upload_chunks')
        .select(['row_count', 'data'])
        .where('upload_id', '=', upload.id)
        .where('symbol', '=', symbol)
        .orderBy('chunk_index')
        .execute();
      const time: number[] = [];
      const values: number[][] = columns.map(() => []);
      for (const chunk of chunks) {
        const data = new Float64Array(new Uint8Array(Buffer.from(chunk.data, 'base64')).buffer);
        const count = chunk.row_count;
        for (let row = 0; row < count; row++) {
          const at = data[row] as number;
          if (at < range.from || at >= range.to) continue;
          time.push(at);
          columns.forEach((_, index) => {
            (values[index] as number[]).push(data[(index + 1) * count + row] as number);
          });
        }
      }
      const keep = Math.max(0, time.length - maxPoints);
      const cut = (column: number[]) => (keep > 0 ? column.slice(keep) : column);
      let frame: Frame;
      if (upload.kind === 'ohlcv') {
        const [open, high, low, close, volume] = values.map(cut) as [number[], number[], number[], number[], number[]];
        frame = {
          kind: 'ohlcv',
          symbol: symbol || upload.name,
          timeframe: (params.timeframe ?? '1d') as '1d',
          time: cut(time),
          open,
          high,
          low,
          close,
          volume,
        };
      } else {
        const times = cut(time);
        frame = {
          kind: 'timeseries',
          series: columns.map((name, index) => {
            const series = { name: symbol ? `${symbol} ${name}` : name, time: [] as number[], values: [] as number[] };
            cut(values[index] as number[]).forEach((value, row) => {
              if (Number.isNaN(value)) return;
              series.time.push(times[row] as number);
              series.values.push(value);
            });
            return series;
          }),
        };
      }
      return [frame];
    },
  };
}

import { NautilusError } from '@nautilus/sdk';
import { parse } from 'csv-parse/sync';
import { parquetMetadata, parquetRead, parquetSchema } from 'hyparquet';

export type UploadFormat = 'csv' | 'parquet';
export type Cell = string | number | bigint | boolean | Date | null | undefined;

/** What a file holds: its columns, its first rows (for the mapping step) and how many rows in all. */
export interface TablePreview {
  format: UploadFormat;
  columns: string[];
  sample: Cell[][];
  rows: number;
}

const PARQUET_MAGIC = 'PAR1';

/** CSV or Parquet, by the file's first bytes (Parquet files start and end with PAR1). */
export function detectFormat(bytes: Uint8Array): UploadFormat {
  const head = new TextDecoder().decode(bytes.subarray(0, 4));
  const tail = new TextDecoder().decode(bytes.subarray(Math.max(0, bytes.length - 4)));
  return head === PARQUET_MAGIC && tail === PARQUET_MAGIC ? 'parquet' : 'csv';
}

const unreadable = (format: UploadFormat, error: unknown, line?: number) =>
  new NautilusError(
    'VALIDATION',
    `The file is not valid ${format === 'csv' ? 'CSV' : 'Parquet'}${line ? ` at line ${line}` : ''}: ${String((error as Error)?.message ?? error).slice(0, 200)}`,
    {
      fields: [{ path: line ? `file.line ${line}` : 'file', message: `not valid ${format}` }],
    },
  );

const noColumn = (name: string, columns: string[]) =>
  new NautilusError('VALIDATION', `The file has no column "${name}" (it has ${columns.join(', ').slice(0, 300)})`, {
    fields: [{ path: 'mapping', message: `no column "${name}" in the file` }],
  });

function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** The columns, the first `sampleRows` rows and the row count. */
export async function previewTable(bytes: Uint8Array, sampleRows = 10): Promise<TablePreview> {
  const format = detectFormat(bytes);
  if (format === 'parquet') {
    try {
      const file = arrayBufferOf(bytes);
      const metadata = parquetMetadata(file);
      const columns = parquetSchema(metadata).children.map((child) => child.element.name);
      const sample = await new Promise<Cell[][]>((resolve, reject) => {
        parquetRead({ file, metadata, rowStart: 0, rowEnd: sampleRows, onComplete: (rows) => resolve(rows as Cell[][]) }).catch(
          reject,
        );
      });
      return { format, columns, sample, rows: Number(metadata.num_rows) };
    } catch (error) {
      throw unreadable(format, error);
    }
  }
  const text = new TextDecoder().decode(bytes);
  let header: string[] | undefined;
  const sample: Cell[][] = [];
  let rows = 0;
  try {
    parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      on_record: (record: string[]) => {
        if (!header) header = record.map((name) => name.trim());
        else {
          if (sample.length < sampleRows) sample.push(record);
          rows++;
        }
        return null;
      },
    });
  } catch (error) {
    throw unreadable(format, error, (error as { lines?: number }).lines);
  }
  if (!header || header.length === 0) throw unreadable(format, new Error('no header row'));
  return { format, columns: header, sample, rows };
}

/**
 * The values of `columns` (by name), column-wise, for every row. CSV rows that have more or fewer
 * cells than the header are refused, naming the line.
 */
export async function readColumns(
  bytes: Uint8Array,
  columns: string[],
): Promise<{ format: UploadFormat; values: Cell[][]; rows: number }> {
  const format = detectFormat(bytes);
  if (format === 'parquet') {
    try {
      const file = arrayBufferOf(bytes);
      const metadata = parquetMetadata(file);
      const names = parquetSchema(metadata).children.map((child) => child.element.name);
      const absent = columns.find((name) => !names.includes(name));
      if (absent) throw noColumn(absent, names);
      const rows = Number(metadata.num_rows);
      const values: Cell[][] = columns.map(() => new Array(rows));
      await parquetRead({
        file,
        metadata,
        columns,
        onChunk: ({ columnName, columnData, rowStart }) => {
          const column = values[columns.indexOf(columnName)];
          if (!column) return;
          for (let index = 0; index < columnData.length; index++) {
            if (rowStart + index < rows) column[rowStart + index] = columnData[index] as Cell;
          }
        },
      });
      return { format, values, rows };
    } catch (error) {
      if (error instanceof NautilusError) throw error;
      throw unreadable(format, error);
    }
  }
  const text = new TextDecoder().decode(bytes);
  const values: Cell[][] = columns.map(() => []);
  let positions: number[] | undefined;
  let width = 0;
  try {
    parse(text, {
      bom: true,
      skip_empty_lines: true,
      on_record: (record: string[]) => {
        if (!positions) {
          const header = record.map((name) => name.trim());
          width = header.length;
          positions = columns.map((name) => header.indexOf(name));
          const absent = columns.find((_, index) => positions?.[index] === -1);
          if (absent) throw noColumn(absent, header);
          return null;
        }
        if (record.length !== width) throw new Error(`has ${record.length} cells where the header has ${width}`);
        positions.forEach((position, index) => {
          (values[index] as Cell[]).push(record[position]);
        });
        return null;
      },
    });
  } catch (error) {
    if (error instanceof NautilusError) throw error;
    throw unreadable(format, error, (error as { lines?: number }).lines);
  }
  return { format, values, rows: values[0]?.length ?? 0 };
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource, TimeSeriesFrame } from '@nautilus/sdk';
import { pluginTestContext } from '@nautilus/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from './index.ts';

const DAY = (date: string) => Date.parse(`${date}T00:00:00Z`);

// An answer in the shape FRED documents for output_type=4 (initial release only): each observation
// with the date it first appeared (realtime_start). Written by hand for this test, not recorded: the
// CPI-like values and dates are illustrative.
const ANSWER = {
  output_type: 4,
  observations: [
    { realtime_start: '2024-02-13', realtime_end: '2024-03-11', date: '2024-01-01', value: '308.417' },
    { realtime_start: '2024-03-12', realtime_end: '2024-04-09', date: '2024-02-01', value: '310.326' },
    { realtime_start: '2024-04-10', realtime_end: '2024-05-14', date: '2024-03-01', value: '312.332' },
    // A late release publishing two periods at once: the later period is what the day shows.
    { realtime_start: '2024-05-15', realtime_end: '9999-12-31', date: '2024-03-15', value: '313.000' },
    { realtime_start: '2024-05-15', realtime_end: '9999-12-31', date: '2024-04-01', value: '313.548' },
    { realtime_start: '2024-06-12', realtime_end: '9999-12-31', date: '2024-05-01', value: '.' },
  ],
};

describe('FRED series by first release', () => {
  let server: Server;
  let source: DataSource<any>;
  const sent: URL[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      sent.push(new URL(request.url ?? '/', 'http://fred.test'));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(ANSWER));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fred/`;
    const context = pluginTestContext({ pluginId: 'nautilus.fred', config: { baseUrl }, secrets: { FRED_API_KEY: 'k' } });
    source = (await plugin.setup(context)).dataSources!['first-release']!;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('places each first release at 00:00 UTC the day after its release date, never on the day itself', async () => {
    const range = { from: DAY('2024-01-01'), to: DAY('2025-01-01') };
    const [frame] = (await source.query(
      { params: { seriesId: 'CPIAUCSL' }, range, maxPoints: 1000 },
      new AbortController().signal,
    )) as TimeSeriesFrame[];
    const [series] = frame!.series;
    expect(series!.name).toBe('CPIAUCSL first release, by publication');
    expect(series!.time).toEqual(['2024-02-14', '2024-03-13', '2024-04-11', '2024-05-16'].map(DAY));
    expect(series!.values).toEqual([308.417, 310.326, 312.332, 313.548]);
    expect(Object.fromEntries(sent[0]!.searchParams)).toMatchObject({
      series_id: 'CPIAUCSL',
      realtime_start: '1776-07-04',
      realtime_end: '9999-12-31',
      output_type: '4',
    });
  });

  it('keeps only publications inside the range', async () => {
    const range = { from: DAY('2024-03-13'), to: DAY('2024-05-16') };
    const [frame] = (await source.query(
      { params: { seriesId: 'CPIAUCSL' }, range, maxPoints: 1000 },
      new AbortController().signal,
    )) as TimeSeriesFrame[];
    expect(frame!.series[0]!.time).toEqual(['2024-03-13', '2024-04-11'].map(DAY));
  });
});

import { describe, expect, it } from 'vitest';
import { guessMapping, mappingFor } from './upload-mapping.ts';

describe('guessing what an uploaded file holds', () => {
  it('reads OHLCV columns by their usual names, with a ticker column as the symbol', () => {
    expect(guessMapping(['Date', 'Ticker', 'Open', 'High', 'Low', 'Adj Close', 'Volume'])).toEqual({
      kind: 'ohlcv',
      mapping: { time: 'Date', symbol: 'Ticker', open: 'Open', high: 'High', low: 'Low', close: 'Adj Close', volume: 'Volume' },
    });
  });

  it('takes every other column as a series when there are no bars, and the first column as time when none is named so', () => {
    expect(guessMapping(['observation_date', 'DGS10', 'DGS2'])).toEqual({
      kind: 'series',
      mapping: { time: 'observation_date', values: ['DGS10', 'DGS2'] },
    });
    expect(guessMapping(['when', 'x'])).toEqual({ kind: 'series', mapping: { time: 'when', values: ['x'] } });
    // A text column is not offered as a value.
    expect(
      guessMapping(
        ['date', 'rate', 'note'],
        [
          ['2024-01-02', '5.3', 'a'],
          ['2024-01-03', '', 'b'],
        ],
      ).mapping.values,
    ).toEqual(['rate']);
  });

  it('sends only the chosen kind’s columns', () => {
    const mapping = { time: 't', open: 'o', high: 'h', low: 'l', close: 'c', values: ['x'] };
    expect(mappingFor('series', mapping)).toEqual({ time: 't', values: ['x'] });
    expect(mappingFor('ohlcv', mapping)).toEqual({ time: 't', open: 'o', high: 'h', low: 'l', close: 'c' });
  });
});

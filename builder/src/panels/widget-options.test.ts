import { describe, expect, it } from 'vitest';
import { widgetOptions } from './widget-options.ts';

const markdownSchema = {
  type: 'object',
  properties: { markdown: { type: 'string', default: 'Notes on $symbol' }, decimals: { type: 'integer', default: 2 } },
} as const;

describe('widgetOptions', () => {
  it('substitutes the dashboard variables in a Markdown note, both spellings', () => {
    const options = widgetOptions(
      markdownSchema,
      { markdown: '## $symbol over ${range}s\n\n- $symbol again' },
      {
        symbol: 'SIM:AAPL',
        range: '30 day',
      },
    );
    expect(options.markdown).toBe('## SIM:AAPL over 30 days\n\n- SIM:AAPL again');
    expect(options.decimals).toBe(2);
  });

  it('substitutes in defaults too, and in other text options such as a stat label', () => {
    expect(widgetOptions(markdownSchema, {}, { symbol: 'SIM:MSFT' }).markdown).toBe('Notes on SIM:MSFT');
    expect(widgetOptions(undefined, { label: 'Last $symbol', prefix: '$' }, { symbol: 'SIM:SPY' })).toEqual({
      label: 'Last SIM:SPY',
      prefix: '$',
    });
  });

  it('keeps what names no variable as written', () => {
    const options = widgetOptions(markdownSchema, { markdown: 'Costs $100, see $unknown and $' }, { symbol: 'X' });
    expect(options.markdown).toBe('Costs $100, see $unknown and $');
  });
});

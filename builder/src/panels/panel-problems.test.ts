import { NautilusError } from '@nautilus/sdk';
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { dataProblem, missingWidgetProblem } from './panel-problems.ts';

const bars = { ref: 'nautilus.sim-market/bars', name: 'Simulated bars' };

describe('dataProblem', () => {
  it("names the data source and passes on the server's message and plugin", () => {
    const error = TRPCClientError.from({
      error: {
        code: -32000,
        message: 'x',
        data: {
          code: 'BAD_GATEWAY',
          httpStatus: 502,
          nautilus: {
            code: 'DATA_SOURCE_ERROR',
            message: 'Provider down; try later.',
            plugin: 'acme.data',
            fields: [],
            details: {},
          },
        },
      },
    });
    expect(dataProblem(error, bars)).toEqual({
      heading: 'No data from Simulated bars (nautilus.sim-market/bars)',
      message: 'Provider down; try later.',
      plugin: 'acme.data',
      hint: 'Retry; if it keeps failing, ask an admin to check the plugin.',
    });
  });

  it('points at the query for a validation error raised in the browser, blaming the source plugin', () => {
    const error = NautilusError.validation('time range', [{ path: 'range.from', message: 'must be before range.to' }]);
    const problem = dataProblem(error, { ref: 'nautilus.sim-market/bars' });
    expect(problem).toMatchObject({ heading: 'No data from nautilus.sim-market/bars', plugin: 'nautilus.sim-market' });
    expect(problem.hint).toMatch(/check its query/);
  });
});

describe('missingWidgetProblem', () => {
  it("explains the plugin's failure when the server knows it", () => {
    expect(missingWidgetProblem('acme.charts/line', 'dist/widgets.js does not exist')).toMatchObject({
      message: 'Its plugin acme.charts is not running: dist/widgets.js does not exist',
      plugin: 'acme.charts',
    });
  });
});

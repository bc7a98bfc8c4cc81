import { type JsonSchema, NautilusError } from '@nautilus/sdk';
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { dataProblem, missingWidgetProblem } from './panel-problems.ts';

const bars = { ref: 'nautilus.sim-market/bars', name: 'Simulated bars' };

describe('dataProblem', () => {
  it('says what to pick when the server refuses a query for a missing field, by the query form’s picker', () => {
    const error = NautilusError.validation('query for nautilus.core/strategy-results', [
      { path: 'params.id', message: 'is required' },
    ]);
    const source = {
      ref: 'nautilus.core/strategy-results',
      name: 'Strategy results',
      querySchema: {
        type: 'object',
        properties: { id: { type: 'string', 'x-widget': 'strategy-run', title: 'Run or deployment' } },
      } satisfies JsonSchema,
    };
    const problem = dataProblem(error, source);
    expect(problem.message).toBe('Pick a run.');
    expect(problem.message).not.toContain('params.id');
  });

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

  it('says the plugin is not installed, with the Plugins page for admins only', () => {
    expect(missingWidgetProblem('acme.charts/line', undefined, true)).toEqual({
      heading: 'Widget acme.charts/line is not available',
      message: 'Plugin acme.charts is not installed.',
      plugin: 'acme.charts',
      hint: 'Install it on the Plugins page; the panel keeps its settings meanwhile.',
      link: { href: '#/plugins', label: 'Open the Plugins page' },
    });
    const forViewer = missingWidgetProblem('acme.charts/line', undefined, false);
    expect(forViewer.link).toBeUndefined();
    expect(forViewer.hint).toMatch(/^Ask an admin to install it/);
  });
});

describe('dataProblem for a plugin that is not installed', () => {
  it('turns NOT_FOUND from a source whose plugin has no active source into "not installed"', () => {
    const error = new NautilusError('NOT_FOUND', 'No data source acme.feed/ticks');
    expect(dataProblem(error, { ref: 'acme.feed/ticks' }, { canInstall: true })).toMatchObject({
      message: 'Plugin acme.feed is not installed.',
      plugin: 'acme.feed',
      link: { href: '#/plugins' },
    });
    expect(dataProblem(error, { ref: 'acme.feed/ticks' }).message).toBe('No data source acme.feed/ticks');
  });
});

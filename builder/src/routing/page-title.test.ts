import { describe, expect, it } from 'vitest';
import { pageTitle, recordName, sectionTitle } from './page-title.ts';
import { parseRoute } from './route.ts';

describe('pageTitle', () => {
  it('names every page of the app by what it shows', () => {
    const titles = [
      '#/',
      '#/d/1',
      '#/d/1/edit',
      '#/strategies',
      '#/strategies/1',
      '#/portfolios',
      '#/portfolios/new',
      '#/portfolios/1',
    ]
      .concat([
        '#/data-sources',
        '#/files',
        '#/plugins',
        '#/admin/users',
        '#/admin/api-keys',
        '#/admin/audit',
        '#/s/nsh_x',
        '#/login',
        '#/nope',
      ])
      .map((hash) => pageTitle(parseRoute(hash)));
    expect(titles).toEqual([
      'Dashboards · Nautilus',
      'Dashboard · Nautilus',
      'Editing dashboard · Nautilus',
      'Strategy Lab · Nautilus',
      'Strategy Lab · Nautilus',
      'Portfolios · Nautilus',
      'New portfolio · Nautilus',
      'Portfolio · Nautilus',
      'Data sources · Nautilus',
      'Files · Nautilus',
      'Plugins · Nautilus',
      'Users · Nautilus',
      'API keys · Nautilus',
      'Audit log · Nautilus',
      'Shared dashboard · Nautilus',
      'Log in · Nautilus',
      'No such page · Nautilus',
    ]);
  });

  it('puts the open object’s name first, trimmed, and ignores a blank one', () => {
    expect(pageTitle({ name: 'portfolio', id: 'p' }, ' Core holdings ')).toBe('Core holdings · Portfolio · Nautilus');
    expect(pageTitle({ name: 'dashboard', id: 'd' }, '   ')).toBe('Dashboard · Nautilus');
    expect(sectionTitle({ name: 'strategy', id: 's' })).toBe('Strategy Lab');
  });
});

describe('recordName', () => {
  it('reads a dashboard’s document title, else a name, else nothing', () => {
    expect(recordName({ document: { title: 'Morning desk' }, name: 'x' })).toBe('Morning desk');
    expect(recordName({ name: 'Core holdings' })).toBe('Core holdings');
    expect(recordName({ name: 42 })).toBeUndefined();
    expect(recordName(undefined)).toBeUndefined();
  });
});

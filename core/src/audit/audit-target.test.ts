import { describe, expect, it } from 'vitest';
import { auditTarget } from './audit-target.ts';

describe('auditTarget', () => {
  it("takes the answer's id and version for what a call made, else the input's", () => {
    expect(auditTarget('dashboards.create', { title: 'x' }, { id: 'd1', version: 1 })).toEqual({
      type: 'dashboard',
      id: 'd1',
      version: 1,
    });
    expect(auditTarget('dashboards.save', { id: 'd1', baseVersion: 2 }, undefined)).toEqual({
      type: 'dashboard',
      id: 'd1',
      version: null,
    });
    expect(auditTarget('strategies.save', { id: 's1' }, { id: 's1', version: 4, unchanged: false })).toMatchObject({
      version: 4,
    });
  });

  it('names the object a call refers to in another area', () => {
    expect(auditTarget('sharing.grant', { objectType: 'portfolio', objectId: 'p1' }, { id: 'p1', ok: true })).toEqual({
      type: 'portfolio',
      id: 'p1',
      version: null,
    });
    expect(auditTarget('backtests.run', { strategyId: 's1', version: 3 }, undefined)).toEqual({
      type: 'strategy',
      id: 's1',
      version: 3,
    });
    expect(
      auditTarget('providers.setSecret', { pluginId: 'nautilus.fred', name: 'FRED_API_KEY', value: 'secret' }, null),
    ).toEqual({
      type: 'provider',
      id: 'nautilus.fred',
      version: null,
    });
  });

  it('keeps nothing but ids and numbers: no passwords, keys or long text', () => {
    const target = auditTarget('users.create', { username: 'u', password: 'a long enough password' }, { id: 'u1' });
    expect(JSON.stringify(target)).not.toContain('password');
    expect(auditTarget('apiKeys.create', { name: 'k' }, { id: 'k1', key: 'nau_k1_secret' })).toEqual({
      type: 'api-key',
      id: 'k1',
      version: null,
    });
    expect(auditTarget('dashboards.save', { id: 'x'.repeat(500) }, 'not an object')).toEqual({
      type: null,
      id: null,
      version: null,
    });
  });
});

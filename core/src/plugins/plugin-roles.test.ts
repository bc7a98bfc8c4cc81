import type { FieldIssue } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { defaultChain } from '../bars/bars-chain.ts';
import { DEFAULT_ROLES, readPluginRoles } from './plugin-roles.ts';

describe('plugin roles', () => {
  it('defaults to the first-party plugins when nothing is configured', () => {
    const issues: FieldIssue[] = [];
    expect(readPluginRoles({}, issues)).toEqual(DEFAULT_ROLES);
    expect(issues).toEqual([]);
  });

  it('lets a third-party plugin take each role', () => {
    const issues: FieldIssue[] = [];
    const roles = readPluginRoles(
      {
        NAUTILUS_RISK_PLUGIN: 'acme.risk',
        NAUTILUS_COVARIANCE_KERNEL: 'acme.gpu/cov',
        NAUTILUS_DEFAULT_BARS: 'acme.feed/bars',
        NAUTILUS_PROVIDER_BARS: 'acme.feed/bars, other.vendor/bars',
      },
      issues,
    );
    expect(issues).toEqual([]);
    expect(roles).toEqual({
      riskPlugin: 'acme.risk',
      covarianceKernel: 'acme.gpu/cov',
      defaultBars: 'acme.feed/bars',
      providerBars: ['acme.feed/bars', 'other.vendor/bars'],
    });
    expect(defaultChain((ref) => ref === 'other.vendor/bars', roles)).toEqual([
      { match: 'SIM:*', sources: ['acme.feed/bars'], calendar: 'none' },
      { match: '*', sources: ['other.vendor/bars'], calendar: 'auto' },
    ]);
  });

  it('names each malformed role by its variable', () => {
    const issues: FieldIssue[] = [];
    readPluginRoles(
      { NAUTILUS_RISK_PLUGIN: 'Not An Id', NAUTILUS_DEFAULT_BARS: 'no-slash', NAUTILUS_PROVIDER_BARS: 'a.b/c,bad' },
      issues,
    );
    expect(issues.map((issue) => issue.path)).toEqual([
      'NAUTILUS_PROVIDER_BARS',
      'NAUTILUS_RISK_PLUGIN',
      'NAUTILUS_DEFAULT_BARS',
    ]);
  });
});

import type { PluginManifest } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { addedPermissions, addsPermissions } from './permissions-diff.ts';

const manifest = (permissions: PluginManifest['permissions']) => ({ permissions }) as PluginManifest;

describe('addedPermissions', () => {
  it('an update that may query one more data source needs approval again, one that queries fewer does not', () => {
    const installed = manifest({ network: [], secrets: [], dataSources: ['nautilus.fred/series'] });
    const more = addedPermissions(
      installed,
      manifest({ network: [], secrets: [], dataSources: ['nautilus.fred/series', 'nautilus.yahoo/bars'] }),
    );
    expect(more).toEqual({ network: [], secrets: [], dataSources: ['nautilus.yahoo/bars'], kinds: [] });
    expect(addsPermissions(more)).toBe(true);
    const fewer = addedPermissions(installed, manifest({ network: [], secrets: [], dataSources: [] }));
    expect(addsPermissions(fewer)).toBe(false);
  });

  it('lists every host, secret and data source of a first install, and the kinds it uses', () => {
    const added = addedPermissions(
      undefined,
      manifest({ network: ['api.example.com'], secrets: ['KEY'], dataSources: ['a.b/c'] }),
    );
    expect(added).toEqual({
      network: ['api.example.com'],
      secrets: ['KEY'],
      dataSources: ['a.b/c'],
      kinds: ['dataSources', 'network', 'secrets'],
    });
  });
});

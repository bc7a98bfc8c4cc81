import { describe, expect, it } from 'vitest';
import { pluginAssetUrl } from './plugin-asset-url.ts';

describe('pluginAssetUrl', () => {
  it('decodes the plugin id and the asset path once each', () => {
    expect(pluginAssetUrl('http://h/plugins/nautilus.widgets-core/dist/chart%20a.js?v=1')).toEqual({
      pluginId: 'nautilus.widgets-core',
      path: 'dist/chart a.js',
    });
    // %2541 is "%41" once decoded, not "A": decoding twice would let a path hide what it names.
    expect(pluginAssetUrl('http://h/plugins/p/%2541.js')?.path).toBe('%41.js');
    expect(pluginAssetUrl('http://h/plugins/p%2Eq/a%2Fb')).toEqual({ pluginId: 'p.q', path: 'a/b' });
  });

  it.each(['/plugins/x/%E0%A4%A', '/plugins/x/%', '/plugins/x/%zz', '/plugins/%E0%A4%A/index.js', '/plugins/x/a%ED%A0%80'])(
    'gives undefined for the malformed escapes of %s',
    (path) => {
      expect(pluginAssetUrl(`http://h${path}`)).toBeUndefined();
    },
  );

  it('gives undefined for a path outside /plugins/', () => {
    expect(pluginAssetUrl('http://h/assets/x.js')).toBeUndefined();
  });
});

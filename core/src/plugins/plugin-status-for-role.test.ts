import { describe, expect, it } from 'vitest';
import { redactHostDetails } from './plugin-status-for-role.ts';

describe('redactHostDetails', () => {
  it.each([
    ['Plugin at /srv/nautilus/plugins/acme must default-export', 'Plugin at <path> must default-export'],
    ["Cannot find module '/home/ann/.nautilus/plugins/x/dist/index.js'", "Cannot find module '<path>'"],
    ['failed to load file:///opt/app/plugins/x/index.js: boom', 'failed to load <path>: boom'],
    ['ENOENT: no such file or directory, open "/etc/acme/key.pem"', 'ENOENT: no such file or directory, open "<path>"'],
    [
      'bundle dist/w.js does not exist in /var/lib/nautilus/plugins/w; build it',
      'bundle dist/w.js does not exist in <path>; build it',
    ],
    ['cannot open C:\\Users\\ann\\plugins\\x\\index.js', 'cannot open <path>'],
    ['open /srv/keys/server.pem: permission denied.', 'open <path>: permission denied.'],
    ['no plugin in /srv/nautilus/plugins.', 'no plugin in <path>.'],
    [
      'cannot reach postgres://nautilus:hunter2@db.internal:5432/app',
      'cannot reach postgres://<credentials>@db.internal:5432/app',
    ],
  ])('blanks out %j', (message, expected) => {
    expect(redactHostDetails(message)).toBe(expected);
  });

  it('keeps URLs, ratios, references and plain reasons as they are', () => {
    for (const message of [
      'Upstream https://api.example.com/v1/quotes said 503; try again later',
      'requires Nautilus core ^9.0.0; this is 0.1.0',
      'setup().dataSources.numbers: must implement query()',
      'Data source test.quotes/slow did not answer within 300 ms',
      'ratio 1/2 is not allowed',
    ]) {
      expect(redactHostDetails(message)).toBe(message);
    }
  });
});

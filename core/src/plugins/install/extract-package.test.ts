import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rawTarball, TICKS_PLUGIN } from '../../../test/plugin-packages.ts';
import { extractPackage } from './extract-package.ts';
import { packFolder } from './pack-folder.ts';

const scratch: string[] = [];
function destination(): string {
  const root = mkdtempSync(join(tmpdir(), 'nautilus-extract-'));
  scratch.push(root);
  return join(root, 'out');
}
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function refusal(bytes: Buffer, limits?: Parameters<typeof extractPackage>[2]): Promise<{ message: string; dest: string }> {
  const dest = destination();
  const error = await extractPackage(bytes, dest, limits).then(
    () => undefined,
    (caught: Error) => caught,
  );
  expect(error, 'the archive should have been refused').toBeDefined();
  return { message: (error as Error).message, dest };
}

describe('extractPackage', () => {
  it('unpacks an npm-pack layout tarball without its package/ folder', async () => {
    const dest = destination();
    const files = await extractPackage(await packFolder(TICKS_PLUGIN), dest);
    expect(files).toEqual(['README.md', 'index.js', 'package.json']);
    expect(JSON.parse(readFileSync(join(dest, 'package.json'), 'utf8')).nautilus.id).toBe('acme.ticks');
  });

  it('packs the same folder to the same bytes every time', async () => {
    expect((await packFolder(TICKS_PLUGIN)).equals(await packFolder(TICKS_PLUGIN))).toBe(true);
  });

  it('refuses a path that climbs out with ..', async () => {
    const { message, dest } = await refusal(rawTarball([{ path: 'package/../../evil.js', body: 'x' }]));
    expect(message).toContain("climbs out of the package with '..'");
    expect(existsSync(dest)).toBe(false);
    expect(existsSync(join(dest, '..', '..', 'evil.js'))).toBe(false);
  });

  it('refuses an absolute path', async () => {
    expect((await refusal(rawTarball([{ path: '/tmp/evil.js', body: 'x' }]))).message).toContain('has an absolute path');
  });

  it('refuses a symbolic link, even one pointing inside, and a hard link', async () => {
    const symlink = rawTarball([
      { path: 'package/package.json', body: '{}' },
      { path: 'package/escape', type: 'SymbolicLink', linkpath: '/etc' },
      { path: 'package/escape/passwd', body: 'x' },
    ]);
    expect((await refusal(symlink)).message).toContain("entry 'package/escape' is a symbolic link to '/etc'");
    const hardlink = rawTarball([{ path: 'package/key', type: 'Link', linkpath: '../../secrets.key' }]);
    expect((await refusal(hardlink)).message).toContain('is a hard link');
  });

  it('refuses device files and FIFOs', async () => {
    expect((await refusal(rawTarball([{ path: 'package/tty', type: 'CharacterDevice' }]))).message).toContain(
      'is a CharacterDevice',
    );
    expect((await refusal(rawTarball([{ path: 'package/pipe', type: 'FIFO' }]))).message).toContain('is a FIFO');
  });

  it('refuses entries outside the top folder and duplicates', async () => {
    const two = rawTarball([
      { path: 'package/a.js', body: '1' },
      { path: 'other/b.js', body: '2' },
    ]);
    expect((await refusal(two)).message).toContain("outside the package's top folder 'package/'");
    const twice = rawTarball([
      { path: 'package/a.js', body: '1' },
      { path: 'package/a.js', body: '2' },
    ]);
    expect((await refusal(twice)).message).toContain("entry 'package/a.js' appears twice");
  });

  it('names the limit an oversize archive hits: files, unpacked bytes, packed bytes', async () => {
    const many = rawTarball(Array.from({ length: 5 }, (_, index) => ({ path: `package/f${index}.js`, body: 'x' })));
    const limits = { maxPackedBytes: 1_000_000, maxUnpackedBytes: 1_000_000, maxFiles: 4 };
    expect((await refusal(many, limits)).message).toContain('more than 4 files (maxFiles)');
    // A header declaring 200 MB is refused before a byte of it is read.
    const huge = rawTarball([{ path: 'package/big.bin', size: 200 * 1024 * 1024 }]);
    expect((await refusal(huge)).message).toContain(`more than ${128 * 1024 * 1024} bytes (maxUnpackedBytes)`);
    // A gzip bomb: a few KB that unpack to 2 MB of zeros.
    const bomb = rawTarball([{ path: 'package/zeros', body: '\0'.repeat(2_000_000) }]);
    expect(bomb.length).toBeLessThan(20_000);
    expect((await refusal(bomb, { ...limits, maxUnpackedBytes: 1_000_000 })).message).toContain('(maxUnpackedBytes)');
    expect((await refusal(many, { ...limits, maxPackedBytes: 10 })).message).toContain(
      'over the limit of 10 bytes (maxPackedBytes)',
    );
  });

  it('refuses what is not a tarball', async () => {
    expect((await refusal(Buffer.from('just some text, not a tar archive at all'.repeat(20)))).message).toContain(
      'not a readable tarball',
    );
  });
});

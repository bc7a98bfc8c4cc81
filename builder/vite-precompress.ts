import { readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Text formats worth compressing; fonts like woff2 and images are compressed already. */
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.json', '.svg', '.ttf', '.map', '.wasm']);
/** Below this a compressed answer saves less than its header costs. */
const MIN_BYTES = 1024;
/**
 * Brotli's best quality (11) costs seconds per megabyte: the Monaco chunks (up to 7 MB) would add
 * about 15 s to every build for 10 % fewer bytes. Files above this size get quality 9 (0.1 s/MB).
 */
const BEST_QUALITY_MAX_BYTES = 1024 * 1024;

/**
 * Writes `<file>.br` and `<file>.gz` beside each compressible file of the build, so the server sends
 * compressed code without compressing it on every request (brotli 11, or 9 above 1 MB; gzip 9).
 */
export function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'nautilus:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = join(config.root, config.build.outDir);
    },
    async writeBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((name) => COMPRESSIBLE.has(extname(name)));
      await Promise.all(
        files.map(async (name) => {
          const path = join(outDir, name);
          const source = await readFile(path);
          if (source.length < MIN_BYTES) return;
          const [br, gz] = await Promise.all([
            brotli(source, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: source.length <= BEST_QUALITY_MAX_BYTES ? constants.BROTLI_MAX_QUALITY : 9,
                [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
              },
            }),
            gzipAsync(source, { level: 9 }),
          ]);
          await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gz)]);
        }),
      );
    },
  };
}

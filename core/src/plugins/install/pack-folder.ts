import { create } from 'tar';
import { listPackageFiles } from './package-files.ts';

/**
 * Packs a plugin folder the way `npm pack` lays it out (everything under `package/`, gzip), with no
 * times or owners, so the same files always give the same bytes and so the same integrity.
 * node_modules and .git are left out; symbolic links stay links (and installing refuses them).
 */
export async function packFolder(dir: string): Promise<Buffer> {
  const stream = create(
    { cwd: dir, prefix: 'package', gzip: true, portable: true, noMtime: true, follow: false },
    listPackageFiles(dir),
  );
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

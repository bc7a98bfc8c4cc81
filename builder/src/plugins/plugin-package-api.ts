import type { PackageReview } from './usePluginInstalls.ts';

/** What POST /plugin-packages answers when it refuses a package. */
export interface PackageProblem {
  code: string;
  message: string;
  fields: { path: string; message: string }[];
}

export class PackageUploadError extends Error {
  readonly problem: PackageProblem;
  constructor(problem: PackageProblem) {
    super(problem.message);
    this.problem = problem;
  }
}

/** Sends a package tarball (what `npm pack` writes) to be staged; answers its review, or throws what was wrong. */
export async function uploadPackage(file: File): Promise<PackageReview> {
  let response: Response;
  try {
    response = await fetch(`/plugin-packages?fileName=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      body: file,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/octet-stream' },
    });
  } catch {
    throw new PackageUploadError({
      code: 'NETWORK',
      message: 'The server could not be reached; check your connection and try again.',
      fields: [],
    });
  }
  const body = (await response.json().catch(() => undefined)) as { error?: PackageProblem } | PackageReview | undefined;
  if (response.status === 413) {
    throw new PackageUploadError({
      code: 'TOO_LARGE',
      message: 'The package is larger than the server takes (32 MB packed).',
      fields: [],
    });
  }
  if (!response.ok || !body || 'error' in body) {
    const problem = body && 'error' in body ? body.error : undefined;
    throw new PackageUploadError(
      problem ?? { code: 'INTERNAL', message: `The upload failed (HTTP ${response.status}); try again.`, fields: [] },
    );
  }
  return body as PackageReview;
}

/** The raw-bytes upload endpoints (beside /trpc), with their errors as thrown values. */

export interface UploadPreview {
  format: 'csv' | 'parquet';
  columns: string[];
  sample: unknown[][];
  rows: number;
}

export interface UploadProblem {
  code: string;
  message: string;
  fields: { path: string; message: string }[];
  details: { problems?: number };
}

export class UploadError extends Error {
  readonly problem: UploadProblem;
  constructor(problem: UploadProblem) {
    super(problem.message);
    this.problem = problem;
  }
}

async function send<T>(url: string, file: Blob): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      body: file,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/octet-stream' },
    });
  } catch {
    throw new UploadError({
      code: 'NETWORK',
      message: 'The server could not be reached; check your connection and try again.',
      fields: [],
      details: {},
    });
  }
  const body = (await response.json().catch(() => undefined)) as { error?: UploadProblem } | undefined;
  if (!response.ok) {
    if (response.status === 413) {
      throw new UploadError({
        code: 'TOO_LARGE',
        message: 'The file is larger than the server takes (256 MB); split it and upload the parts.',
        fields: [],
        details: {},
      });
    }
    throw new UploadError(
      body?.error ?? {
        code: 'INTERNAL',
        message: `The upload failed (HTTP ${response.status}); try again.`,
        fields: [],
        details: {},
      },
    );
  }
  return body as T;
}

export const previewUpload = (file: Blob) => send<UploadPreview>('/uploads/preview', file);

export const importUpload = (file: Blob, name: string, mapping: unknown) =>
  send<{ id: string; rows: number; symbols: string[] }>(
    `/uploads?name=${encodeURIComponent(name)}&mapping=${encodeURIComponent(JSON.stringify(mapping))}`,
    file,
  );

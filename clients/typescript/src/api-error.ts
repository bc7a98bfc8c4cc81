/** One field the server refused, by its path in the input (`range.from`, `params.fast`). */
export interface FieldIssue {
  path: string;
  message: string;
}

/** The body of every error the HTTP API answers. */
export interface ApiErrorBody {
  code: string;
  message: string;
  fields: FieldIssue[];
  details: Record<string, unknown>;
  requestId: string | null;
}

/**
 * An error answered by the Nautilus API: `code` is the server's error code (`VALIDATION`, `UNAUTHORIZED`,
 * `NOT_FOUND`, …), `fields` the inputs it refused, `status` the HTTP status, `requestId` for the server log.
 */
export class NautilusApiError extends Error {
  override readonly name = 'NautilusApiError';
  readonly code: string;
  readonly fields: FieldIssue[];
  readonly details: Record<string, unknown>;
  readonly status: number;
  readonly requestId: string | null;
  /** The procedure called, `area.verb`. */
  readonly path: string;

  constructor(status: number, body: ApiErrorBody, path: string) {
    super(body.message);
    this.code = body.code;
    this.fields = body.fields;
    this.details = body.details;
    this.status = status;
    this.requestId = body.requestId;
    this.path = path;
  }
}

/** Reads an error response; a body that is not the API's error shape (a proxy's HTML page) still becomes one error. */
export async function apiErrorFrom(response: Response, path: string): Promise<NautilusApiError> {
  const text = await response.text();
  let body: Partial<ApiErrorBody> | undefined;
  try {
    body = JSON.parse(text) as Partial<ApiErrorBody>;
  } catch {
    body = undefined;
  }
  const requestId = body?.requestId ?? response.headers.get('x-request-id');
  return new NautilusApiError(
    response.status,
    {
      code: typeof body?.code === 'string' ? body.code : codeOfStatus(response.status),
      message:
        typeof body?.message === 'string' ? body.message : `${path} answered HTTP ${response.status}: ${text.slice(0, 200)}`,
      fields: Array.isArray(body?.fields) ? body.fields : [],
      details: body?.details && typeof body.details === 'object' ? body.details : {},
      requestId: requestId ?? null,
    },
    path,
  );
}

function codeOfStatus(status: number): string {
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 503) return 'UNAVAILABLE';
  return status >= 500 ? 'INTERNAL' : 'VALIDATION';
}

const STATUS_OF_CODE: Record<string, number> = {
  VALIDATION: 400,
  INSUFFICIENT_DATA: 400,
  NOT_POSITIVE_DEFINITE: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  COMPUTE_UNAVAILABLE: 412,
  RATE_LIMITED: 429,
  DATA_SOURCE_ERROR: 502,
  UNAVAILABLE: 503,
  PLUGIN_TIMEOUT: 408,
  SANDBOX_TIMEOUT: 408,
};

/** The HTTP status the API answers `code` with, for errors that arrive inside an open event stream. */
export function statusOfCode(code: unknown): number {
  return (typeof code === 'string' ? STATUS_OF_CODE[code] : undefined) ?? 500;
}

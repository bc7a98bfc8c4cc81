/** What went wrong with an analytics input; every code names a caller mistake, not an internal failure. */
export const ANALYTICS_ERROR_CODES = {
  /** A series or option is malformed: lengths differ, times do not increase, values are not finite or not positive. */
  INVALID_INPUT: 'INVALID_INPUT',
} as const;

export type AnalyticsErrorCode = keyof typeof ANALYTICS_ERROR_CODES;

/** A bad analytics input. `field` is the path of the offending value (e.g. `equity[3]`), for form errors. */
export class AnalyticsError extends Error {
  override readonly name = 'AnalyticsError';
  readonly code: AnalyticsErrorCode;
  readonly field: string;
  constructor(code: AnalyticsErrorCode, field: string, message: string) {
    super(`${field}: ${message}`);
    this.code = code;
    this.field = field;
  }
}

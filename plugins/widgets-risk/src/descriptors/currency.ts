import type { JsonSchema } from '@nautilus/sdk';

/** A currency option: an ISO 4217 code, which Intl.NumberFormat needs; anything else falls back to the default. */
export const currencyOption: JsonSchema = {
  type: 'string',
  title: 'Currency (ISO 4217 code)',
  pattern: '^[A-Z]{3}$',
  minLength: 3,
  maxLength: 3,
  default: 'USD',
};

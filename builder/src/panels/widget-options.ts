import { interpolateVariables, type JsonSchema } from '@nautilus/sdk';
import type { VariableValues } from '../data/variable-values.ts';
import { withDefaults } from '../schema-form/schema-fields.ts';

/**
 * The options a widget is handed: the schema's defaults filled in, and `$variable` / `${variable}` in
 * every text option replaced by the dashboard's value (a Markdown note saying "$symbol", a stat label),
 * as Grafana does in its text panels. Unknown names stay as written, so `$` alone or `$100` is kept.
 * @example widgetOptions(schema, { markdown: '## $symbol' }, { symbol: 'SIM:AAPL' }) // { markdown: '## SIM:AAPL' }
 */
export function widgetOptions(
  schema: JsonSchema | undefined,
  options: Record<string, unknown>,
  values: VariableValues,
): Record<string, unknown> {
  return interpolateVariables(withDefaults(schema, options), values);
}

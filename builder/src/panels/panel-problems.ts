import { isNautilusError } from '@nautilus/sdk';
import { describeApiError } from '../api/api-error.ts';

/** What a panel shows instead of its widget when something went wrong, and whom to blame. */
export interface PanelProblem {
  heading: string;
  message: string;
  /** The plugin at fault, when known. */
  plugin?: string;
  /** What the user can do about it. */
  hint?: string;
}

/** A failed data query, naming the data source and passing on the server's advice. */
export function dataProblem(error: unknown, dataSource: { ref: string; name?: string }): PanelProblem {
  const problem = isNautilusError(error)
    ? { code: error.code, message: error.message, plugin: error.plugin }
    : describeApiError(error);
  const source = dataSource.name ? `${dataSource.name} (${dataSource.ref})` : dataSource.ref;
  const result: PanelProblem = { heading: `No data from ${source}`, message: problem.message };
  const plugin = problem.plugin ?? dataSource.ref.split('/')[0];
  if (plugin) result.plugin = plugin;
  if (problem.code === 'VALIDATION') result.hint = 'Edit the panel and check its query, or the dashboard’s time range.';
  else if (problem.code === 'NETWORK') result.hint = 'Check your connection, then retry.';
  else result.hint = 'Retry; if it keeps failing, ask an admin to check the plugin.';
  return result;
}

/** A panel whose widget type no active plugin provides. */
export function missingWidgetProblem(type: string, pluginProblem: string | undefined): PanelProblem {
  const plugin = type.split('/')[0] ?? type;
  return {
    heading: `Widget ${type} is not available`,
    message: pluginProblem
      ? `Its plugin ${plugin} is not running: ${pluginProblem}`
      : `No active plugin provides it; is ${plugin} installed?`,
    plugin,
    hint: 'Ask an admin to install or fix the plugin; the panel keeps its settings meanwhile.',
  };
}

/** The widget threw or rejected while loading, mounting or drawing. */
export function widgetProblem(message: string, plugin: string, type: string): PanelProblem {
  return {
    heading: `The widget ${type} failed`,
    message,
    plugin,
    hint: 'Try other options or data; if it keeps failing, report it to the plugin’s author.',
  };
}

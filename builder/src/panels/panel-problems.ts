import { isNautilusError, type JsonSchema } from '@nautilus/sdk';
import { describeApiError } from '../api/api-error.ts';
import { messageInWords } from '../api/field-words.ts';

/** What a panel shows instead of its widget when something went wrong, and whom to blame. */
export interface PanelProblem {
  heading: string;
  message: string;
  /** The plugin at fault, when known. */
  plugin?: string;
  /** What the user can do about it. */
  hint?: string;
  /** Where to do it (the Plugins page, for an admin), when there is a page for it. */
  link?: { href: string; label: string };
}

/** Where an admin installs plugins; the routing module's `#/plugins`, written here so panels stay free of routing. */
const PLUGINS_PAGE = '#/plugins';

/** A plugin the panel needs that this server does not have: admins get a link to install it. */
function notInstalled(plugin: string, canInstall: boolean): Pick<PanelProblem, 'message' | 'hint' | 'link'> {
  return canInstall
    ? {
        message: `Plugin ${plugin} is not installed.`,
        hint: 'Install it on the Plugins page; the panel keeps its settings meanwhile.',
        link: { href: PLUGINS_PAGE, label: 'Open the Plugins page' },
      }
    : {
        message: `Plugin ${plugin} is not installed.`,
        hint: 'Ask an admin to install it; the panel keeps its settings meanwhile.',
      };
}

/**
 * A failed data query, naming the data source and passing on the server's advice. `missingPlugin`
 * says that no active plugin offers any source of the ref's plugin, so a NOT_FOUND means it is not installed.
 */
export function dataProblem(
  error: unknown,
  dataSource: { ref: string; name?: string; querySchema?: JsonSchema | undefined },
  missingPlugin?: { canInstall: boolean },
): PanelProblem {
  // A refused query says what to pick or fill in, by the names the query form shows ("Pick a run.").
  const schema = dataSource.querySchema;
  const problem = isNautilusError(error)
    ? { code: error.code, message: messageInWords(error, schema), plugin: error.plugin }
    : describeApiError(error, { schema });
  const source = dataSource.name ? `${dataSource.name} (${dataSource.ref})` : dataSource.ref;
  const result: PanelProblem = { heading: `No data from ${source}`, message: problem.message };
  const plugin = problem.plugin ?? dataSource.ref.split('/')[0];
  if (plugin) result.plugin = plugin;
  if (plugin && missingPlugin && problem.code === 'NOT_FOUND')
    return { ...result, ...notInstalled(plugin, missingPlugin.canInstall), plugin };
  if (problem.code === 'VALIDATION') result.hint = 'Edit the panel and check its query, or the dashboard’s time range.';
  else if (problem.code === 'NETWORK') result.hint = 'Check your connection, then retry.';
  else result.hint = 'Retry; if it keeps failing, ask an admin to check the plugin.';
  return result;
}

/** A panel whose widget type no active plugin provides: its plugin failed (and why), or is not installed. */
export function missingWidgetProblem(type: string, pluginProblem: string | undefined, canInstall = false): PanelProblem {
  const plugin = type.split('/')[0] ?? type;
  const heading = `Widget ${type} is not available`;
  if (!pluginProblem) return { heading, plugin, ...notInstalled(plugin, canInstall) };
  return {
    heading,
    message: `Its plugin ${plugin} is not running: ${pluginProblem}`,
    plugin,
    hint: 'Ask an admin to fix the plugin; the panel keeps its settings meanwhile.',
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

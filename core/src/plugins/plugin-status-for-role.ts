import type { Role } from '../db/tables.ts';
import type { PluginStatus } from './plugin-host.ts';

/** A plugin's status as `plugins.list` answers it: `dir` only for admins. */
export type ListedPluginStatus = Omit<PluginStatus, 'dir'> & { dir?: string };

/**
 * What of a plugin's status a role may see. Admins get everything; everyone else gets no detail of
 * the host: no folder, and error messages with file paths and URL credentials blanked out (a plugin
 * that failed to load usually names where it was; the reason itself still shows).
 */
export function pluginStatusForRole(status: PluginStatus, role: Role): ListedPluginStatus {
  if (role === 'admin') return status;
  const { dir: _dir, ...rest } = status;
  return {
    ...rest,
    error: status.error && {
      code: status.error.code,
      message: redactHostDetails(status.error.message),
      fields: status.error.fields.map((field) => ({ path: field.path, message: redactHostDetails(field.message) })),
    },
  };
}

// A path starts at a slash that does not follow a word, a dot, a colon or another slash (so
// `https://host/x` and `1/2` are left alone), or at a drive letter; file: URLs go whole.
const FILE_URL = /\bfile:\/\/[^\s'"`<>]*/g;
const POSIX_PATH = /(?<![\w.:/\\-])\/[^\s'"`<>(),;]+/g;
const WINDOWS_PATH = /\b[A-Za-z]:\\[^\s'"`<>(),;]*/g;
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@'"`<>]+@/gi;

/** A path's end keeps the sentence's punctuation: `open /a/b.pem: denied.` reads `open <path>: denied.`. */
const blank = (path: string) => `<path>${/[.:]+$/.exec(path)?.[0] ?? ''}`;

/** Blanks out file paths and URL credentials in a message meant for users who are not admins. */
export function redactHostDetails(text: string): string {
  return text
    .replace(FILE_URL, blank)
    .replace(URL_CREDENTIALS, '$1<credentials>@')
    .replace(WINDOWS_PATH, blank)
    .replace(POSIX_PATH, blank);
}

/** The folder choice meaning "every folder"; `null` means the top level (no folder). */
export const ALL_FOLDERS = '*';

export type FolderChoice = typeof ALL_FOLDERS | string | null;

/** The distinct folders of the listed dashboards, sorted. */
export function foldersOf(dashboards: readonly { folder: string | null }[]): string[] {
  return [...new Set(dashboards.flatMap((item) => (item.folder ? [item.folder] : [])))].sort((a, b) => a.localeCompare(b));
}

/**
 * The dashboards in `folder` whose title contains `search` (case-insensitive), in the given order.
 * @example filterDashboards(list, 'Macro', 'rates')
 */
export function filterDashboards<T extends { title: string; folder: string | null }>(
  dashboards: readonly T[],
  folder: FolderChoice,
  search: string,
): T[] {
  const text = search.trim().toLocaleLowerCase();
  return dashboards.filter(
    (item) => (folder === ALL_FOLDERS || item.folder === folder) && (!text || item.title.toLocaleLowerCase().includes(text)),
  );
}

export type ThemeMode = 'dark' | 'light';

export const THEME_STORAGE_KEY = 'nautilus.theme';

/** Dark unless the user chose light; unreadable storage (privacy modes) falls back to dark. */
export function readThemeMode(storage: Pick<Storage, 'getItem'> | undefined): ThemeMode {
  try {
    return storage?.getItem(THEME_STORAGE_KEY) === 'light' ? 'light' : 'dark';
  } catch {
    return 'dark';
  }
}

/** Remembers the choice; a storage that refuses writes only costs the memory of it. */
export function writeThemeMode(storage: Pick<Storage, 'setItem'> | undefined, mode: ThemeMode): void {
  try {
    storage?.setItem(THEME_STORAGE_KEY, mode);
  } catch {
    // Quota exceeded or storage disabled: the theme still applies for this visit.
  }
}

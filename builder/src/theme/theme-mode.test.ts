import { describe, expect, it } from 'vitest';
import { readThemeMode, THEME_STORAGE_KEY, writeThemeMode } from './theme-mode.ts';

// A working Storage with nothing behind it but a Map, the way the browser's localStorage behaves.
function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const items = new Map<string, string>();
  return { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, String(value)) };
}

const brokenStorage: Pick<Storage, 'getItem' | 'setItem'> = {
  getItem: () => {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  },
  setItem: () => {
    throw new DOMException('Quota exceeded.', 'QuotaExceededError');
  },
};

describe('theme mode', () => {
  it('is dark when nothing was chosen', () => {
    expect(readThemeMode(memoryStorage())).toBe('dark');
    expect(readThemeMode(undefined)).toBe('dark');
  });

  it('remembers light across reads', () => {
    const storage = memoryStorage();
    writeThemeMode(storage, 'light');
    expect(readThemeMode(storage)).toBe('light');
    writeThemeMode(storage, 'dark');
    expect(readThemeMode(storage)).toBe('dark');
  });

  it('falls back to dark for a value it does not know', () => {
    const storage = memoryStorage();
    storage.setItem(THEME_STORAGE_KEY, 'solarized');
    expect(readThemeMode(storage)).toBe('dark');
  });

  it('survives a storage that throws on every call', () => {
    expect(readThemeMode(brokenStorage)).toBe('dark');
    expect(() => writeThemeMode(brokenStorage, 'light')).not.toThrow();
  });
});

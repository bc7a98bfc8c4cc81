import { App as AntApp, ConfigProvider, theme } from 'antd';
import { createContext, type ReactNode, useEffect, useMemo, useState } from 'react';
import { readThemeMode, type ThemeMode, writeThemeMode } from './theme-mode.ts';

export interface ThemeModeState {
  mode: ThemeMode;
  setMode: (mode: ThemeMode) => void;
}

export const ThemeModeContext = createContext<ThemeModeState | null>(null);

const storage = () => (typeof window === 'undefined' ? undefined : window.localStorage);

/** Applies the antd theme (dark by default) and keeps the user's choice in localStorage. */
export function ThemeModeProvider({ children }: { children: ReactNode }) {
  const [mode, setMode] = useState<ThemeMode>(() => readThemeMode(storage()));

  useEffect(() => {
    writeThemeMode(storage(), mode);
    document.documentElement.dataset.theme = mode;
    document.documentElement.style.colorScheme = mode;
  }, [mode]);

  const state = useMemo(() => ({ mode, setMode }), [mode]);
  const algorithm = mode === 'dark' ? theme.darkAlgorithm : theme.defaultAlgorithm;

  return (
    <ThemeModeContext value={state}>
      <ConfigProvider theme={{ algorithm }}>
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </ThemeModeContext>
  );
}

import { useContext } from 'react';
import { ThemeModeContext, type ThemeModeState } from './ThemeModeProvider.tsx';

/** The current theme mode and its setter; needs a ThemeModeProvider above. */
export function useThemeMode(): ThemeModeState {
  const state = useContext(ThemeModeContext);
  if (!state) throw new Error('useThemeMode must be used inside <ThemeModeProvider>.');
  return state;
}

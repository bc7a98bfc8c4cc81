import { describe, expect, it } from 'vitest';
import { neutralPalette, themeName, withAlpha } from './theme.ts';

describe('theme', () => {
  it('draws anything but light in the dark theme, the builder default', () => {
    expect(themeName('light')).toBe('light');
    expect(themeName('dark')).toBe('dark');
    expect(themeName('sepia')).toBe('dark');
    expect(neutralPalette('light').background).toBe('#ffffff');
    expect(neutralPalette('sepia').background).toBe('#141414');
  });

  it('turns #rrggbb into rgba with the alpha, leaving other colours as they are', () => {
    expect(withAlpha('#26a69a', 0.45)).toBe('rgba(38, 166, 154, 0.45)');
    expect(withAlpha('#FFFFFF', 1)).toBe('rgba(255, 255, 255, 1)');
    expect(withAlpha('red', 0.5)).toBe('red');
  });
});

import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/**
 * Mantine's defaults with contrast raised to WCAG AA: shade 8 of blue on white is 5:1 (shade 6 is 3.6:1),
 * and "dimmed" text uses gray 7 (8:1) instead of gray 6 (3.3:1).
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 6 },
  focusRing: 'auto',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", "Helvetica Neue", Arial, sans-serif',
  defaultRadius: 'sm',
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: {},
});

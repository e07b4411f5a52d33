import { Badge, createTheme, type CSSVariablesResolver } from '@mantine/core';

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
  components: {
    Badge: Badge.extend({
      // Badges carry short status words that must be read whole. Chrome can size a word a fraction of a
      // pixel narrower than it paints it (Arabic especially, in table columns shrunk to their minimum),
      // and Mantine's ellipsis then turned "فشل" into "ف…". Clip instead: at most a sliver of padding.
      styles: { label: { overflow: 'visible', textOverflow: 'clip' } },
    }),
  },
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: {},
});

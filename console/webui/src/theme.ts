import { Alert, createTheme } from '@mantine/core';

/**
 * The console's look: Mantine's defaults with shades dark enough for WCAG AA contrast on white
 * (text 4.5:1), checked by the story's accessibility scan of every page.
 */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 8, dark: 4 },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  defaultRadius: 'sm',
  focusRing: 'auto',
  components: {
    Badge: { defaultProps: { variant: 'outline', radius: 'sm' } },
    // icon-only close buttons get a name a screen reader can say
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close dialog' } } },
    Notification: { defaultProps: { closeButtonProps: { 'aria-label': 'Close notification' } } },
    // an alert's title in the text colour (its colour shows in its background and border): on the light variant's
    // tinted background even the darkest green is below 4.5:1
    Alert: Alert.extend({
      defaultProps: { closeButtonLabel: 'Close' },
      vars: () => ({ root: { '--alert-color': 'var(--mantine-color-text)' } }),
    }),
    // links inside running text are underlined, not told apart by colour alone
    Anchor: { defaultProps: { underline: 'always' } },
  },
});

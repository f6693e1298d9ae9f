import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  framework: '@storybook/web-components-vite',
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-docs'],
  core: {
    // Storybook must never reach the network: no telemetry, crash reports or update notices.
    disableTelemetry: true,
    enableCrashReports: false,
    disableWhatsNewNotifications: true,
  },
  // vite.config.ts gives Storybook its plain config; the kit has no public folder to copy.
  viteFinal: (config) => ({ ...config, publicDir: false }),
};

export default config;

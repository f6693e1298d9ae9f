import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { StorybookConfig } from '@storybook/web-components-vite';

// custom-elements.json, fresh from the classes' JSDoc, for the controls and the docs pages (preview.ts): as
// `npm run build` writes it, so that Storybook built from a fresh checkout has it too.
const root = join(import.meta.dirname, '..');
execFileSync(join(root, 'node_modules', '.bin', 'cem'), ['analyze', '--litelement', '--globs', 'src/elements/**/*.component.ts', '--quiet'], { cwd: root, stdio: 'inherit' });

const config: StorybookConfig = {
  framework: '@storybook/web-components-vite',
  // A docs page per widget in Swedish (stories/docs/*.mdx), beside the stories.
  stories: ['../stories/docs/*.mdx', '../stories/**/*.stories.ts'],
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

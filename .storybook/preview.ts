import type { Preview } from '@storybook/web-components-vite';
import '../src/index.ts';
import { loadLanguage } from '../src/i18n/index.ts';

type Locale = 'sv' | 'en';

// Swedish is the kit's default everywhere, and so it is on the page the stories sit on.
document.documentElement.lang = 'sv';

const toLocale = (value: unknown): Locale => (value === 'en' ? 'en' : 'sv');

const preview: Preview = {
  parameters: {
    // An accessibility violation fails the story's test.
    a11y: { test: 'error' },
  },
  globalTypes: {
    locale: {
      description: 'The page language the widgets inherit (lang on <html>)',
      toolbar: {
        title: 'Språk',
        icon: 'globe',
        items: [
          { value: 'sv', right: 'sv', title: 'Svenska' },
          { value: 'en', right: 'en', title: 'English' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'sv' },
  // English is fetched on demand on a real page; here a story in either language shows at once.
  loaders: [() => loadLanguage('en')],
  decorators: [
    // The widgets follow lang on the page, as on a municipality's CMS page; a story may still set lang on the element.
    (story, { globals }) => {
      document.documentElement.lang = toLocale(globals['locale']);
      return story();
    },
  ],
};

export default preview;

import type { Preview } from '@storybook/web-components-vite';
import '../src/index.ts';
import { loadLanguage } from '../src/i18n/index.ts';
import { themeColours } from '../src/styles/contrast.ts';
import exempelby from '../demo/themes/exempelby.css?raw';
import norrby from '../demo/themes/norrby.css?raw';
import sjostad from '../demo/themes/sjostad.css?raw';

/** The demo site's example municipal themes (demo/themes/), each checked for contrast by test/unit/themes.test.ts. */
const THEMES: Record<string, Record<string, string>> = {
  exempelby: themeColours(exempelby), norrby: themeColours(norrby), sjostad: themeColours(sjostad),
};
let applied: string[] = [];
/** Sets a theme's --esk-… properties on the page; the widgets inherit them through their shadow roots. */
function applyTheme(name: unknown): void {
  const root = document.documentElement.style;
  for (const property of applied) root.removeProperty(property);
  const theme = THEMES[typeof name === 'string' && name in THEMES ? name : 'exempelby']!;
  for (const [property, value] of Object.entries(theme)) root.setProperty(property, value);
  applied = Object.keys(theme);
}

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
    theme: {
      description: 'A municipality’s colours, font and corners (the --esk-… properties), as in demo/themes/',
      toolbar: {
        title: 'Tema',
        icon: 'paintbrush',
        items: [
          { value: 'exempelby', title: 'Exempelby (standard)' },
          { value: 'norrby', title: 'Norrby' },
          { value: 'sjostad', title: 'Sjöstad' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'sv', theme: 'exempelby' },
  // English is fetched on demand on a real page; here a story in either language shows at once.
  loaders: [() => loadLanguage('en')],
  decorators: [
    // The widgets follow lang on the page, as on a municipality's CMS page; a story may still set lang on the element.
    (story, { globals }) => {
      document.documentElement.lang = toLocale(globals['locale']);
      applyTheme(globals['theme']);
      return story();
    },
  ],
};

export default preview;

import { setCustomElementsManifest, type Preview, type WebComponentsRenderer } from '@storybook/web-components-vite';
import type { ArgTypesEnhancer } from 'storybook/internal/types';
import { configure } from 'storybook/test';
import '../src/index.ts';
import { loadLanguage } from '../src/i18n/index.ts';
import { themeColours } from '../src/styles/contrast.ts';
import exempelby from '../demo/themes/exempelby.css?raw';
import norrby from '../demo/themes/norrby.css?raw';
import sjostad from '../demo/themes/sjostad.css?raw';

// The play functions wait for what the widgets fetch and load on demand (a definition, its messages, a part of the
// form): on a busy machine that can take longer than testing-library's default second.
configure({ asyncUtilTimeout: 10_000 });

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

interface Member { kind?: string; privacy?: string; static?: boolean; readonly?: boolean }
interface Manifest { modules?: { declarations?: { members?: Member[] }[] }[] }

/**
 * The widgets' attributes, properties, events, CSS parts and custom properties, from custom-elements.json (written
 * from the classes' JSDoc by main.ts, as by `npm run build`): Storybook's controls and the docs pages' tables.
 * Only what a page may set is kept of the members: not the classes' private state, their methods or read-only getters.
 */
function publicManifest(manifest: Manifest): Manifest {
  const settable = (member: Member) => member.kind === 'field' && !member.static && !member.readonly && (member.privacy ?? 'public') === 'public';
  return {
    ...manifest,
    modules: manifest.modules?.map((module) => ({
      ...module,
      declarations: module.declarations?.map((declaration) => ({ ...declaration, members: declaration.members?.filter(settable) })),
    })),
  };
}
const [manifest] = Object.values(import.meta.glob<Manifest>('../custom-elements.json', { eager: true, import: 'default' }));
if (manifest) setCustomElementsManifest(publicManifest(manifest));

/** A control for an attribute or property of a plain type (`string | undefined` is text); none for the rest. */
const CONTROLS: Record<string, string> = { string: 'text', number: 'number', boolean: 'boolean' };
const controlsFromManifest: ArgTypesEnhancer<WebComponentsRenderer> = ({ argTypes }) => Object.fromEntries(Object.entries(argTypes).map(([name, argType]) => {
  const category = argType.table?.category;
  if (category !== 'attributes' && category !== 'properties' && category !== 'events' && category !== 'css custom properties' && category !== 'css shadow parts') return [name, argType];
  const type = (argType.table?.type?.summary ?? '').replace(/\s*\|\s*undefined$/, '');
  const control = (category === 'attributes' || category === 'properties') && CONTROLS[type];
  return [name, { ...argType, control: control ? { type: control } : false }];
}));

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
  argTypesEnhancers: [controlsFromManifest],
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

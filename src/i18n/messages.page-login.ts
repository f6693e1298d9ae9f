import { addTexts } from './index.js';

/** The Swedish text of the way to the page's own login (src/components/page-login.ts). */
export const svPageLogin = {
  'login.toPage': 'Till inloggningen',
} as const;

addTexts('sv', svPageLogin);

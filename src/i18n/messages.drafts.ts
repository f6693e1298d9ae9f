import { addTexts } from './index.js';

/**
 * The Swedish texts of saved drafts (src/elements/e-service-form/drafts.ts): fetched with the drafts,
 * for an e-service with login, so an e-service without login does not carry them.
 */
export const svDrafts = {
  'draft.save': 'Spara',
  'draft.saving': 'Sparar…',
  'draft.saved': 'Sparat {time}',
  'draft.failed': 'Inte sparat – försöker igen',
  'draft.offline': 'Inte sparat – du är inte ansluten till internet. Dina svar finns kvar och sparas så fort anslutningen är tillbaka.',
  'draft.refused': 'Inte sparat: {reason}',
  'draft.conflict': 'Ärendet har ändrats på annat håll, till exempel i en annan flik.',
  'draft.latest': 'Hämta den senaste versionen',
  'draft.keep': 'Behåll mina svar',
  'draft.loading': 'Hämtar ditt utkast…',
  'draft.loadFailed': 'Vi kan inte hämta ditt utkast just nu. Försök igen om en stund.',
  'draft.gone': 'Utkastet finns inte längre. Det kan ha skickats in, tagits bort eller gallrats. Du kan börja om här.',
  'draft.delete': 'Ta bort utkastet',
  'draft.confirmTitle': 'Vill du ta bort utkastet?',
  'draft.confirmText': 'Det du har fyllt i tas bort och går inte att få tillbaka.',
  'draft.confirm': 'Ja, ta bort utkastet',
  'draft.cancel': 'Avbryt',
  'draft.deleted': 'Utkastet är borttaget.',
  'draft.deleteFailed': 'Utkastet kunde inte tas bort. Försök igen.',
} as const;

addTexts('sv', svDrafts);

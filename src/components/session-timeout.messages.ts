import { addTexts } from '../i18n/index.js';

/**
 * The dialog's Swedish texts come with it, fetched once someone is logged in: a page where no one
 * logs in never carries them (the name puts it among vite.config.ts's LATER modules, outside the
 * kit's first chunk). Its English is in messages.en.ts with the rest.
 */
export const svSession = {
  'session.warningTitle': 'Du loggas snart ut',
  'session.warningText': 'Du har varit inaktiv en stund. Av säkerhetsskäl loggas du ut om {time}.',
  'session.timeLeft': 'Du loggas ut om {time}.',
  'session.continue': 'Fortsätt vara inloggad',
  'session.logout': 'Logga ut',
  'session.expiredTitle': 'Du har loggats ut',
  'session.expiredText': 'Du har loggats ut eftersom du inte har varit aktiv på {time}. Det du har fyllt i finns kvar; logga in igen för att fortsätta.',
  'session.ok': 'OK',
  'session.minute': 'minut|minuter',
  'session.second': 'sekund|sekunder',
};
addTexts('sv', svSession);

import { addTexts } from './index.js';

/**
 * The Swedish texts of <e-service-form>'s login gate and the population register's questions
 * (src/elements/e-service-form/eid-parts.ts): fetched with them, for the e-services that need e-ID.
 */
export const svRegister = {
  'form.loginRequired': 'Du behöver logga in med e-legitimation för att använda den här e-tjänsten. Dina uppgifter hämtas då från folkbokföringen.',
  'form.alreadyUsedTitle': 'Du har redan använt tjänsten',
  'form.alreadyUsedText': 'Du kan bara skicka en ansökan i den här e-tjänsten, och den du har skickat finns på Mina sidor. Där kan du följa ärendet.',
  'form.loginAgain': 'Du har loggats ut. Logga in igen för att fortsätta – det du har fyllt i finns kvar.',
  'form.loadingPerson': 'Hämtar dina uppgifter från folkbokföringen…',
  'form.registerUnavailable': 'Vi kan inte hämta dina uppgifter från folkbokföringen just nu. Det du har fyllt i finns kvar. Försök igen om en stund.',
  'form.noChildren': 'Vi hittar inget barn i folkbokföringen som du är vårdnadshavare för och som e-tjänsten gäller. Kontakta kommunen om det inte stämmer.',
  'form.registerWaiting': 'Vi kan inte hämta dina uppgifter från folkbokföringen just nu. Du kan fylla i resten under tiden – det du fyller i finns kvar. Det här väntar på folkbokföringen: {questions}.',
  'form.personalNumberRequired': 'Den här e-tjänsten kräver svenskt personnummer eller samordningsnummer. Din e-legitimation har inget av dem, så du kan inte använda e-tjänsten med den. Kontakta kommunen för att ansöka på ett annat sätt.',
  'form.registerWaitingField': 'Väntar på folkbokföringen – frågan går att besvara när den går att nå igen.',
} as const;

addTexts('sv', svRegister);

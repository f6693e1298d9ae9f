import { addTexts } from './index.js';

/**
 * The Swedish texts of the review page (src/elements/e-service-form/review.ts): fetched with it.
 */
export const svReview = {
  'form.review': 'Granska dina uppgifter',
  'form.reviewIntro': 'Kontrollera att allt stämmer innan du skickar.',
  'form.change': 'Ändra',
  'form.registerWaitingShort': 'Väntar på folkbokföringen',
} as const;

addTexts('sv', svReview);

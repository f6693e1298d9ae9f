import { addTexts } from './index.js';

/**
 * The Swedish texts of an outcome that ends <e-service-form> early (src/elements/e-service-form/outcomes-view.ts):
 * fetched with it, for the e-services whose definitions have outcomes or warnings.
 */
export const svOutcomes = {
  'form.changeAnswers': 'Ändra dina svar',
  'form.warningPrefix': 'Varning:',
} as const;

addTexts('sv', svOutcomes);

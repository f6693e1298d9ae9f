import { addTexts } from './index.js';

/**
 * The Swedish texts of the address and the repeating group (src/components/fields/address-field.ts,
 * group-field.ts): fetched with them, so an e-service that asks neither does not carry them.
 */
export const svGroups = {
  'form.addItem': 'Lägg till {item}',
  'form.removeItem': 'Ta bort {item} {number}',
  'form.itemRemoved': '{item} {number} är borttagen.',
  'form.itemAdded': '{item} {number} är tillagd.',
  'address.street': 'Gatuadress',
  'address.postalCode': 'Postnummer',
  'address.city': 'Postort',
} as const;

addTexts('sv', svGroups);

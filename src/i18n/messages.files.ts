import { addTexts } from './index.js';

/**
 * The Swedish texts of file questions and attachments (src/components/fields/file-field.ts,
 * <case-messages>): fetched with them, so an e-service without files does not carry them.
 */
export const svFiles = {
  'file.choose': 'Välj fil',
  'file.chooseMore': 'Välj en fil till',
  'file.limits': '{types}, högst {size} MB per fil, högst {count} filer.',
  'file.uploading': 'Laddar upp {name}: {percent} %',
  'file.uploaded': '{name} är uppladdad.',
  'file.cancel': 'Avbryt uppladdningen av {name}',
  'file.remove': 'Ta bort {name}',
  'file.removed': '{name} är borttagen.',
  'file.failed': '{name} kunde inte laddas upp: {reason}',
  'file.failedOffline': 'det gick inte att nå e-tjänsten',
  'file.offline': 'du är inte ansluten till internet. Filen laddas upp så fort anslutningen är tillbaka.',
  'file.tooLarge': 'filen är större än {size} MB',
  'file.wrongType': 'filen ska vara {types}',
  'file.tooMany': 'du kan bifoga högst {count} filer',
} as const;

addTexts('sv', svFiles);

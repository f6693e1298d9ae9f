import type { SubmitCaseResponse } from '../../src/contract/cases.js';
import type { Language } from '../../src/contract/text.js';
import { stockholmDate } from '../stockholm-time.js';

/** What the applicant's receipt says while the others have not signed yet. */
export function awaitingReceipt(response: SubmitCaseResponse, who: 'otherGuardians' | 'namedPerson', deadline: Date): SubmitCaseResponse {
  const date = (lang: Language) => stockholmDate(deadline, lang, 'dayMonthYear');
  const other = who === 'otherGuardians'
    ? { sv: 'den andra vårdnadshavaren', en: 'the other guardian' }
    : { sv: 'den andra personen', en: 'the other person' };
  return {
    ...response,
    receipt: {
      ...response.receipt,
      title: { sv: `Väntar på underskrift från ${other.sv}`, en: `Waiting for ${other.en} to sign` },
      text: {
        sv: `Du har skrivit under. Väntar på underskrift från ${other.sv}: vi har skickat en länk. Ansökan skickas till kommunen när alla har skrivit under, senast den ${date('sv')}. Du ser hur det går på Mina sidor.`,
        en: `You have signed. Waiting for ${other.en} to sign: we have sent them a link. The application is sent to the municipality once everyone has signed, by ${date('en')}. You can follow it on My pages.`,
      },
    },
  };
}

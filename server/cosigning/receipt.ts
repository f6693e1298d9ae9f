import type { SubmitCaseResponse } from '../../src/contract/cases.js';
import type { Language } from '../../src/contract/text.js';
import { cosignerRecipient, queueNotification } from '../notify/notifications.js';
import { stockholmDate } from '../stockholm-time.js';
import type { Queryable } from '../store/database.js';

/**
 * What the applicant's receipt says while the others have not signed yet. An e-service with a fee is paid once
 * they have: the receipt's payment says so (`afterCosigning`), and nothing is paid for a case that may never be sent.
 */
export function awaitingReceipt(response: SubmitCaseResponse, who: 'otherGuardians' | 'namedPerson' | 'companySignatories', deadline: Date): SubmitCaseResponse {
  const payment = response.receipt.payment;
  const later = payment && payment.state !== 'paid';
  const date = (lang: Language) => stockholmDate(deadline, lang, 'dayMonthYear');
  const other = who === 'otherGuardians'
    ? { sv: 'den andra vårdnadshavaren', en: 'the other guardian' }
    : who === 'companySignatories'
      ? { sv: 'den andra firmatecknaren', en: 'the other authorised signatory' }
      : { sv: 'den andra personen', en: 'the other person' };
  return {
    ...response,
    receipt: {
      ...response.receipt,
      ...(later ? { payment: { ...payment, state: 'afterCosigning' as const } } : {}),
      title: { sv: `Väntar på underskrift från ${other.sv}`, en: `Waiting for ${other.en} to sign` },
      text: {
        sv: later
          ? `Du har skrivit under. Väntar på underskrift från ${other.sv}: vi har skickat en länk. När alla har skrivit under, senast den ${date('sv')}, betalar du avgiften på Mina sidor – då skickas ansökan till kommunen. Vi meddelar dig när det är dags.`
          : `Du har skrivit under. Väntar på underskrift från ${other.sv}: vi har skickat en länk. Ansökan skickas till kommunen när alla har skrivit under, senast den ${date('sv')}. Du ser hur det går på Mina sidor.`,
        en: later
          ? `You have signed. Waiting for ${other.en} to sign: we have sent them a link. Once everyone has signed, by ${date('en')}, you pay the fee on My pages – then the application is sent to the municipality. We will let you know when it is time.`
          : `You have signed. Waiting for ${other.en} to sign: we have sent them a link. The application is sent to the municipality once everyone has signed, by ${date('en')}. You can follow it on My pages.`,
      },
    },
  };
}

/** Each cosigner's receipt of a case now sent: to the address they were invited at, or their profile's. */
export async function queueCosignerReceipts(tx: Queryable, caseId: string, now: Date): Promise<void> {
  const { rows } = await tx.query<{ id: string; personal_number: string; invite_channel: 'email' | 'sms' | null; invite_to: string | null }>(
    'SELECT id, personal_number, invite_channel, invite_to FROM cosign_requests WHERE case_id = $1', [caseId]);
  for (const request of rows) {
    const recipient = await cosignerRecipient(tx, request.personal_number, { channel: request.invite_channel, to: request.invite_to });
    await queueNotification(tx, caseId, 'receipt', `receipt:${caseId}:${request.id}`, now, { recipient });
  }
}

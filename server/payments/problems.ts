import type { PaymentMethod } from '../../src/contract/payments.js';
import type { Language } from '../../src/contract/text.js';
import { problem } from '../problem.js';

/** The payment routes' refusals, each in the citizen's language: what happened and what to do. */
export const paymentProblems = {
  notFound: (lang: Language) =>
    problem(404, 'payment-not-found', lang === 'en' ? 'The payment was not found' : 'Betalningen finns inte'),
  alreadyPaid: (lang: Language) =>
    problem(409, 'case-paid', lang === 'en' ? 'The case is paid already' : 'Ärendet är redan betalt',
      lang === 'en' ? 'Nothing more is charged: the case has been sent to the municipality.' : 'Inget mer dras: ärendet är skickat till kommunen.'),
  nothingToPay: (lang: Language) =>
    problem(409, 'nothing-to-pay', lang === 'en' ? 'The case has nothing to pay' : 'Ärendet har inget att betala'),
  methodUnavailable: (lang: Language, method: PaymentMethod) =>
    problem(409, 'payment-method-unavailable',
      lang === 'en' ? `This e-service cannot be paid by ${method === 'card' ? 'card' : 'Swish'}` : `E-tjänsten kan inte betalas med ${method === 'card' ? 'kort' : 'Swish'}`),
  payerNotSwish: (lang: Language) =>
    problem(400, 'payer-not-swish', lang === 'en' ? 'That mobile number cannot pay with Swish' : 'Mobilnumret kan inte betala med Swish',
      lang === 'en' ? 'Check the number, or pay on this device or by card.' : 'Kontrollera numret, eller betala på den här enheten eller med kort.',
      [{ path: 'payerMobile', code: 'payer-not-swish', message: lang === 'en' ? 'Enter the mobile number connected to your Swish' : 'Ange mobilnumret som är kopplat till din Swish' }]),
  providerUnavailable: (lang: Language) =>
    problem(502, 'payment-provider-unavailable',
      lang === 'en' ? 'The payment could not be started' : 'Betalningen kunde inte startas',
      lang === 'en' ? 'Nothing has been charged. Try again in a while.' : 'Inget har dragits. Försök igen om en stund.'),
  refundTooLarge: (lang: Language, left: number) =>
    problem(409, 'refund-too-large', lang === 'en' ? 'More than is left to refund' : 'Mer än det som finns kvar att återbetala',
      `At most ${left} öre can be refunded.`),
  notPaid: (lang: Language) =>
    problem(409, 'case-not-paid', lang === 'en' ? 'The case has not been paid' : 'Ärendet är inte betalt'),
};

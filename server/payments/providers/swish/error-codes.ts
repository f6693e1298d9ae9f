/**
 * Swish Commerce API error codes with the texts Swish gives them, as listed in Swish's Merchant
 * Integration Guide (2.x), the Merchant Swish Simulator user guide (1.6) and the API reference at
 * developer.swish.nu ("Error codes"). A 422 answer carries an array of
 * `{ errorCode, errorMessage, additionalInformation }`; a payment request or refund that ends in
 * ERROR carries one `errorCode` / `errorMessage` pair. RP07's text is ours: Swish documents the
 * code (422 on cancelling a request that is no longer CREATED) without a text we could find.
 */
export const SWISH_ERROR_MESSAGES = {
  // Checked when a payment request or refund is created (422).
  FF08: 'PaymentReference is invalid.',
  RP01: 'Missing Merchant Swish Number.',
  RP02: 'Wrong formatted message.',
  RP03: 'Callback URL is missing or does not use HTTPS.',
  RP06: 'A payment request already exists for that payer. Only applicable for Swish e-commerce.',
  RP07: 'The payment request cannot be cancelled: only a CREATED payment request can.',
  RP09: 'The given instructionUUID is not available. Note: The instructionUUID already exist in the database, i.e. it is not unique.',
  BE18: 'Payer alias is invalid.',
  PA02: 'Amount value is missing or not a valid number.',
  AM02: 'Amount value is too large.',
  AM03: 'Invalid or missing Currency.',
  AM06: 'Specified transaction amount is less than agreed minimum.',
  ACMT01: 'Counterpart is not activated.',
  ACMT03: 'Payer not Enrolled.',
  ACMT07: 'Payee not Enrolled.',
  // Refunds.
  RF02: 'Original Payment not found or original payment is more than 13 months old.',
  RF03: 'Payer alias in the refund does not match the payee alias in the original payment.',
  RF08: 'Amount value is too large, or amount exceeds the amount of the original payment minus any previous refunds. Note: the remaining available amount is put into the additional information field.',
  RF09: 'Refund already in progress.',
  // How a payment request or refund can end in ERROR.
  RF07: 'Transaction declined.',
  BANKIDCL: 'Payer cancelled BankId signing.',
  FF10: 'Bank system processing error.',
  TM01: 'Swish timed out before the payment was started.',
  DS24: 'Swish timed out waiting for an answer from the banks after payment was started.',
} as const;

export type SwishErrorCode = keyof typeof SWISH_ERROR_MESSAGES;

/** One entry of a 422 answer. */
export interface SwishErrorEntry {
  errorCode: SwishErrorCode;
  errorMessage: string;
  additionalInformation: string | null;
}

export function swishError(code: SwishErrorCode, additionalInformation: string | null = null): SwishErrorEntry {
  return { errorCode: code, errorMessage: SWISH_ERROR_MESSAGES[code], additionalInformation };
}

/**
 * The Merchant Swish Simulator's error simulation (MSS user guide 1.6, 4.4 and 7.5): a `message`
 * that is exactly one of these codes makes the create call fail with it at once (422)…
 */
export const SIMULATED_AT_CREATE: readonly SwishErrorCode[] = [
  'FF08', 'RP01', 'RP02', 'RP03', 'RP06', 'BE18', 'PA02', 'AM02', 'AM03', 'AM06', 'ACMT01', 'ACMT03', 'ACMT07',
];
/** …or makes the payment request (or refund) end in ERROR with it, as if the bank or payer had. */
export const SIMULATED_AS_RESULT: readonly SwishErrorCode[] = ['RF07', 'BANKIDCL', 'FF10', 'TM01', 'DS24'];

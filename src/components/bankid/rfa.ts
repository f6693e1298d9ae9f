import type { MessageKey } from '../../i18n/messages.js';
import '../../i18n/messages.bankid.js';
import '../../i18n/messages.eid.js';

/**
 * BankID's recommended user messages (developers.bankid.com, "Recommended user messages"):
 * which RFA text to show for each hintCode and errorCode. The texts themselves are in the
 * i18n catalogue as `eid.RFA…`, in Swedish and English.
 */
export type Rfa =
  | 'RFA1' | 'RFA3' | 'RFA4' | 'RFA5' | 'RFA6' | 'RFA8' | 'RFA9' | 'RFA13' | 'RFA15A' | 'RFA15B'
  | 'RFA16' | 'RFA17A' | 'RFA17B' | 'RFA20' | 'RFA21' | 'RFA22' | 'RFA23';

export const rfaKey = (rfa: Rfa): MessageKey => `eid.${rfa}`;

/** How the order was started: with a QR code (another device) or autostart (this device), and on a mobile or not. */
export interface RfaContext {
  qr: boolean;
  mobile: boolean;
}

/** While the order is pending. Codes BankID adds later get RFA21. */
export function pendingRfa(hintCode: string | undefined, { qr, mobile }: RfaContext): Rfa {
  switch (hintCode) {
    case 'outstandingTransaction':
      return qr ? 'RFA1' : 'RFA13';
    case 'noClient':
      return 'RFA1';
    case 'userSign':
      return 'RFA9';
    case 'started':
      return mobile ? 'RFA15B' : 'RFA15A';
    case 'userMrtd':
      return 'RFA23';
    default:
      return 'RFA21';
  }
}

/** When the order has failed. Unknown codes get RFA22. */
export function failedRfa(hintCode: string | undefined, { qr }: Pick<RfaContext, 'qr'>): Rfa {
  switch (hintCode) {
    case 'cancelled':
      return 'RFA3';
    case 'userCancel':
      return 'RFA6';
    case 'expiredTransaction':
      return 'RFA8';
    case 'certificateErr':
      return 'RFA16';
    case 'startFailed':
      return qr ? 'RFA17B' : 'RFA17A';
    default:
      return 'RFA22';
  }
}

/** When a request failed: BankID's errorCode, or `network` when the backend could not be reached. */
export function errorRfa(errorCode: string | undefined): Rfa {
  switch (errorCode) {
    case 'alreadyInProgress':
      return 'RFA4';
    case 'requestTimeout':
    case 'maintenance':
    case 'internalError':
    case 'network':
      return 'RFA5';
    default:
      return 'RFA22';
  }
}

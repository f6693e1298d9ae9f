/** True on phones and tablets: there BankID's app link is https://app.bankid.com/ and BankID says RFA15B. */
export const isMobileDevice = (): boolean => /Android|iPhone|iPad|iPod|Mobile/i.test(navigator.userAgent);

/** The link that starts the BankID app on this device for an order: the app's universal link on a phone. */
export function bankIdAutostartUrl(token: string, mobile: boolean): string {
  const base = mobile ? 'https://app.bankid.com/' : 'bankid:///';
  return `${base}?autostarttoken=${encodeURIComponent(token)}&redirect=null`;
}

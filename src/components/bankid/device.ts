/** True on phones and tablets: there BankID's app link is https://app.bankid.com/ and BankID says RFA15B. */
export const isMobileDevice = (): boolean => /Android|iPhone|iPad|iPod|Mobile/i.test(navigator.userAgent);

/** samlify's schema validator (xmllint compiled to WebAssembly, with the SAML 2.0 schemas); it ships no types of its own. */
declare module '@authenio/samlify-xmllint-wasm' {
  /** Resolves when the message is valid against the SAML 2.0 schemas; rejects when it is not. */
  export function validate(xml: string): Promise<boolean>;
}

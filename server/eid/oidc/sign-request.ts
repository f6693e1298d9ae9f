import { SignJWT } from 'jose';

/**
 * The Signature Extension's signRequest parameter (oidc.se, section 3.1): the data to be signed and the sign
 * message the e-ID shows, in Swedish and English. As a custom request parameter its value must be a JWT signed
 * with the client's registered key (section 3.1.2): here HS256 with the client secret, the key a broker that
 * registered this server with a secret knows it by (OpenID Connect Core, section 10.1), so that nobody between
 * this server and the broker can change what the citizen signs.
 */
export interface SignRequestInput {
  /** What is signed: the digest of the answers, bound to exactly the case stored (signature-text.ts). */
  tbsData: string;
  /** The text the citizen reads before signing, per language. */
  message: { sv: string; en: string };
}

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

export function signRequestJwt(input: SignRequestInput, client: { clientId: string; clientSecret: string }, issuer: string): Promise<string> {
  return new SignJWT({
    tbs_data: base64(input.tbsData),
    sign_message: { message: { sv: base64(input.message.sv), en: base64(input.message.en) }, mime_type: 'text/plain', must_display: true },
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(client.clientId)
    .setAudience(issuer)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(client.clientSecret));
}

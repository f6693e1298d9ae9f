import { SignJWT } from 'jose';
import type { ClientAuth } from './client-key.js';

/**
 * The Signature Extension's signRequest parameter (oidc.se, section 3.1): the data to be signed and the sign
 * message the e-ID shows, in Swedish and English. As a custom request parameter its value must be a JWT signed
 * with the client's registered key (section 3.1.2), so that nobody between this server and the broker can change
 * what the citizen signs: the private key whose public half the broker registered (RS256 or ES256, its `kid` in the
 * header), or — for a client registered with a secret — HS256 with that secret (OpenID Connect Core, section 10.1).
 */
export interface SignRequestInput {
  /** What is signed: the digest of the answers, bound to exactly the case stored (signature-text.ts). */
  tbsData: string;
  /** The text the citizen reads before signing, per language. */
  message: { sv: string; en: string };
}

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

export function signRequestJwt(input: SignRequestInput, client: { clientId: string; clientAuth: ClientAuth }, issuer: string): Promise<string> {
  const auth = client.clientAuth;
  const header = auth.method === 'privateKeyJwt' ? { alg: auth.alg, kid: auth.kid } : { alg: 'HS256' };
  const key = auth.method === 'privateKeyJwt' ? auth.privateKey : new TextEncoder().encode(auth.clientSecret);
  return new SignJWT({
    tbs_data: base64(input.tbsData),
    sign_message: { message: { sv: base64(input.message.sv), en: base64(input.message.en) }, mime_type: 'text/plain', must_display: true },
  })
    .setProtectedHeader({ ...header, typ: 'JWT' })
    .setIssuer(client.clientId)
    .setAudience(issuer)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(key);
}

import { createHash, createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The signature algorithms a client key here signs with: what the Swedish OIDC profile's brokers verify. */
export type ClientKeyAlg = 'RS256' | 'ES256';

/** This server's own key pair at the broker (OIDC_CLIENT_PRIVATE_KEY): private_key_jwt. */
export interface ClientKey {
  method: 'privateKeyJwt';
  privateKey: KeyObject;
  /** OIDC_CLIENT_KEY_ID, or the public key's JWK thumbprint (RFC 7638): the `kid` of every JWT signed with it. */
  kid: string;
  alg: ClientKeyAlg;
}

/**
 * How this server proves to the broker that it is its client — at the token endpoint, and in the signRequest JWT of
 * a signature: the secret both know (client_secret_basic, HS256), or a private key whose public half the broker has
 * registered (private_key_jwt), which the Swedish OIDC profile recommends: nothing the broker holds can sign for us.
 */
export type ClientAuth = { method: 'secret'; clientSecret: string } | ClientKey;

/** A public signing key as a JWKS lists it. */
export type PublicJwk = JsonWebKey & { kid: string; alg: ClientKeyAlg; use: 'sig' };

const VARIABLE = 'OIDC_CLIENT_PRIVATE_KEY';

/**
 * The private key in the PEM file at `path` (PKCS#8, or OpenSSL's RSA and EC forms), refused with the setting named
 * unless the broker can verify what it signs: RSA of 2048 bits or more (RS256), or EC P-256 (ES256).
 */
export function readClientKey(path: string, kid: string | undefined, fail: (message: string) => never): ClientKey {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return fail(`${VARIABLE}: "${path}" cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let privateKey: KeyObject;
  try {
    // A public key or a certificate would parse as well: only a PEM that says it is a private key is one.
    if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) throw new Error('no private key');
    privateKey = createPrivateKey(text);
  } catch {
    return fail(`${VARIABLE}: "${path}" is not a PEM file of an unencrypted private key (such as openssl genpkey writes)`);
  }
  return { method: 'privateKeyJwt', privateKey, alg: algorithmOf(privateKey, path, fail), kid: kid ?? thumbprint(privateKey) };
}

function algorithmOf(key: KeyObject, path: string, fail: (message: string) => never): ClientKeyAlg {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa' && (details.modulusLength ?? 0) >= 2048) return 'RS256';
  if (key.asymmetricKeyType === 'ec' && details.namedCurve === 'prime256v1') return 'ES256';
  const what = key.asymmetricKeyType === 'rsa' ? `an RSA key of ${details.modulusLength} bits`
    : key.asymmetricKeyType === 'ec' ? `an EC key on ${details.namedCurve}` : `a key of type ${key.asymmetricKeyType}`;
  return fail(`${VARIABLE}: "${path}" holds ${what}: use an RSA key of 2048 bits or more, or an EC key on P-256, which brokers verify (RS256, ES256)`);
}

/** The public half, and only it: built from the public key, so no private member (d, p, q, …) can slip in. */
export function publicJwk(key: ClientKey): PublicJwk {
  const { kty, n, e, crv, x, y } = createPublicKey(key.privateKey).export({ format: 'jwk' });
  const members = kty === 'RSA' ? { kty, n, e } : { kty, crv, x, y };
  return { ...members, kid: key.kid, alg: key.alg, use: 'sig' };
}

/** What GET /api/eid/oidc/jwks.json serves: this server's public key, or none when it uses a secret. */
export function clientJwks(auth: ClientAuth): { keys: PublicJwk[] } {
  return { keys: auth.method === 'privateKeyJwt' ? [publicJwk(auth)] : [] };
}

/** The JWK thumbprint (RFC 7638): SHA-256 of the key's required members, in lexicographic order, base64url. */
function thumbprint(privateKey: KeyObject): string {
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  const required = jwk.kty === 'RSA' ? { e: jwk.e, kty: jwk.kty, n: jwk.n } : { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y };
  return createHash('sha256').update(JSON.stringify(required)).digest('base64url');
}

import { createHash, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CompactSign, createLocalJWKSet, jwtVerify, type JWK } from 'jose';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import { TEST_PERSONS } from '../../simulator/persons.js';
import { FOREIGN_TEST_PERSONS, foreignTestPerson } from '../../simulator/foreign-persons.js';
import { foreignPersonKey, pridOf } from '../../../../src/contract/person-key.js';
import {
  CLAIM_AUTHN_PROVIDER, CLAIM_COORDINATION_NUMBER, CLAIM_COUNTRY, CLAIM_EIDAS_PERSON_IDENTIFIER, CLAIM_PERSONAL_NUMBER, CLAIM_PRID,
  CLAIM_PRID_PERSISTENCE, CLAIM_USER_SIGNATURE, EIDAS_SUBSTANTIAL, LOA3, PARAM_SIGN_REQUEST, SCOPE_EIDAS_IDENTITY, SCOPE_PERSON_INFO,
  SCOPE_PERSON_NUMBER, SCOPE_SIGN,
} from '../claims.js';
import { OIDC_EIDS, type OidcEid } from '../config.js';
import { ApprovedSignatures } from './approved-signatures.js';
import { interactionPage, type InteractionView } from './page.js';
import { readBody, closeServer } from '../../../http/simulator-server.js';

/**
 * A local OpenID provider configured like a Swedish e-ID broker, for `npm start` and the tests: built on
 * oidc-provider (a certified OpenID provider library), with the test persons of the BankID simulator (and so of
 * the population-register fixture), the Swedish OpenID Connect Profile's scopes and claims, and a page at
 * /interaction/<uid> where you play the citizen — choose the person, approve or cancel — in place of the
 * e-ID app. The e-ID asked for (`eid=freja|telia|eidas`) is named on the page and in the authnProvider claim.
 * The client is registered with its secret (client_secret_basic) or with its public key (private_key_jwt).
 * A signature request (the Signature Extension: the sign scope and a signRequest JWT signed with the client's
 * secret or key) shows its sign message and signs the data with the provider's key, as an e-ID app signs with the
 * citizen's: the JWS comes back in the ID token's userSignature claim.
 */
export interface TestOidcProvider {
  /** The issuer: http://127.0.0.1:<port>. */
  readonly issuer: string;
  close(): Promise<void>;
}

/** How the client proves itself, as it is registered: its secret, or the public keys its JWTs are verified with. */
export type TestClientAuth = { method: 'secret'; clientSecret: string } | { method: 'privateKeyJwt'; jwks: { keys: JWK[] } };

export interface TestOidcProviderOptions {
  clientId: string;
  clientAuth: TestClientAuth;
  /** The relying party's redirect URI(s), registered exactly. */
  redirectUris: string[];
  port?: number;
}

/** What the authnProvider claim says for each e-ID (the identity provider behind the broker). */
export const AUTHN_PROVIDERS: Record<OidcEid, string> = {
  freja: 'https://idp.frejaeid.com',
  telia: 'https://idp.teliacompany.com/netid',
  eidas: 'https://eidas.swedenconnect.se',
};

export async function startTestOidcProvider(options: TestOidcProviderOptions): Promise<TestOidcProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signatures = new ApprovedSignatures();
  const provider = new Provider(issuer, configuration(options, privateKey, signatures));
  const signing: SigningContext = { issuer, options, privateKey, signatures };
  const callback = provider.callback();
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', issuer).pathname;
    if (!path.startsWith('/interaction/')) return void callback(request, response);
    interaction(provider, signing, request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(`Testleverantören kunde inte fortsätta: ${(error as Error).message}`);
    });
  });
  return { issuer, close: () => closeServer(server) };
}

interface SigningContext {
  issuer: string;
  options: TestOidcProviderOptions;
  privateKey: KeyObject;
  signatures: ApprovedSignatures;
}

function configuration(options: TestOidcProviderOptions, privateKey: KeyObject, signatures: ApprovedSignatures): ConstructorParameters<typeof Provider>[1] {
  return {
    clients: [{
      client_id: options.clientId,
      ...registration(options.clientAuth),
      redirect_uris: options.redirectUris,
      response_types: ['code'],
      grant_types: ['authorization_code'],
    }],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-provider', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    // claimsParameter: a signature names the one person who may make it (the profile requires it of a broker).
    features: { devInteractions: { enabled: false }, claimsParameter: { enabled: true } },
    interactions: { url: (_ctx: KoaContextWithOIDC, interaction) => `/interaction/${interaction.uid}` },
    // The broker's choice of e-ID, as a Swedish broker takes it beside the standard parameters.
    extraParams: ['eid', PARAM_SIGN_REQUEST],
    scopes: ['openid', SCOPE_PERSON_NUMBER, SCOPE_PERSON_INFO, SCOPE_EIDAS_IDENTITY, SCOPE_SIGN],
    claims: {
      // The level of assurance and the time of the login, in every ID token.
      openid: ['sub', 'acr', 'auth_time', CLAIM_AUTHN_PROVIDER],
      [SCOPE_PERSON_NUMBER]: [CLAIM_PERSONAL_NUMBER, CLAIM_COORDINATION_NUMBER],
      [SCOPE_PERSON_INFO]: ['name', 'given_name', 'family_name', 'birthdate'],
      [SCOPE_EIDAS_IDENTITY]: [CLAIM_PRID, CLAIM_PRID_PERSISTENCE, CLAIM_EIDAS_PERSON_IDENTIFIER, CLAIM_COUNTRY],
      [SCOPE_SIGN]: [CLAIM_USER_SIGNATURE],
    },
    // The profile's claims come in the ID token, as the Swedish profile lets a broker deliver them.
    conformIdTokenClaims: false,
    acrValues: [LOA3, EIDAS_SUBSTANTIAL],
    findAccount: async (_ctx: KoaContextWithOIDC, sub: string, token) => {
      const found = account(sub);
      if (!found) return undefined;
      // At the token endpoint `token` is the authorization code: its grant is the one a signature was approved for,
      // and the ID token issued for it the one that carries the signature — so it is taken from the store here.
      const code = token as { kind?: string; grantId?: string } | undefined;
      const userSignature = code?.kind === 'AuthorizationCode' && code.grantId ? signatures.take(code.grantId) : undefined;
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          ...found.claims,
          [CLAIM_AUTHN_PROVIDER]: AUTHN_PROVIDERS[found.eid],
          ...(userSignature ? { [CLAIM_USER_SIGNATURE]: userSignature } : {}),
        }),
      };
    },
  };
}

/** The client's credentials as oidc-provider registers them: a client_assertion is then verified with the jwks. */
function registration(auth: TestClientAuth): Record<string, unknown> {
  return auth.method === 'secret'
    ? { client_secret: auth.clientSecret, token_endpoint_auth_method: 'client_secret_basic' }
    : { jwks: auth.jwks, token_endpoint_auth_method: 'private_key_jwt' };
}

/**
 * An account is a person as one e-ID knows them: `<eid>.<key>`, the key a personnummer or samordningsnummer, or for a
 * foreign e-ID without either (eIDAS only) `eidas:<prid>`. Their claims: the number, or the eIDAS identity (prid,
 * its persistence, the foreign node's identifier, the country), and the name and date of birth.
 */
function account(accountId: string): { key: string; eid: OidcEid; claims: Record<string, string> } | undefined {
  const dot = accountId.indexOf('.');
  const eid = accountId.slice(0, dot) as OidcEid;
  const key = accountId.slice(dot + 1);
  if (dot < 0 || !(OIDC_EIDS as readonly string[]).includes(eid)) return undefined;
  const prid = pridOf(key);
  if (prid) {
    const foreign = eid === 'eidas' ? foreignTestPerson(prid) : undefined;
    return foreign && {
      key, eid,
      claims: {
        [CLAIM_PRID]: foreign.prid, [CLAIM_PRID_PERSISTENCE]: foreign.pridPersistence, [CLAIM_EIDAS_PERSON_IDENTIFIER]: foreign.eidasPersonIdentifier,
        [CLAIM_COUNTRY]: foreign.country, name: foreign.name, given_name: foreign.givenName, family_name: foreign.surname, birthdate: foreign.birthDate,
      },
    };
  }
  const person = TEST_PERSONS.find((candidate) => candidate.personalNumber === key);
  if (!person) return undefined;
  const day = Number(key.slice(6, 8));
  return {
    key, eid,
    claims: {
      // A samordningsnummer (day of birth + 60) is its own claim.
      [day > 60 ? CLAIM_COORDINATION_NUMBER : CLAIM_PERSONAL_NUMBER]: key,
      name: person.name, given_name: person.givenName, family_name: person.surname,
      birthdate: `${key.slice(0, 4)}-${key.slice(4, 6)}-${String(day % 60).padStart(2, '0')}`,
    },
  };
}

/** A signature request as the page shows it and signs it: verified, decoded. */
interface SignRequest {
  tbsData: string;
  message: string;
  /** The person the request names as an essential claim (a personnummer, or `eidas:<prid>`): nobody else may sign. */
  signer?: string | undefined;
}

/** The page where you play the citizen: GET shows it, POST approves as a person or cancels. */
async function interaction(provider: Provider, signing: SigningContext, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(request, response);
  const asked = String(details.params.eid ?? 'freja');
  const eid: OidcEid = (OIDC_EIDS as readonly string[]).includes(asked) ? (asked as OidcEid) : 'freja';
  const scope = String(details.params.scope ?? 'openid');
  let sign: SignRequest | undefined;
  if (scope.split(' ').includes(SCOPE_SIGN)) {
    try {
      sign = await readSignRequest(details.params, signing);
    } catch (error) {
      return provider.interactionFinished(request, response, { error: 'invalid_request', error_description: (error as Error).message }, { mergeWithLastSubmission: false });
    }
  }
  if (request.method !== 'POST') {
    const view: InteractionView = {
      uid: details.uid, eid, persons: TEST_PERSONS, foreignPersons: eid === 'eidas' ? FOREIGN_TEST_PERSONS : [],
      sign: sign && { message: sign.message, tbsDigest: createHash('sha256').update(sign.tbsData).digest('hex') },
    };
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    return void response.end(interactionPage(view));
  }
  const form = new URLSearchParams(await readBody(request, 10_000));
  if (form.get('action') !== 'approve') {
    return provider.interactionFinished(request, response, { error: 'access_denied', error_description: 'The user cancelled' }, { mergeWithLastSubmission: false });
  }
  const accountId = `${eid}.${form.get('person') ?? ''}`;
  const found = account(accountId);
  if (!found) throw new Error('choose a test person');
  if (sign?.signer && sign.signer !== found.key) {
    // The profile's rule: a signature asked of one person is never shown to, nor made by, another.
    return provider.interactionFinished(request, response, { error: 'unmet_authentication_requirements', error_description: 'Not the person asked to sign' }, { mergeWithLastSubmission: false });
  }
  const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
  grant.addOIDCScope(scope);
  if (sign) grant.addOIDCClaims([CLAIM_USER_SIGNATURE, CLAIM_PERSONAL_NUMBER, CLAIM_COORDINATION_NUMBER, CLAIM_PRID]);
  const grantId = await grant.save();
  if (sign) signing.signatures.approve(grantId, await userSignature(sign, found.claims, signing.privateKey));
  await provider.interactionFinished(request, response, {
    login: { accountId, acr: eid === 'eidas' ? EIDAS_SUBSTANTIAL : LOA3, amr: [AUTHN_PROVIDERS[eid]] },
    consent: { grantId },
  }, { mergeWithLastSubmission: false });
}

/**
 * The signRequest parameter checked as the Signature Extension asks of a provider (section 5.1): a JWT signed with
 * the client's key (HS256 with its secret, or its registered public key), for this provider, with `prompt` holding
 * login and consent.
 */
async function readSignRequest(params: Record<string, unknown>, { issuer, options }: SigningContext): Promise<SignRequest> {
  const prompt = String(params.prompt ?? '').split(' ');
  if (!prompt.includes('login') || !prompt.includes('consent')) throw new Error('a signature request must have prompt=login consent');
  const jwt = params[PARAM_SIGN_REQUEST];
  if (typeof jwt !== 'string') throw new Error('a signature request must carry the signRequest parameter');
  const verifying = { issuer: options.clientId, audience: issuer };
  const { clientAuth } = options;
  const { payload } = clientAuth.method === 'secret'
    ? await jwtVerify(jwt, new TextEncoder().encode(clientAuth.clientSecret), { ...verifying, algorithms: ['HS256'] })
    : await jwtVerify(jwt, createLocalJWKSet(clientAuth.jwks), { ...verifying, algorithms: ['RS256', 'ES256'] });
  const message = (payload.sign_message as { message?: { sv?: unknown } } | undefined)?.message?.sv;
  if (typeof payload.tbs_data !== 'string' || typeof message !== 'string') throw new Error('the signRequest must hold tbs_data and a Swedish sign_message');
  const decode = (text: string) => Buffer.from(text, 'base64').toString('utf8');
  let signer: string | undefined;
  try {
    const claims = JSON.parse(String(params.claims ?? '{}')) as { id_token?: Record<string, { value?: unknown }> };
    const number = claims.id_token?.[CLAIM_PERSONAL_NUMBER]?.value ?? claims.id_token?.[CLAIM_COORDINATION_NUMBER]?.value;
    const prid = claims.id_token?.[CLAIM_PRID]?.value;
    signer = typeof number === 'string' ? number : typeof prid === 'string' ? foreignPersonKey(prid) : undefined;
  } catch {
    throw new Error('the claims parameter is not JSON');
  }
  return { tbsData: decode(payload.tbs_data), message: decode(message), signer };
}

/** The signature "the e-ID" makes: a JWS over what was signed, by whom and when, with the provider's key; Base64, as the claim is. */
async function userSignature(sign: SignRequest, person: Record<string, string>, key: KeyObject): Promise<string> {
  const who = person[CLAIM_PERSONAL_NUMBER] ?? person[CLAIM_COORDINATION_NUMBER];
  const payload = { ...(who ? { personalIdentityNumber: who } : { prid: person[CLAIM_PRID] }), tbs_data: sign.tbsData, sign_message: sign.message, iat: Math.floor(Date.now() / 1000) };
  const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg: 'RS256', kid: 'test-provider' }).sign(key);
  return Buffer.from(jws, 'utf8').toString('base64');
}



import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import { TEST_PERSONS, type SimPerson } from '../../simulator/persons.js';
import {
  CLAIM_AUTHN_PROVIDER, CLAIM_COORDINATION_NUMBER, CLAIM_PERSONAL_NUMBER, EIDAS_SUBSTANTIAL, LOA3, SCOPE_PERSON_INFO, SCOPE_PERSON_NUMBER,
} from '../claims.js';
import { OIDC_EIDS, type OidcEid } from '../config.js';
import { interactionPage, type InteractionView } from './page.js';

/**
 * A local OpenID provider configured like a Swedish e-ID broker, for `npm start` and the tests: built on
 * oidc-provider (a certified OpenID provider library), with the test persons of the BankID simulator (and so of
 * the population-register fixture), the Swedish OpenID Connect Profile's scopes and claims, and a page at
 * /interaction/<uid> where you play the citizen — choose the person, approve or cancel — in place of the
 * e-ID app. The e-ID asked for (`eid=freja|telia|eidas`) is named on the page and in the authnProvider claim.
 */
export interface TestOidcProvider {
  /** The issuer: http://127.0.0.1:<port>. */
  readonly issuer: string;
  close(): Promise<void>;
}

export interface TestOidcProviderOptions {
  clientId: string;
  clientSecret: string;
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
  const provider = new Provider(issuer, configuration(options));
  const callback = provider.callback();
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', issuer).pathname;
    if (!path.startsWith('/interaction/')) return void callback(request, response);
    interaction(provider, request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(`Testleverantören kunde inte fortsätta: ${(error as Error).message}`);
    });
  });
  return { issuer, close: () => closeServer(server) };
}

function configuration(options: TestOidcProviderOptions): ConstructorParameters<typeof Provider>[1] {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    clients: [{
      client_id: options.clientId,
      client_secret: options.clientSecret,
      redirect_uris: options.redirectUris,
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-provider', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: KoaContextWithOIDC, interaction) => `/interaction/${interaction.uid}` },
    // The broker's choice of e-ID, as a Swedish broker takes it beside the standard parameters.
    extraParams: ['eid'],
    scopes: ['openid', SCOPE_PERSON_NUMBER, SCOPE_PERSON_INFO],
    claims: {
      // The level of assurance and the time of the login, in every ID token.
      openid: ['sub', 'acr', 'auth_time', CLAIM_AUTHN_PROVIDER],
      [SCOPE_PERSON_NUMBER]: [CLAIM_PERSONAL_NUMBER, CLAIM_COORDINATION_NUMBER],
      [SCOPE_PERSON_INFO]: ['name', 'given_name', 'family_name', 'birthdate'],
    },
    // The profile's claims come in the ID token, as the Swedish profile lets a broker deliver them.
    conformIdTokenClaims: false,
    acrValues: [LOA3, EIDAS_SUBSTANTIAL],
    findAccount: async (_ctx: KoaContextWithOIDC, sub: string) => {
      const found = account(sub);
      if (!found) return undefined;
      const { person, eid } = found;
      const coordination = Number(person.personalNumber.slice(6, 8)) > 60;
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          [coordination ? CLAIM_COORDINATION_NUMBER : CLAIM_PERSONAL_NUMBER]: person.personalNumber,
          [CLAIM_AUTHN_PROVIDER]: AUTHN_PROVIDERS[eid],
          name: person.name,
          given_name: person.givenName,
          family_name: person.surname,
          birthdate: `${person.personalNumber.slice(0, 4)}-${person.personalNumber.slice(4, 6)}-${String(Number(person.personalNumber.slice(6, 8)) % 60).padStart(2, '0')}`,
        }),
      };
    },
  };
}

/** An account is a person as one e-ID knows them: `<eid>.<personnummer>`. */
function account(accountId: string): { person: SimPerson; eid: OidcEid } | undefined {
  const [eid, personalNumber] = accountId.split('.');
  const person = TEST_PERSONS.find((candidate) => candidate.personalNumber === personalNumber);
  return person && (OIDC_EIDS as readonly string[]).includes(eid ?? '') ? { person, eid: eid as OidcEid } : undefined;
}

/** The page where you play the citizen: GET shows it, POST approves as a person or cancels. */
async function interaction(provider: Provider, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(request, response);
  const asked = String(details.params.eid ?? 'freja');
  const eid: OidcEid = (OIDC_EIDS as readonly string[]).includes(asked) ? (asked as OidcEid) : 'freja';
  if (request.method !== 'POST') {
    const view: InteractionView = { uid: details.uid, eid, persons: TEST_PERSONS };
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    return void response.end(interactionPage(view));
  }
  const form = new URLSearchParams(await readBody(request));
  if (form.get('action') !== 'approve') {
    return provider.interactionFinished(request, response, { error: 'access_denied', error_description: 'The user cancelled the login' }, { mergeWithLastSubmission: false });
  }
  const accountId = `${eid}.${form.get('person') ?? ''}`;
  if (!account(accountId)) throw new Error('choose a test person');
  const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
  grant.addOIDCScope(String(details.params.scope ?? 'openid'));
  const grantId = await grant.save();
  await provider.interactionFinished(request, response, {
    login: { accountId, acr: eid === 'eidas' ? EIDAS_SUBSTANTIAL : LOA3, amr: [AUTHN_PROVIDERS[eid]] },
    consent: { grantId },
  }, { mergeWithLastSubmission: false });
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 10_000) throw new Error('the form is too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

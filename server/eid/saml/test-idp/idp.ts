import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { interactionPage } from '../../oidc/test-provider/page.js';
import { OIDC_EIDS, type OidcEid } from '../../oidc/config.js';
import { TEST_PERSONS } from '../../simulator/persons.js';
import { EIDAS_HIGH, EIDAS_SUBSTANTIAL, LOA3 } from '../attributes.js';
import { selfSignedCertificate } from './certificate.js';
import { loginResponse, readAuthnRequest, refusalResponse, samlEntities, type AuthnRequestInfo } from './messages.js';
import { assertedPerson, foreignPersonsFor } from './persons.js';
import { postFormPage } from './post-form.js';
import { readBody, closeServer } from '../../../http/simulator-server.js';

/**
 * A local SAML 2.0 IdP configured like a Swedish eID Framework broker, for `npm start` and the tests: built on
 * samlify, with keys of its own made at start, the test persons of the BankID simulator (and so of the
 * population-register fixture) and for eIDAS the foreign ones without a Swedish number (persons.ts), and the page of
 * the OIDC test provider where you play the citizen — choose the person, approve or cancel. It takes a signed
 * AuthnRequest on HTTP-Redirect at /sso (and refuses one it cannot verify), and answers on HTTP-POST with a page
 * that carries the Response to the SP's ACS: the assertion signed and encrypted to the SP's certificate, with the
 * framework's attributes and the level of assurance asked for.
 */
export interface TestSamlIdp {
  /** Its SingleSignOnService (HTTP-Redirect): http://127.0.0.1:<port>/sso. */
  readonly ssoUrl: string;
  readonly entityId: string;
  /** The certificate it signs with, PEM. */
  readonly cert: string;
  close(): Promise<void>;
}

export interface TestSamlIdpOptions {
  spEntityId: string;
  /** The SP's certificate: for its AuthnRequests' signatures and the assertions' encryption. */
  spCert: string;
  acsUrl: string;
  port?: number;
}

/** How long the page of a request may be answered. */
const PAGE_MINUTES = 10;

interface Pending extends AuthnRequestInfo {
  eid: OidcEid;
  /** The level of assurance the assertion will say. */
  assertedLoa: string;
  expiresAt: number;
}

export async function startTestSamlIdp(options: TestSamlIdpOptions): Promise<TestSamlIdp> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const keys = selfSignedCertificate('e-service-kit test IdP');
  const entities = samlEntities({
    idpEntityId: `${base}/idp`, ssoUrl: `${base}/sso`, idpKeys: keys, spEntityId: options.spEntityId, spCert: options.spCert, acsUrl: options.acsUrl,
  });
  // The requests whose page is showing, by the page's id: each answered once.
  const pending = new Map<string, Pending>();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', base);
    const now = Date.now();
    for (const [uid, entry] of pending) if (entry.expiresAt < now) pending.delete(uid);
    if (request.method === 'GET' && url.pathname === '/metadata') {
      response.writeHead(200, { 'Content-Type': 'application/samlmetadata+xml' });
      return void response.end(entities.idp.getMetadata());
    }
    if (request.method === 'GET' && url.pathname === '/sso') {
      const authnRequest = await readAuthnRequest(entities, url);
      const uid = randomUUID();
      pending.set(uid, { ...authnRequest, ...chosen(authnRequest), expiresAt: now + PAGE_MINUTES * 60_000 });
      const { eid } = pending.get(uid)!;
      return send(response, interactionPage({
        uid, eid, persons: TEST_PERSONS, foreignPersons: foreignPersonsFor(eid), action: `/sso/${uid}`, protocol: 'SAML 2.0',
      }));
    }
    const answered = /^\/sso\/([\w-]+)$/.exec(url.pathname);
    if (request.method === 'POST' && answered) {
      const entry = pending.get(answered[1]!);
      if (!entry) throw new Error('the login is not (or no longer) waiting here');
      pending.delete(answered[1]!);
      const form = new URLSearchParams(await readBody(request, 10_000));
      let samlResponse: string;
      if (form.get('action') === 'approve') {
        const person = assertedPerson(form.get('person') ?? '', entry.eid);
        if (!person) throw new Error('choose a test person');
        samlResponse = await loginResponse(entities, entry, person, entry.assertedLoa);
      } else {
        samlResponse = refusalResponse(entities, entry, 'The user cancelled');
      }
      return send(response, postFormPage(options.acsUrl, { SAMLResponse: samlResponse, ...(entry.relayState ? { RelayState: entry.relayState } : {}) }));
    }
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('Finns inte');
  }

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(`Testleverantören kunde inte fortsätta: ${(error as Error).message}`);
    });
  });
  return { ssoUrl: entities.ssoUrl, entityId: `${base}/idp`, cert: keys.cert, close: () => closeServer(server) };
}

/**
 * The e-ID the page names — the SP's hint, or by the level of assurance asked for (eIDAS for a foreign eID) — and
 * the level the assertion will say: the first asked for that this IdP gives.
 */
function chosen(request: AuthnRequestInfo): Pick<Pending, 'eid' | 'assertedLoa'> {
  const foreign = request.loa.some((loa) => loa === EIDAS_SUBSTANTIAL || loa === EIDAS_HIGH);
  const hinted = (OIDC_EIDS as readonly string[]).includes(request.eid ?? '') ? (request.eid as OidcEid) : undefined;
  const eid = hinted ?? (foreign ? 'eidas' : 'freja');
  const given = eid === 'eidas' ? [EIDAS_SUBSTANTIAL, EIDAS_HIGH] : [LOA3];
  return { eid, assertedLoa: request.loa.find((loa) => given.includes(loa)) ?? given[0]! };
}

function send(response: ServerResponse, html: string): void {
  response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(html);
}



import assert from 'node:assert/strict';
import { loadDefinitions } from '../../server/services/definitions.js';
import { after, before, describe, it } from 'node:test';
import { ServiceDefinition, ServiceList } from '../../src/contract/definition.js';
import { countCases, KIT_HEADERS, newKey, startTestBackend, VALID_FAULT_REPORT, type TestBackend } from '../support/backend.js';

let backend: TestBackend;
before(async () => {
  backend = await startTestBackend();
});
after(() => backend.close());

describe('e-service definitions', () => {
  it('lists the e-services with their texts in Swedish and English', async () => {
    const response = await backend.app.inject({ method: 'GET', url: '/api/services' });
    assert.equal(response.statusCode, 200);
    const { services } = ServiceList.parse(response.json());
    const fault = services.find((service) => service.id === 'felanmalan');
    assert.ok(fault);
    assert.deepEqual(fault.title, { sv: 'Felanmälan: gata, park och belysning', en: 'Report a fault: streets, parks and lighting' });
    assert.equal(fault.login, 'none');
    assert.equal(fault.municipality.id, 'exempelby');
  });

  it('serves one definition that the contract accepts', async () => {
    const response = await backend.app.inject({ method: 'GET', url: '/api/services/felanmalan' });
    assert.equal(response.statusCode, 200);
    const definition = ServiceDefinition.parse(response.json());
    assert.deepEqual(definition.steps[0]!.fields.map((field) => field.type), ['select', 'text', 'textarea', 'radio', 'email']);
  });

  it('serves the version a case was sent on when asked (?version=N), 404 for one it never had, 400 for a malformed one', async () => {
    const older = { ...ServiceDefinition.parse((await backend.app.inject({ method: 'GET', url: '/api/services/felanmalan' })).json()) };
    const newer = { ...older, version: older.version + 1, title: { sv: 'Felanmälan (ny)', en: 'Fault report (new)' } };
    await loadDefinitions(backend.db, [newer]);
    const latest = ServiceDefinition.parse((await backend.app.inject({ method: 'GET', url: '/api/services/felanmalan' })).json());
    assert.equal(latest.version, newer.version);
    const kept = await backend.app.inject({ method: 'GET', url: `/api/services/felanmalan?version=${older.version}` });
    assert.equal(kept.statusCode, 200);
    assert.deepEqual(ServiceDefinition.parse(kept.json()).title, older.title);
    assert.equal((await backend.app.inject({ method: 'GET', url: '/api/services/felanmalan?version=999' })).statusCode, 404);
    for (const bad of ['0', '-1', 'x', '1.5']) {
      const refused = await backend.app.inject({ method: 'GET', url: `/api/services/felanmalan?version=${bad}` });
      assert.equal(refused.statusCode, 400, bad);
      assert.equal(refused.json().errors[0].path, 'version');
    }
  });

  it('answers problem+json 404 for an unknown e-service', async () => {
    const response = await backend.app.inject({ method: 'GET', url: '/api/services/finns-inte', headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    assert.equal(response.statusCode, 404);
    assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
    assert.equal(response.json().title, 'E-service not found');
  });

  it('answers problem+json 404 for an unknown API path', async () => {
    const response = await backend.app.inject({ method: 'GET', url: '/api/nothing-here' });
    assert.equal(response.statusCode, 404);
    assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  });
});

describe('OpenAPI', () => {
  it('describes every endpoint with schemas generated from the contract', async () => {
    const response = await backend.app.inject({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(response.statusCode, 200);
    const document = response.json();
    assert.equal(document.openapi, '3.1.0');
    assert.deepEqual(Object.keys(document.paths).sort(), [
      '/api/attachments', '/api/attachments/{id}', '/api/cases', '/api/cases/{caseId}/payments', '/api/cases/{caseNumber}/pdf', '/api/cases/{caseNumber}/receipt',
      '/api/cosigning/open', '/api/cosigning/requests/{requestId}', '/api/cosigning/requests/{requestId}/decline',
      '/api/cosigning/requests/{requestId}/signatures', '/api/cosigning/signatures/{orderRef}',
      '/api/drafts', '/api/drafts/{draftId}',
      '/api/eid/broker/login', '/api/eid/login', '/api/eid/methods', '/api/eid/oidc/callback', '/api/eid/oidc/jwks.json', '/api/eid/oidc/login', '/api/eid/orders/{orderRef}',
      '/api/my/cases', '/api/my/cases/{caseId}', '/api/my/cases/{caseId}/attachments/{attachmentId}',
      '/api/my/cases/{caseId}/copy', '/api/my/cases/{caseId}/cosigning', '/api/my/cases/{caseId}/cosigning/{requestId}/invitation',
      '/api/my/cases/{caseId}/messages',
      '/api/my/cases/{caseId}/messages/read', '/api/my/cases/{caseId}/pdf', '/api/my/cases/{caseId}/receipt', '/api/my/companies', '/api/my/export', '/api/my/profile',
      '/api/officer/cases', '/api/officer/cases/{caseId}', '/api/officer/cases/{caseId}/attachments/{attachmentId}',
      '/api/officer/cases/{caseId}/messages', '/api/officer/cases/{caseId}/pdf', '/api/officer/cases/{caseId}/refunds', '/api/officer/cases/{caseId}/status',
      '/api/payments/{paymentId}', '/api/payments/{paymentId}/callback',
      '/api/services', '/api/services/{serviceId}', '/api/services/{serviceId}/prefill',
      '/api/session', '/api/session/refresh', '/api/signatures', '/api/signatures/{orderRef}',
    ]);
    const request = document.components.schemas.SubmitCaseRequest;
    assert.deepEqual(request.required.sort(), ['answers', 'lang', 'serviceId', 'serviceVersion']);
    assert.deepEqual(request.properties.lang.enum, ['sv', 'en']);
    const field = document.components.schemas.ServiceDefinition.properties.steps.items.properties.fields.items;
    assert.ok(field.oneOf ?? field.anyOf, 'fields are a union of question types');
  });
});

describe('security', () => {
  it('sends security headers', async () => {
    const response = await backend.app.inject({ method: 'GET', url: '/api/services' });
    assert.match(String(response.headers['content-security-policy']), /frame-ancestors 'none'/);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.equal(response.headers['referrer-policy'], 'no-referrer');
  });

  it('lets an allowed embedding page call the API with credentials, and no other', async () => {
    const allowed = await backend.app.inject({
      method: 'OPTIONS', url: '/api/cases',
      headers: { origin: 'https://www.exempelby.se', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,idempotency-key,x-requested-with' },
    });
    assert.equal(allowed.headers['access-control-allow-origin'], 'https://www.exempelby.se');
    assert.equal(allowed.headers['access-control-allow-credentials'], 'true');
    assert.match(String(allowed.headers['access-control-allow-headers']), /Idempotency-Key/i);

    const other = await backend.app.inject({
      method: 'OPTIONS', url: '/api/cases',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    assert.equal(other.headers['access-control-allow-origin'], undefined);
  });

  it('refuses a submission from a page that is not allowed, and stores nothing', async () => {
    const before = await countCases(backend.db);
    const response = await backend.app.inject({
      method: 'POST', url: '/api/cases', payload: JSON.stringify(VALID_FAULT_REPORT),
      headers: { ...KIT_HEADERS, origin: 'https://evil.example', 'idempotency-key': newKey() },
    });
    assert.equal(response.statusCode, 403);
    assert.equal(response.json().type, '/problems/origin-not-allowed');
    assert.equal(await countCases(backend.db), before);
  });

  it('accepts a submission from an allowed page', async () => {
    const response = await backend.app.inject({
      method: 'POST', url: '/api/cases', payload: JSON.stringify(VALID_FAULT_REPORT),
      headers: { ...KIT_HEADERS, origin: 'https://www.exempelby.se', 'idempotency-key': newKey() },
    });
    assert.equal(response.statusCode, 201);
    assert.equal(response.headers['access-control-allow-origin'], 'https://www.exempelby.se');
  });

  it('refuses a state-changing request without the kit header', async () => {
    const before = await countCases(backend.db);
    const response = await backend.app.inject({
      method: 'POST', url: '/api/cases', payload: JSON.stringify(VALID_FAULT_REPORT),
      headers: { 'content-type': 'application/json', 'idempotency-key': newKey() },
    });
    assert.equal(response.statusCode, 403);
    assert.equal(response.json().type, '/problems/client-header-missing');
    assert.equal(await countCases(backend.db), before);
  });
});

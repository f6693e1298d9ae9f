import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { loginBinding, signingBinding } from '../../server/eid/oidc/routes.js';

/** The request and reply a binding needs: the cookies the browser sent, and the cookies set on the answer. */
function trip(cookies: Record<string, string>) {
  const set: { name: string; value: string; path: string; maxAge: number }[] = [];
  const request = { cookies, hostname: 'localhost', protocol: 'http' } as unknown as FastifyRequest;
  const reply = { setCookie: (name: string, value: string, options: { path: string; maxAge: number }) => set.push({ name, value, ...options }) } as unknown as FastifyReply;
  return { request, reply, set };
}

describe('the browser binding of a round trip to the broker', () => {
  const held = 'a'.repeat(43);

  it('binds a login by esk_eid under /api/eid and a signing by esk_sign under /api, both for ten minutes', () => {
    const login = trip({});
    const binding = loginBinding(login.request, login.reply);
    assert.match(binding, /^[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(login.set.map(({ name, value, path, maxAge }) => [name, value, path, maxAge]), [['esk_eid', binding, '/api/eid', 600]]);
    const signing = trip({});
    const signed = signingBinding(signing.request, signing.reply);
    assert.deepEqual(signing.set.map(({ name, value, path, maxAge }) => [name, value, path, maxAge]), [['esk_sign', signed, '/api', 600]]);
  });

  it('keeps the binding the browser holds (a second start leaves the first one heard), and replaces one that is not ours', () => {
    const again = trip({ esk_sign: held, esk_eid: 'b'.repeat(43) });
    assert.equal(signingBinding(again.request, again.reply), held);
    const forged = trip({ esk_eid: 'not-a-binding' });
    assert.notEqual(loginBinding(forged.request, forged.reply), 'not-a-binding');
  });
});

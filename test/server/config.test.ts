import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { ConfigError, readConfig } from '../../server/config.js';
import { TEST_SP_ENTITY_ID } from '../../server/eid/saml/config.js';
import { selfSignedCertificate } from '../../server/eid/saml/test-idp/certificate.js';

describe('server configuration', () => {
  it('has defaults that start the demo on port 8080 with data in ./data', () => {
    const config = readConfig({});
    assert.equal(config.port, 8080);
    assert.equal(config.dataDir, './data');
    assert.equal(config.databaseUrl, undefined);
    assert.deepEqual(config.allowedOrigins, []);
  });

  it('reads PORT, DATA_DIR, DATABASE_URL and ALLOWED_ORIGINS', () => {
    const config = readConfig({
      PORT: '9000', DATA_DIR: '/var/lib/esk', DATABASE_URL: 'postgres://u@localhost/esk',
      ALLOWED_ORIGINS: 'https://www.kommun.se, https://intranat.kommun.se:8443',
    });
    assert.equal(config.port, 9000);
    assert.equal(config.dataDir, '/var/lib/esk');
    assert.equal(config.databaseUrl, 'postgres://u@localhost/esk');
    assert.deepEqual(config.allowedOrigins, ['https://www.kommun.se', 'https://intranat.kommun.se:8443']);
  });

  it('reads MY_PAGES_URL: by default the site’s /mina-sidor.html, or this server’s own page', () => {
    assert.equal(readConfig({}).myPagesUrl, '/mina-sidor.html');
    assert.equal(readConfig({ ALLOWED_ORIGINS: 'https://www.kommun.se' }).myPagesUrl, 'https://www.kommun.se/mina-sidor.html');
    assert.equal(readConfig({ MY_PAGES_URL: 'https://www.kommun.se/mina-sidor' }).myPagesUrl, 'https://www.kommun.se/mina-sidor');
    assert.throws(() => readConfig({ MY_PAGES_URL: 'mina-sidor' }), (error: Error) => error instanceof ConfigError && /MY_PAGES_URL/.test(error.message));
    assert.throws(() => readConfig({ MY_PAGES_URL: 'https://www.kommun.se/mina-sidor?tab=1' }), /must not have a \?query/);
  });

  it('names the setting and the value that is wrong', () => {
    assert.throws(() => readConfig({ PORT: 'åttiåtti' }), (error: Error) => error instanceof ConfigError && /PORT/.test(error.message) && /åttiåtti/.test(error.message));
    assert.throws(() => readConfig({ ALLOWED_ORIGINS: 'www.kommun.se' }), /ALLOWED_ORIGINS: "www.kommun.se" is not an origin/);
    assert.throws(() => readConfig({ ALLOWED_ORIGINS: 'https://www.kommun.se/e-tjanster' }), /must be just scheme, host and port/);
    assert.throws(() => readConfig({ DATABASE_URL: 'mysql://localhost/esk' }), /DATABASE_URL must start with postgres/);
  });
});

describe('payment settings', () => {
  it('by default take cards through Swedbank Pay and Swish through Swish, each its simulator', () => {
    const { payments } = readConfig({});
    assert.deepEqual(payments.routes, { '*': { card: 'swedbank-pay', swish: 'swish' } });
    assert.equal(payments.swedbankPay, undefined);
    assert.equal(payments.swish, undefined);
    assert.deepEqual(payments.simulator, { callbackDelayMs: 0, callbackRepeats: 1 });
    assert.deepEqual(readConfig({ PAYMENT_SIMULATOR_CALLBACK_DELAY_MS: '3000', PAYMENT_SIMULATOR_CALLBACK_REPEATS: '5' }).payments.simulator,
      { callbackDelayMs: 3000, callbackRepeats: 5 });
  });

  it('read PAYMENTS per municipality, and the providers\' addresses and credentials', () => {
    const { payments } = readConfig({
      PAYMENTS: 'exempelby:card=swedbank-pay,swish=swish; grannby:card=swedbank-pay,swish=swedbank-pay',
      SWEDBANK_PAY_URL: 'https://api.payex.com/', SWEDBANK_PAY_TOKEN: 'token', SWEDBANK_PAY_PAYEE_ID: 'payee',
      SWISH_URL: 'https://cpc.getswish.net', SWISH_CERT: '/etc/swish/merchant.p12', SWISH_PASSPHRASE: 'x', SWISH_CA: '/etc/swish/ca.pem', SWISH_NUMBER: '1231181189',
    });
    assert.deepEqual(payments.routes, { exempelby: { card: 'swedbank-pay', swish: 'swish' }, grannby: { card: 'swedbank-pay', swish: 'swedbank-pay' } });
    assert.equal(payments.swedbankPay?.url, 'https://api.payex.com');
    assert.equal(payments.swish?.payeeAlias, '1231181189');
  });

  it('name the setting that is wrong or missing', () => {
    const refused = (env: NodeJS.ProcessEnv, pattern: RegExp) =>
      assert.throws(() => readConfig(env), (error: Error) => error instanceof ConfigError && pattern.test(error.message), pattern.source);
    refused({ PAYMENTS: 'exempelby:card=swish' }, /Swish takes no cards/);
    refused({ PAYMENT_SIMULATOR_CALLBACK_REPEATS: 'många' }, /PAYMENT_SIMULATOR_CALLBACK_REPEATS must be a whole number from 0 to 10, not "många"/);
    refused({ PAYMENTS: 'exempelby:cash=swedbank-pay' }, /"cash".*no way of paying/);
    refused({ PAYMENTS: 'exempelby:card=klarna' }, /"klarna".*no provider/);
    refused({ SWEDBANK_PAY_URL: 'https://api.payex.com' }, /SWEDBANK_PAY_TOKEN and SWEDBANK_PAY_PAYEE_ID/);
    refused({ SWEDBANK_PAY_URL: 'http://api.payex.com', SWEDBANK_PAY_TOKEN: 't', SWEDBANK_PAY_PAYEE_ID: 'p' }, /SWEDBANK_PAY_URL must use https/);
    refused({ SWISH_URL: 'https://cpc.getswish.net', SWISH_CERT: 'a', SWISH_PASSPHRASE: 'b' }, /SWISH_CA, SWISH_NUMBER/);
    refused({ SWISH_URL: 'https://cpc.getswish.net', SWISH_CERT: 'a', SWISH_PASSPHRASE: 'b', SWISH_CA: 'c', SWISH_NUMBER: '0701234567' }, /SWISH_NUMBER must be/);
    // A simulator on this machine may be reached over plain http.
    assert.equal(readConfig({ SWEDBANK_PAY_URL: 'http://127.0.0.1:9000', SWEDBANK_PAY_TOKEN: 't', SWEDBANK_PAY_PAYEE_ID: 'p' }).payments.swedbankPay?.url, 'http://127.0.0.1:9000');
  });
});

describe('the e-ID broker settings', () => {
  it('by default offer Freja eID, Telia and eIDAS through the bundled test provider', () => {
    const { oidc } = readConfig({});
    assert.equal(oidc.issuer, undefined);
    assert.deepEqual(oidc.eids, ['freja', 'telia', 'eidas']);
    assert.equal(oidc.redirectUri, undefined);
  });

  it('read the broker, its client and the e-IDs to offer, in their order', () => {
    const { oidc } = readConfig({
      OIDC_ISSUER: 'https://eid.example.se/oidc/', OIDC_CLIENT_ID: 'kommun', OIDC_CLIENT_SECRET: 's3cret',
      OIDC_REDIRECT_URI: 'https://etjanster.kommun.se/api/eid/oidc/callback', OIDC_EIDS: 'telia, freja',
    });
    assert.deepEqual(oidc, {
      issuer: 'https://eid.example.se/oidc', clientId: 'kommun', clientAuth: { method: 'secret', clientSecret: 's3cret' },
      redirectUri: 'https://etjanster.kommun.se/api/eid/oidc/callback', eids: ['telia', 'freja'], signEids: ['telia', 'freja'],
    });
    assert.deepEqual(readConfig({ OIDC_EIDS: '' }).oidc.eids, []);
    // Those that sign: by default all the broker offers, or fewer.
    assert.deepEqual(readConfig({ OIDC_EIDS: 'freja,telia,eidas', OIDC_SIGN_EIDS: 'freja' }).oidc.signEids, ['freja']);
  });

  it('name the setting that is wrong or missing', () => {
    const refused = (env: Record<string, string>, pattern: RegExp) =>
      assert.throws(() => readConfig(env), (error: Error) => error instanceof ConfigError && pattern.test(error.message), JSON.stringify(env));
    refused({ OIDC_ISSUER: 'http://eid.example.se', OIDC_CLIENT_ID: 'a', OIDC_CLIENT_SECRET: 'b' }, /OIDC_ISSUER must use https/);
    refused({ OIDC_ISSUER: 'https://eid.example.se' }, /OIDC_CLIENT_ID and OIDC_CLIENT_SECRET/);
    refused({ OIDC_ISSUER: 'https://eid.example.se', OIDC_CLIENT_ID: 'a', OIDC_CLIENT_SECRET: 'b' }, /set OIDC_REDIRECT_URI too/);
    refused({ OIDC_CLIENT_ID: 'kommun' }, /OIDC_CLIENT_ID is set but OIDC_ISSUER is not/);
    refused({ OIDC_EIDS: 'freja,bankid' }, /OIDC_EIDS names "bankid"/);
    refused({ OIDC_EIDS: 'freja', OIDC_SIGN_EIDS: 'freja,telia' }, /OIDC_SIGN_EIDS names telia, which OIDC_EIDS does not offer/);
    refused({ OIDC_REDIRECT_URI: 'https://etjanster.kommun.se/login' }, /must end with \/api\/eid\/oidc\/callback/);
    refused({ OIDC_REDIRECT_URI: 'http://etjanster.kommun.se/api/eid/oidc/callback' }, /https:\/\/ \(http:\/\/ only on localhost\)/);
    // The broker adds its own query to the callback: one of this server's would be lost on the way back.
    refused({ OIDC_REDIRECT_URI: 'https://etjanster.kommun.se/api/eid/oidc/callback?tenant=1' }, /OIDC_REDIRECT_URI must end with \/api\/eid\/oidc\/callback \(the route that takes the broker's answer\)/);
  });
});

describe('the e-ID broker client key (private_key_jwt)', () => {
  // PEM files as openssl writes them: PKCS#8, and the older RSA (PKCS#1) and EC (SEC1) forms.
  const dir = mkdtempSync(join(tmpdir(), 'esk-oidc-key-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const RSA_KEY = file('rsa.pem', rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }));
  const BROKER = {
    OIDC_ISSUER: 'https://eid.example.se/oidc', OIDC_CLIENT_ID: 'kommun', OIDC_REDIRECT_URI: 'https://etjanster.kommun.se/api/eid/oidc/callback',
  };
  const refused = (env: Record<string, string>, pattern: RegExp) =>
    assert.throws(() => readConfig(env), (error: Error) => error instanceof ConfigError && pattern.test(error.message), JSON.stringify(env));

  it('read an RSA key in place of the secret: RS256, its kid the JWK thumbprint of the public key', async () => {
    const { oidc } = readConfig({ ...BROKER, OIDC_CLIENT_PRIVATE_KEY: RSA_KEY });
    assert.equal(oidc.clientAuth.method, 'privateKeyJwt');
    assert.ok(oidc.clientAuth.method === 'privateKeyJwt');
    assert.equal(oidc.clientAuth.alg, 'RS256');
    assert.equal(oidc.clientAuth.kid, await calculateJwkThumbprint(rsa.publicKey.export({ format: 'jwk' }) as JWK));
    assert.ok(oidc.clientAuth.privateKey.equals(rsa.privateKey));
  });

  it('read an EC P-256 key (ES256) and the RSA key\'s older PEM form, with the kid OIDC_CLIENT_KEY_ID names', () => {
    const { oidc } = readConfig({ ...BROKER, OIDC_CLIENT_PRIVATE_KEY: file('ec.pem', ec.privateKey.export({ format: 'pem', type: 'sec1' })), OIDC_CLIENT_KEY_ID: 'kommun-2025' });
    assert.deepEqual(oidc.clientAuth.method === 'privateKeyJwt' && [oidc.clientAuth.alg, oidc.clientAuth.kid], ['ES256', 'kommun-2025']);
    const pkcs1 = readConfig({ ...BROKER, OIDC_CLIENT_PRIVATE_KEY: file('rsa1.pem', rsa.privateKey.export({ format: 'pem', type: 'pkcs1' })) }).oidc;
    assert.equal(pkcs1.clientAuth.method === 'privateKeyJwt' && pkcs1.clientAuth.alg, 'RS256');
  });

  it('let the test provider register the test client with the key when no broker is set', () => {
    const { oidc } = readConfig({ OIDC_CLIENT_PRIVATE_KEY: RSA_KEY });
    assert.equal(oidc.issuer, undefined);
    assert.equal(oidc.clientAuth.method, 'privateKeyJwt');
  });

  it('take exactly one of the secret and the key', () => {
    refused({ ...BROKER, OIDC_CLIENT_SECRET: 's3cret', OIDC_CLIENT_PRIVATE_KEY: RSA_KEY }, /OIDC_CLIENT_SECRET and OIDC_CLIENT_PRIVATE_KEY are both set: .* unset the other/);
    refused(BROKER, /set OIDC_CLIENT_ID and OIDC_CLIENT_SECRET \(client_secret_basic\) or OIDC_CLIENT_PRIVATE_KEY \(private_key_jwt\) too/);
    refused({ ...BROKER, OIDC_CLIENT_ID: '', OIDC_CLIENT_PRIVATE_KEY: RSA_KEY }, /set OIDC_CLIENT_ID and/);
    refused({ ...BROKER, OIDC_CLIENT_SECRET: 's3cret', OIDC_CLIENT_KEY_ID: 'k1' }, /OIDC_CLIENT_KEY_ID is set but OIDC_CLIENT_PRIVATE_KEY is not/);
  });

  it('name the setting and the file that is no key to sign with', () => {
    const missing = join(dir, 'missing.pem');
    refused({ ...BROKER, OIDC_CLIENT_PRIVATE_KEY: missing }, new RegExp(`OIDC_CLIENT_PRIVATE_KEY: "${missing}" cannot be read \\(ENOENT\\)`));
    refused({ ...BROKER, OIDC_CLIENT_PRIVATE_KEY: dir }, /OIDC_CLIENT_PRIVATE_KEY: ".*" cannot be read \(EISDIR\)/);
    const notAKey = /OIDC_CLIENT_PRIVATE_KEY: ".*" is not a PEM file of an unencrypted private key/;
    refused({ ...BROKER, OIDC_CLIENT_PRIVATE_KEY: file('public.pem', rsa.publicKey.export({ format: 'pem', type: 'spki' })) }, notAKey);
    refused({ ...BROKER, OIDC_CLIENT_PRIVATE_KEY: file('cert.pem', selfSignedCertificate('client').cert) }, notAKey);
    refused({ ...BROKER, OIDC_CLIENT_PRIVATE_KEY: file('text.pem', 'not a key at all') }, notAKey);
    refused({ ...BROKER, OIDC_CLIENT_PRIVATE_KEY: file('broken.pem', '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n') }, notAKey);
    const encrypted = rsa.privateKey.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'secret' });
    refused({ ...BROKER, OIDC_CLIENT_PRIVATE_KEY: file('encrypted.pem', encrypted) }, notAKey);
  });

  it('refuse a key a broker does not verify: RSA below 2048 bits, another curve, another kind', () => {
    const pem = (key: KeyObject) => key.export({ format: 'pem', type: 'pkcs8' });
    refused({ ...BROKER, OIDC_CLIENT_PRIVATE_KEY: file('small.pem', pem(generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey)) }, /holds an RSA key of 1024 bits: use an RSA key of 2048 bits or more, or an EC key on P-256/);
    refused({ ...BROKER, OIDC_CLIENT_PRIVATE_KEY: file('p384.pem', pem(generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey)) }, /holds an EC key on secp384r1/);
    refused({ ...BROKER, OIDC_CLIENT_PRIVATE_KEY: file('ed.pem', pem(generateKeyPairSync('ed25519').privateKey)) }, /holds a key of type ed25519/);
  });
});

describe('the SAML broker settings', () => {
  // The files SAML_IDP_CERT, SAML_SP_KEY and SAML_SP_CERT name, as a municipality keeps them.
  const dir = mkdtempSync(join(tmpdir(), 'esk-saml-config-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const idp = selfSignedCertificate('idp');
  const sp = selfSignedCertificate('sp');
  const other = selfSignedCertificate('other');
  const IDP_CERT = file('idp.crt', idp.cert);
  const SP_KEY = file('sp.key', sp.key);
  const SP_CERT = file('sp.crt', sp.cert);
  const REAL = {
    EID_BROKER: 'saml', SAML_IDP_SSO_URL: 'https://eid.example.se/idp/profile/SAML2/Redirect/SSO', SAML_IDP_ENTITY_ID: 'https://eid.example.se/idp',
    SAML_IDP_CERT: IDP_CERT, SAML_SP_ENTITY_ID: 'https://etjanster.kommun.se/saml', SAML_SP_KEY: SP_KEY, SAML_SP_CERT: SP_CERT,
    SAML_ACS_URL: 'https://etjanster.kommun.se/api/eid/saml/acs',
  };

  it('by default speak OpenID Connect to the broker', () => {
    const config = readConfig({});
    assert.equal(config.eidBroker, 'oidc');
    assert.deepEqual(config.saml, { spEntityId: TEST_SP_ENTITY_ID });
  });

  it('with EID_BROKER=saml and no IdP, use the bundled test IdP, offer the same e-IDs, and sign through none of them', () => {
    const config = readConfig({ EID_BROKER: 'saml', OIDC_EIDS: 'freja,eidas' });
    assert.equal(config.eidBroker, 'saml');
    assert.deepEqual(config.saml, { spEntityId: TEST_SP_ENTITY_ID, sp: undefined, acsUrl: undefined });
    assert.deepEqual(config.oidc.eids, ['freja', 'eidas']);
    assert.deepEqual(config.oidc.signEids, []);
  });

  it('read the IdP, this server as its SP, and their certificates', () => {
    const { saml, oidc } = readConfig(REAL);
    assert.deepEqual(saml, {
      idp: { ssoUrl: REAL.SAML_IDP_SSO_URL, entityId: REAL.SAML_IDP_ENTITY_ID, cert: idp.cert },
      spEntityId: REAL.SAML_SP_ENTITY_ID, sp: { key: sp.key, cert: sp.cert }, acsUrl: REAL.SAML_ACS_URL,
    });
    assert.deepEqual(oidc.signEids, []);
    // The test IdP with this server's own key, and its ACS on localhost.
    const local = readConfig({ EID_BROKER: 'saml', SAML_SP_KEY: SP_KEY, SAML_SP_CERT: SP_CERT, SAML_ACS_URL: 'http://localhost:8080/api/eid/saml/acs' });
    assert.deepEqual(local.saml.sp, { key: sp.key, cert: sp.cert });
    assert.equal(local.saml.idp, undefined);
  });

  it('name the setting that is wrong or missing', () => {
    const refused = (env: Record<string, string>, pattern: RegExp) =>
      assert.throws(() => readConfig(env), (error: Error) => error instanceof ConfigError && pattern.test(error.message), JSON.stringify(env));
    refused({ EID_BROKER: 'ldap' }, /EID_BROKER must be oidc or saml/);
    refused({ SAML_IDP_SSO_URL: REAL.SAML_IDP_SSO_URL }, /SAML_IDP_SSO_URL is set but EID_BROKER is not saml/);
    refused({ ...REAL, SAML_IDP_SSO_URL: 'http://eid.example.se/sso' }, /SAML_IDP_SSO_URL must use https/);
    refused({ ...REAL, SAML_IDP_SSO_URL: 'eid.example.se' }, /SAML_IDP_SSO_URL must be the IdP's SingleSignOnService/);
    refused({ ...REAL, SAML_IDP_ENTITY_ID: '', SAML_IDP_CERT: '' }, /SAML_IDP_SSO_URL is set: set SAML_IDP_ENTITY_ID, SAML_IDP_CERT too/);
    refused({ ...REAL, SAML_ACS_URL: '' }, /SAML_IDP_SSO_URL is set: set SAML_ACS_URL too/);
    refused({ ...REAL, SAML_ACS_URL: 'https://etjanster.kommun.se/login' }, /SAML_ACS_URL must end with \/api\/eid\/saml\/acs/);
    refused({ ...REAL, SAML_ACS_URL: 'http://etjanster.kommun.se/api/eid/saml/acs' }, /SAML_ACS_URL must use https:\/\/ \(http:\/\/ only on localhost\)/);
    refused({ EID_BROKER: 'saml', SAML_IDP_CERT: IDP_CERT }, /SAML_IDP_CERT is set but SAML_IDP_SSO_URL is not/);
    refused({ ...REAL, SAML_IDP_CERT: join(dir, 'missing.crt') }, /SAML_IDP_CERT: ".*missing\.crt" cannot be read \(ENOENT\)/);
    refused({ ...REAL, SAML_IDP_CERT: SP_KEY }, /SAML_IDP_CERT: ".*" is not a PEM file of a certificate/);
    refused({ ...REAL, SAML_SP_CERT: '' }, /SAML_SP_KEY is set: set SAML_SP_CERT too/);
    refused({ ...REAL, SAML_SP_KEY: file('other.key', other.key) }, /SAML_SP_KEY is not the key of SAML_SP_CERT/);
    refused({ EID_BROKER: 'saml', OIDC_ISSUER: 'https://eid.example.se/oidc' }, /OIDC_ISSUER is set but EID_BROKER=saml/);
    refused({ EID_BROKER: 'saml', OIDC_CLIENT_PRIVATE_KEY: SP_KEY }, /^OIDC_CLIENT_PRIVATE_KEY is set but EID_BROKER=saml/);
    refused({ EID_BROKER: 'saml', OIDC_CLIENT_PRIVATE_KEY: SP_KEY, OIDC_CLIENT_KEY_ID: 'kommun-2025' }, /^OIDC_CLIENT_PRIVATE_KEY, OIDC_CLIENT_KEY_ID are set but EID_BROKER=saml/);
    refused({ EID_BROKER: 'saml', OIDC_SIGN_EIDS: 'freja' }, /signing through a SAML broker is not offered, so unset OIDC_SIGN_EIDS/);
  });
});

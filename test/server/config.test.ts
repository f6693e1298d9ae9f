import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, readConfig } from '../../server/config.js';

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
      issuer: 'https://eid.example.se/oidc', clientId: 'kommun', clientSecret: 's3cret',
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
  });
});

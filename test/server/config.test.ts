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

import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { bankIdPlayer } from './test/support/bankid-player.mjs';
import { chromiumArgs, chromiumPath } from './test/support/chromium.mjs';
import { paymentPayer } from './test/support/payment-payer.mjs';
import { startServer } from './test/support/start-server.mjs';

// WTR_PORT lets two runs (say, two people on one machine) work side by side.
const TEST_PAGE_PORT = Number(process.env.WTR_PORT ?? 8765);
const TEST_PAGE_ORIGIN = `http://localhost:${TEST_PAGE_PORT}`;

/**
 * Browser tests drive the widgets in real Chromium against the real reference backend,
 * started here on an in-memory database, on another origin than the test page — as on a
 * CMS page, where the backend is another origin listed in ALLOWED_ORIGINS.
 */
const backend = await startServer({
  ALLOWED_ORIGINS: TEST_PAGE_ORIGIN,
  SERVICES_DIR: 'test/fixtures/services',
  // The property test sends a hundred cases a minute from one address.
  RATE_LIMIT_CASES_PER_MINUTE: '10000',
  RATE_LIMIT_UPLOADS_PER_MINUTE: '10000',
});
// A port where nothing listens: the "backend unreachable" case.
const deadBackend = 'http://127.0.0.1:9/';

/**
 * Writes how many tests passed and failed, and the names of those that failed, for `npm test`'s closing
 * lines — so that the end of a long CI log still says which test failed and why.
 */
function countingReporter(file) {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0;
      const failures = [];
      const firstLine = (error) => String(error?.message ?? error ?? '').split('\n')[0].slice(0, 200);
      const visit = (suite, path, testFile) => {
        for (const test of suite.tests ?? []) {
          if (test.skipped) continue;
          if (test.passed) passed++;
          else failures.push(`${[...path, test.name].join(' › ')} (${testFile}): ${firstLine(test.error)}`);
        }
        for (const child of suite.suites ?? []) visit(child, [...path, child.name], testFile);
      };
      for (const session of sessions) {
        const testFile = relative(process.cwd(), session.testFile);
        if (session.testResults) visit(session.testResults, [], testFile);
        // A file that failed to load or threw outside a test counts as one failure.
        if (!session.passed && (session.errors?.length ?? 0) > 0) {
          failures.push(`${testFile}: ${firstLine(session.errors[0])}`);
        }
      }
      if (file) writeFileSync(file, JSON.stringify({ passed, failed: failures.length, failures }));
    },
  };
}

export default {
  files: 'test/browser/**/*.test.ts',
  nodeResolve: true,
  port: TEST_PAGE_PORT,
  concurrency: 1,
  testsFinishTimeout: 180_000,
  plugins: [
    esbuildPlugin({ ts: true, json: true, tsconfig: './tsconfig.json' }),
    { name: 'stop-backend', serverStop: () => backend.stop() },
    // The payment tests play the payer at the backend's card and Swish simulators.
    paymentPayer(backend),
    // Tests that log in or sign at the backend itself play the BankID app at its simulator.
    bankIdPlayer(backend),
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: chromiumPath(), headless: true, args: chromiumArgs },
    }),
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
    <html lang="sv">
      <head><meta charset="utf-8"><title>e-service-kit tests</title></head>
      <body>
        <script>window.ESK_TEST = ${JSON.stringify({ backend: `${backend.url}/`, deadBackend })};</script>
        <script type="module" src="${testFramework}"></script>
      </body>
    </html>`,
  testFramework: { config: { timeout: 20_000 } },
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countingReporter(process.env.ESK_COUNT_FILE)],
};

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import type { Answers } from '../../src/contract/cases.js';
import { ServiceDefinition } from '../../src/contract/definition.js';
import bostadsanpassning from '../../server/demo-services/bostadsanpassning.json' with { type: 'json' };
import felanmalan from '../../server/demo-services/felanmalan.json' with { type: 'json' };
import { FILE, SCHOOL_TRANSPORT } from './support/demo-answers.js';
import skolskjuts from '../../server/demo-services/skolskjuts.json' with { type: 'json' };
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { startServer, type RunningServer } from '../support/start-server.mjs';
import { testAppUrl } from './bankid-app.js';
import { fillAndSendByKeyboard } from './keyboard-filler.js';

/** A fault report (one step, no login), with the optional e-mail for an answer. */
const FAULT_REPORT: Answers = {
  category: 'park', place: 'The playground in Norrparken', description: 'The swing chain is broken.', urgent: 'ja',
  email: 'anna@example.com',
};

/**
 * Applying for a housing adaptation grant on someone else's behalf: six steps, most of the questions.
 * Johan Nilsson logs in: his name, personnummer and address come from the population register.
 */
const HOUSING_ADAPTATION: Answers = {
  applicantPhone: '0123-456 78', applicantEmail: 'johan.nilsson@exempel.se',
  contactPreference: 'telefon', interpreter: false, applyingForSelf: false, personName: 'Erik Berg',
  personPersonnummer: '19480706-3211', relation: 'partner', sameAddress: true, housingType: 'lagenhet', tenure: 'hyresratt',
  landlordName: 'Exempelbyhem AB', landlordPhone: '0123-45 90 00', landlordConsent: FILE, yearBuilt: 1968, floor: 2,
  elevator: false, householdSize: 2, movingIn: false, diagnosis: 'Parkinsons sjukdom sedan 2019.',
  difficulties: 'Erik kan inte kliva över badkarskanten och snubblar på trösklarna.', aids: ['rollator', 'annat'],
  aidsOther: 'Duschstol', permanence: 'varaktig', measures: ['trosklar', 'dusch', 'stodhandtag'],
  measuresLocation: 'Trösklar mellan hall, sovrum och badrum. Badkaret byts mot dusch med stödhandtag.', workStarted: false,
  otCertificate: FILE, previousGrant: true, previousGrantDate: '2019-05-14', previousGrantMeasures: 'Stödhandtag i badrummet', confirm: true,
};

describe('the demo e-services by keyboard alone', () => {
  let server: RunningServer;
  let browser: Browser;
  let testApp: string;
  before(async () => {
    server = await startServer();
    testApp = await testAppUrl(server);
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const [name, json, answers, lang, prefix, person] of [
    ['felanmalan', felanmalan, FAULT_REPORT, 'en', 'FEL', undefined],
    ['skolskjuts', skolskjuts, SCHOOL_TRANSPORT, 'sv', 'SKJ', 'Anna Andersson'],
    ['bostadsanpassning', bostadsanpassning, HOUSING_ADAPTATION, 'en', 'BAB', 'Johan Nilsson'],
  ] as const) {
    it(`sends ${name} in ${lang === 'sv' ? 'Swedish' : 'English'}`, async () => {
      const definition = ServiceDefinition.parse(json);
      const context = await browser.newContext();
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(`${server.url}/${name === 'felanmalan' ? '' : `${name}.html`}`);
      if (lang === 'en') await page.evaluate(() => document.documentElement.setAttribute('lang', 'en'));
      const caseNumber = await fillAndSendByKeyboard(page, definition, answers, lang, person && { testApp, name: person });
      assert.match(caseNumber, new RegExp(`^${prefix}-\\d{4}-\\d{5}$`));
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
});

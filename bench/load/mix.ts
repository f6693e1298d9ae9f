import type { Attachment } from '../../src/contract/attachments.js';
import type { SubmitCaseResponse } from '../../src/contract/cases.js';
import type { Draft } from '../../src/contract/my-pages.js';
import { VALID_FAULT_REPORT } from '../../test/support/backend.js';
import { SMALL_PDF } from '../../test/e2e/keyboard-filler.js';
import { type Answer, type Citizen, describe } from './citizen.js';

/** The kinds of request the mix makes, in the order the table shows them. */
export const KINDS = [
  'read: service list',
  'read: definition',
  'read: prefill',
  'draft: create',
  'draft: save',
  'upload',
  'send',
  'send again (same key)',
] as const;
export type Kind = (typeof KINDS)[number];

export interface Sample {
  kind: Kind;
  ms: number;
  ok: boolean;
}

/** Everything the citizens did, for the table and for the check in the database afterwards. */
export interface Tally {
  samples: Sample[];
  /** The first few errors, each as one line. */
  errors: string[];
  errorCount: number;
  /** Case ids the server answered 201 to, with the idempotency key each was sent with. */
  created: Map<string, string>;
  /** Attachment ids the server answered 201 to. */
  uploaded: Set<string>;
  startedAt: number;
  endedAt: number;
  /** Why the run ended: the request budget spent, or the time limit. */
  stoppedBy: 'requests' | 'time';
}

export interface MixOptions {
  requests: number;
  seconds: number;
  /** Makes each submission's place text unique to the run, so the database check can find doubles. */
  marker: string;
  seed: number;
}

const MAX_ERRORS_SHOWN = 8;

/** Small and seeded, so a run makes the same choices in the same order per citizen (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** E-services that need a login and a signature, each with a file question that takes a PDF. */
const APPLICATIONS = [
  {
    serviceId: 'skolskjuts', serviceVersion: 3, fileQuestion: 'medicalCertificate', fileName: 'lakarintyg.pdf',
    first: { stepId: 'barnet', answers: { school: 'centralskolan', grade: '3' } },
    then: { stepId: 'resvag', answers: { reason: 'medicinska', tripTimes: ['morgon', 'eftermiddag'] } },
    withFile: { stepId: 'medicinska', answers: { medicalDescription: 'Kan inte gå längre sträckor efter en operation.', medicalDuration: 'lasar' } },
  },
  {
    serviceId: 'bostadsanpassning', serviceVersion: 3, fileQuestion: 'otCertificate', fileName: 'arbetsterapeutintyg.pdf',
    first: { stepId: 'sokande', answers: { contactPreference: 'telefon', interpreter: false, applyingForSelf: true } },
    then: { stepId: 'atgarder', answers: { measures: ['trosklar', 'dusch'], measuresLocation: 'Badrummet och hallen.', workStarted: false } },
    withFile: { stepId: 'underlag', answers: { previousGrant: false } },
  },
] as const;

/**
 * The deadline-day mix. Every citizen is logged in and repeats one of two journeys, half and half,
 * until the budget of requests or the time is spent:
 *
 * - a fault report (felanmälan: no login needed, no drafts, no signing): the list of e-services, the
 *   definition, the case sent with an Idempotency-Key — and one time in five sent again with the same
 *   key, as the widget does when an answer is lost, which must give the same case (200) and no second;
 * - an application before the deadline (skolskjuts or bostadsanpassning: login, drafts, a signature at
 *   the end): the definition, what the register prefills, a draft created with the first answers, saved
 *   as the citizen goes on (the widget saves a few seconds after each change), a certificate uploaded (a
 *   real PDF, its type read from its bytes) and the draft saved with it. Signing is left for later: each
 *   signature needs a BankID approval of its own, so these journeys end as saved drafts with their files.
 *
 * Any answer but the one the contract promises (any non-2xx, a network error, a replay with another
 * case, a draft version that does not go up by one) is an error.
 */
export async function runMix(citizens: Citizen[], options: MixOptions): Promise<Tally> {
  const tally: Tally = {
    samples: [], errors: [], errorCount: 0, created: new Map(), uploaded: new Set(),
    startedAt: performance.now(), endedAt: 0, stoppedBy: 'requests',
  };
  const deadline = tally.startedAt + options.seconds * 1000;
  let left = options.requests;
  /** A ticket per request: none left, or past the time, and the citizen stops where it is. */
  const ticket = () => performance.now() < deadline && left-- > 0;
  let submissions = 0;

  const record = (kind: Kind, answer: Answer, expected: number, citizen: Citizen, check?: () => string | undefined): boolean => {
    const problem = answer.status !== expected ? `${answer.status || 'no answer'} ${describe(answer)}` : check?.();
    tally.samples.push({ kind, ms: answer.ms, ok: !problem });
    if (problem) {
      tally.errorCount += 1;
      if (tally.errors.length < MAX_ERRORS_SHOWN) tally.errors.push(`${kind} (${citizen.person.name}, ${citizen.address}): ${problem}`);
    }
    return !problem;
  };

  const faultReport = async (citizen: Citizen, pick: () => number): Promise<void> => {
    if (!ticket()) return;
    record('read: service list', await citizen.request('GET', '/api/services'), 200, citizen);
    if (!ticket()) return;
    record('read: definition', await citizen.request('GET', `/api/services/${VALID_FAULT_REPORT.serviceId}`), 200, citizen);

    const n = ++submissions;
    const key = `load-${options.marker}-${String(n).padStart(8, '0')}`;
    const place = `Storgatan ${1 + (n % 90)} (${options.marker}-${String(n).padStart(6, '0')})`;
    const body = { ...VALID_FAULT_REPORT, answers: { ...VALID_FAULT_REPORT.answers, place } };
    if (!ticket()) return;
    const sent = await citizen.request('POST', '/api/cases', { json: body, headers: { 'idempotency-key': key } });
    const caseId = (sent.body as SubmitCaseResponse | undefined)?.receipt?.caseId;
    if (!record('send', sent, 201, citizen, () => (caseId ? undefined : 'no receipt'))) return;
    tally.created.set(caseId!, key);

    if (pick() < 0.2 && ticket()) {
      const again = await citizen.request('POST', '/api/cases', { json: body, headers: { 'idempotency-key': key } });
      record('send again (same key)', again, 200, citizen, () => {
        const same = (again.body as SubmitCaseResponse | undefined)?.receipt?.caseId;
        return same === caseId ? undefined : `another case: ${same} for ${caseId}`;
      });
    }
  };

  const application = async (citizen: Citizen, service: (typeof APPLICATIONS)[number]): Promise<void> => {
    const { serviceId, serviceVersion } = service;
    if (!ticket()) return;
    record('read: definition', await citizen.request('GET', `/api/services/${serviceId}`), 200, citizen);
    if (!ticket()) return;
    record('read: prefill', await citizen.request('GET', `/api/services/${serviceId}/prefill`), 200, citizen);

    let answers: Record<string, unknown> = { ...service.first.answers };
    if (!ticket()) return;
    const created = await citizen.request('POST', '/api/drafts', { json: { serviceId, serviceVersion, stepId: service.first.stepId, answers } });
    if (!record('draft: create', created, 201, citizen)) return;
    let draft = created.body as Draft;
    const save = async (stepId: string): Promise<boolean> => {
      if (!ticket()) return false;
      const saved = await citizen.request('PUT', `/api/drafts/${draft.id}`, { json: { serviceId, serviceVersion, stepId, version: draft.version, answers } });
      const next = saved.body as Draft | undefined;
      if (!record('draft: save', saved, 200, citizen, () => (next?.version === draft.version + 1 ? undefined : `version ${next?.version} after ${draft.version}`))) return false;
      draft = next!;
      return true;
    };

    answers = { ...answers, ...service.then.answers };
    if (!(await save(service.then.stepId))) return;

    const form = new FormData();
    form.append('file', new Blob([SMALL_PDF], { type: 'application/pdf' }), service.fileName);
    if (!ticket()) return;
    const upload = await citizen.request('POST', `/api/attachments?serviceId=${serviceId}&fieldId=${service.fileQuestion}`, { form });
    const attachment = upload.body as Attachment | undefined;
    if (!record('upload', upload, 201, citizen, () => (attachment?.kind === 'pdf' ? undefined : `read as ${attachment?.kind}`))) return;
    tally.uploaded.add(attachment!.id);

    answers = { ...answers, ...service.withFile.answers, [service.fileQuestion]: [attachment!.id] };
    await save(service.withFile.stepId);
  };

  await Promise.all(citizens.map(async (citizen, i) => {
    const pick = random(options.seed * 1_000 + i);
    while (left > 0 && performance.now() < deadline) {
      if (pick() < 0.5) await faultReport(citizen, pick);
      else await application(citizen, APPLICATIONS[pick() < 0.5 ? 0 : 1]);
    }
  }));
  tally.endedAt = performance.now();
  tally.stoppedBy = left > 0 ? 'time' : 'requests';
  return tally;
}

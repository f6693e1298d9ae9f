import { ServiceDefinition } from '../../../src/contract/definition.js';
import type { OnePerPerson } from '../../../src/contract/once-per-person.js';

const text = (sv: string, en = sv) => ({ sv, en });

/** A small e-service for Mina sidor's tests: login required, a text, an optional text and an optional file question. */
export function testService(id: string, options: Partial<{
  municipality: { id: string; sv: string; en: string };
  signing: 'sign';
  onePerPerson: OnePerPerson;
  login: 'none' | 'optional' | 'required';
  prefix: string;
}> = {}): ServiceDefinition {
  const municipality = options.municipality ?? { id: 'exempelby', sv: 'Exempelby kommun', en: 'Exempelby Municipality' };
  return ServiceDefinition.parse({
    schemaVersion: 1,
    id,
    version: 1,
    municipality: { id: municipality.id, name: text(municipality.sv, municipality.en) },
    title: text(`Ansökan ${id}`, `Application ${id}`),
    description: text('En e-tjänst för testerna.', 'An e-service for the tests.'),
    contact: { text: text('Ring oss.', 'Call us.') },
    login: options.login ?? 'required',
    ...(options.signing ? { signing: options.signing } : {}),
    ...(options.onePerPerson ? { onePerPerson: options.onePerPerson } : {}),
    caseNumberPrefix: options.prefix ?? 'MIN',
    steps: [
      {
        id: 'forsta',
        title: text('Först', 'First'),
        fields: [
          { id: 'skola', type: 'text', label: text('Skola', 'School') },
          { id: 'ovrigt', type: 'textarea', label: text('Övrigt', 'Other'), required: false },
        ],
      },
      {
        id: 'andra',
        title: text('Sedan', 'Then'),
        fields: [{ id: 'intyg', type: 'file', label: text('Intyg', 'Certificate'), required: false }],
      },
    ],
    receipt: { title: text('Tack'), text: text('Vi har tagit emot din ansökan.') },
    retention: { closedCaseDays: 365, draftDays: 30 },
  });
}

/**
 * Flerpartssignering for both guardians: a child question, the service's own questions, and the
 * other guardian's e-mail asked only when the register says someone else has custody.
 */
export function cosignedService(id: string, prefix: string, title: { sv: string; en: string }, fields: unknown[]): ServiceDefinition {
  return ServiceDefinition.parse({
    schemaVersion: 1,
    id,
    version: 1,
    municipality: { id: 'exempelby', name: text('Exempelby kommun', 'Exempelby Municipality') },
    title,
    description: text('Båda vårdnadshavarna skriver under.', 'Both guardians sign.'),
    contact: { text: text('Ring oss.', 'Call us.') },
    login: 'required',
    signing: 'sign',
    cosigning: { who: 'otherGuardians', childField: 'child', inviteField: 'otherEmail', deadlineDays: 28 },
    caseNumberPrefix: prefix,
    steps: [{
      id: 'uppgifter',
      title: text('Uppgifter', 'Details'),
      fields: [
        { id: 'child', type: 'child', label: text('Barn', 'Child') },
        ...fields,
        {
          id: 'otherEmail', type: 'email', label: text('Den andra vårdnadshavarens e-post', "The other guardian's e-mail"),
          visibleWhen: { field: 'child', otherGuardians: true },
        },
      ],
    }],
    receipt: { title: text('Tack', 'Thank you'), text: text('Vi har tagit emot ansökan.', 'We have received the application.') },
    retention: { closedCaseDays: 365, draftDays: 30 },
  });
}

export function caseBody(serviceId: string, answers: Record<string, unknown> = { skola: 'Norrskolan' }, extra: Record<string, unknown> = {}) {
  return { serviceId, serviceVersion: 1, lang: 'sv', answers, ...extra };
}

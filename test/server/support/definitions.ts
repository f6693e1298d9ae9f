import { ServiceDefinition } from '../../../src/contract/definition.js';

const text = (sv: string, en = sv) => ({ sv, en });

/** A small e-service for Mina sidor's tests: login required, a text, an optional text and an optional file question. */
export function testService(id: string, options: Partial<{
  municipality: { id: string; sv: string; en: string };
  signing: 'sign';
  onePerPerson: boolean;
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
    ...(options.onePerPerson ? { onePerPerson: true } : {}),
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

export function caseBody(serviceId: string, answers: Record<string, unknown> = { skola: 'Norrskolan' }, extra: Record<string, unknown> = {}) {
  return { serviceId, serviceVersion: 1, lang: 'sv', answers, ...extra };
}

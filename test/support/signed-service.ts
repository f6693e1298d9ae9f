import { ServiceDefinition } from '../../src/contract/definition.js';

const text = (sv: string, en: string) => ({ sv, en });

/** The tests' e-service that must be signed: login required, signing "sign", one text and one file question. */
export const SIGNED = ServiceDefinition.parse({
  schemaVersion: 1,
  id: 'signerad',
  version: 1,
  municipality: { id: 'exempelby', name: text('Exempelby kommun', 'Exempelby Municipality') },
  title: text('Ansökan om skolskjuts', 'Application for school transport'),
  description: text('En e-tjänst som skrivs under.', 'An e-service that is signed.'),
  contact: { text: text('Ring oss.', 'Call us.') },
  login: 'required',
  signing: 'sign',
  caseNumberPrefix: 'SIG',
  steps: [{
    id: 'uppgifter',
    title: text('Uppgifter', 'Details'),
    fields: [
      { id: 'skola', type: 'text', label: text('Skola', 'School') },
      { id: 'intyg', type: 'file', label: text('Intyg', 'Certificate'), required: false },
    ],
  }],
  receipt: { title: text('Tack', 'Thank you'), text: text('Vi har tagit emot din ansökan.', 'We have received your application.') },
  retention: { closedCaseDays: 365, draftDays: 30 },
});

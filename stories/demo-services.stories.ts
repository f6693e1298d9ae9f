import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import bostadsanpassning from '../server/demo-services/bostadsanpassning.json';
import forskoleplats from '../server/demo-services/forskoleplats.json';
import skolskjuts from '../server/demo-services/skolskjuts.json';
import specialkost from '../server/demo-services/specialkost.json';
import uteservering from '../server/demo-services/uteservering.json';
import { KitClient } from '../src/client/kit-client.js';
import { PROBLEM_CONTENT_TYPE } from '../src/contract/problem.js';
import { STORY_BACKEND_URL } from './support/story-backend.js';

/**
 * The demo e-services, as the demo page shows them (server/demo-services/). Here a fake backend
 * serves each definition, a logged-in citizen and what the population register says about her,
 * so the questions, steps and conditions can be tried without a server.
 */
const DEFINITIONS: Record<string, unknown> = { skolskjuts, specialkost, forskoleplats, bostadsanpassning, uteservering };

/** The companies Anna may sign for, as the company register says: one alone, one jointly with two others. */
const COMPANIES = {
  companies: [
    { organisationNumber: '5568112345', name: 'Torgcaféet i Exempelby AB', legalForm: 'AB', signs: 'jointly', cosignatories: [{ id: 't8c4e', name: 'Erik Andersson' }, { id: 't1n6j', name: 'Johan Nilsson' }] },
    { organisationNumber: '9697123454', name: 'Björkvägens Trädgård HB', legalForm: 'HB', signs: 'alone', cosignatories: [] },
  ],
};

/** These e-services need e-ID: here Anna Andersson is logged in, and the register knows her and her children. */
const SESSION = { authenticated: true, user: { name: 'Anna Andersson', givenName: 'Anna', surname: 'Andersson' } };
const PREFILL = {
  person: {
    personalNumber: '198001012387', name: 'Anna Andersson', givenName: 'Anna', surname: 'Andersson',
    address: { street: 'Storgatan 12', postalCode: '123 45', city: 'Exempelby' },
  },
  protected: false,
  children: [
    { personalNumber: '201504122383', name: 'Ella Andersson', ownSchool: true },
    { personalNumber: '201809143396', name: 'Noah Andersson', ownSchool: false },
  ],
};

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });

const demoFetch: typeof fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const path = url.pathname.replace(/^\/api\//, '');
  const id = path.replace(/^services\//, '').replace(/\/prefill$/, '');
  if ((init?.method ?? 'GET') === 'GET') {
    if (path === 'session') return json(SESSION);
    if (path === 'my/companies') return json(COMPANIES);
    if (path.endsWith('/prefill') && DEFINITIONS[id]) return json(PREFILL);
    if (DEFINITIONS[id]) return json(DEFINITIONS[id]);
  }
  const problem = { type: 'about:blank', title: 'Not Found', status: 404, detail: `${url.pathname} is not part of this story.` };
  return new Response(JSON.stringify(problem), { status: 404, headers: { 'Content-Type': PROBLEM_CONTENT_TYPE } });
};
const client = new KitClient(STORY_BACKEND_URL, demoFetch);

const meta: Meta<{ service: string }> = {
  title: 'Demo e-services',
  component: 'e-service-form',
  render: ({ service }) => html`<e-service-form service=${service} .client=${client}></e-service-form>`,
  parameters: { layout: 'padded' },
  play: async ({ canvasElement, args }) => {
    const element = canvasElement.querySelector('e-service-form')!;
    const title = (DEFINITIONS[args.service] as { title: { sv: string; en: string } }).title;
    await waitFor(() => expect(['sv', 'en'].map((l) => title[l as 'sv' | 'en'])).toContain(element.shadowRoot?.querySelector('h2')?.textContent));
    await waitFor(() => expect(element.shadowRoot?.querySelector('[part=step-indicator]')?.textContent).toMatch(/(Steg|Step) 1 (av|of) \d/));
  },
};
export default meta;
type Story = StoryObj<{ service: string }>;

/** Ansökan om skolskjuts: conditions on distance and reasons, a step for medical reasons, a certificate. */
export const Skolskjuts: Story = { args: { service: 'skolskjuts' } };
/** Anmälan om specialkost: a repeating group of allergies, a certificate required for medical reasons. */
export const Specialkost: Story = { args: { service: 'specialkost' } };
/** Ansökan om plats i förskola: a start date, hours, preferred preschools in order. */
export const Forskoleplats: Story = { name: 'Förskoleplats', args: { service: 'forskoleplats' } };
/** Ansökan om bostadsanpassningsbidrag: many questions over six steps, attachments. */
export const Bostadsanpassning: Story = { args: { service: 'bostadsanpassning' } };
/** Ansökan om uteservering, for companies: "Vem ansöker?" lists the companies Anna may sign for, how she signs, and who signs with her. */
export const Uteservering: Story = {
  args: { service: 'uteservering' },
  play: async ({ canvasElement }) => {
    const element = canvasElement.querySelector('e-service-form')!;
    await waitFor(() => expect(element.shadowRoot?.querySelector('.page-title')?.textContent).toMatch(/Vem ansöker\?|Who is applying\?/), { timeout: 10_000 });
    await waitFor(() => expect(element.shadowRoot?.querySelectorAll('input[name=company]').length).toBe(2), { timeout: 10_000 });
  },
};

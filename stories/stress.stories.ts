import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import { STRESS_CONTROLLER, STRESS_SERVICE_ID, stressDefinition } from '../bench/stress-definition.js';
import { KitClient } from '../src/client/kit-client.js';
import { PROBLEM_CONTENT_TYPE } from '../src/contract/problem.js';
import { STORY_BACKEND_URL } from './support/story-backend.js';

/**
 * The 300-question definition `npm run bench` measures (bench/stress-definition.ts): every question
 * type, a repeating group, ten steps and conditions on a third of the questions. Its first question
 * controls nine others of the first step: type a number to see them appear.
 */

const definitionJson = JSON.stringify(stressDefinition());

/** A fetch that knows only GET api/services/stress-300, like the story backend does for felanmalan. */
const stressFetch: typeof fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const method = (init?.method ?? 'GET').toUpperCase();
  if (method === 'GET' && url.pathname === `/api/services/${STRESS_SERVICE_ID}`) {
    return new Response(definitionJson, { status: 200, headers: { 'Content-Type': 'application/json' } });
  }
  const problem = { type: 'about:blank', title: 'Not Found', status: 404, detail: `${method} ${url.pathname} is not part of this story.` };
  return new Response(JSON.stringify(problem), { status: 404, headers: { 'Content-Type': PROBLEM_CONTENT_TYPE } });
};

const meta: Meta = {
  title: 'Stress',
  component: 'e-service-form',
  render: () => html`
    <e-service-form service=${STRESS_SERVICE_ID} .client=${new KitClient(STORY_BACKEND_URL, stressFetch)}></e-service-form>
  `,
  parameters: {
    layout: 'padded',
    docs: {
      description: {
        component: 'A 300-question e-service for judging the form with many questions and conditions; `npm run bench` measures it in Chromium.',
      },
    },
  },
};

export default meta;
type Story = StoryObj;

/** The first step of 30 questions (nine of them wait for question 1). */
export const ThreeHundredQuestions: Story = {
  name: '300 questions',
  play: async ({ canvasElement }) => {
    const element = canvasElement.querySelector('e-service-form');
    await waitFor(() => {
      const input = element?.shadowRoot?.querySelector(`#field-${STRESS_CONTROLLER}`)?.shadowRoot?.querySelector('input');
      if (!input) throw new Error('the first question is not rendered yet');
    });
    const label = element!.shadowRoot!.querySelector(`#field-${STRESS_CONTROLLER}`)!.shadowRoot!.querySelector('label');
    await expect(label?.textContent).toContain('Fråga 1');
  },
};

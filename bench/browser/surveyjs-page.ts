import { Model } from 'survey-core';
import { renderSurvey } from 'survey-js-ui';
import { arm, formId, now, takeResult, watch, type BenchPage } from './measure.js';

/**
 * The page the browser bench drives for SurveyJS (survey-core + survey-js-ui, its Preact-based
 * renderer for plain pages, with its default theme's CSS): the same e-service, converted by
 * surveyjs-definition.ts and served as JSON, parsed and rendered inside the measured time as the
 * kit's is. SurveyJS has no error summary: an error is gone when its question shows none.
 */

const definitionJson = fetch(`/${formId}.surveyjs.json`).then((response) => {
  if (!response.ok) throw new Error(`/${formId}.surveyjs.json: HTTP ${response.status}`);
  return response.text();
});

let survey: Model | undefined;
let container: HTMLElement | undefined;

const questionElement = (id: string) => container?.querySelector(`[data-name="${CSS.escape(id)}"]`) ?? null;
const showsError = (id: string) => !!questionElement(id)?.querySelector('.sd-question__erbox');


const bench: BenchPage = {
  ready: definitionJson.then(() => true),

  async firstRender() {
    const json = await definitionJson;
    container?.remove();
    const start = now();
    container = document.createElement('div');
    document.querySelector('main')!.append(container);
    survey = new Model(JSON.parse(json));
    const expected = survey.currentPage.questions.filter((question) => question.isVisible).length;
    const shown = () => container!.querySelectorAll('[data-name]').length;
    renderSurvey(survey, container);
    const timing = await watch('first render', [container], () => shown() >= expected, undefined, start);
    return { ...timing, all: timing.dom, questions: expected };
  },

  armErrorCleared(id) {
    if (!showsError(id)) throw new Error(`question ${id} shows no error to clear`);
    arm(watch(`error of ${id} cleared`, [container!], () => !showsError(id)));
  },

  armConditions(ids, expect) {
    const present = () => ids.map(questionElement);
    const before = present().filter(Boolean).length;
    if (before !== (expect === 'shown' ? 0 : ids.length)) throw new Error(`${before} of ${ids.length} controlled questions shown before the keystroke`);
    arm(watch(`controlled questions ${expect}`, [container!],
      () => (expect === 'shown' ? present().every(Boolean) : present().every((element) => !element))));
  },

  result: takeResult,

  async clearAnswers() {
    survey!.clear(true, false);
    await new Promise((resolve) => requestAnimationFrame(resolve));
  },

  showErrors() {
    // Next on a page with more after it, Complete on the last: whichever SurveyJS shows.
    const buttons = container!.querySelectorAll<HTMLElement>('.sd-navigation__next-btn, .sd-navigation__complete-btn');
    const shown = [...buttons].find((button) => button.offsetParent !== null);
    if (!shown) throw new Error('SurveyJS shows neither Next nor Complete');
    shown.click();
  },

  showsError,

  errorCount() {
    return container!.querySelectorAll('.sd-question__erbox').length;
  },
};

window.bench = bench;

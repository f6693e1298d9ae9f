import type { Condition, ConditionValue } from '../../src/contract/conditions.js';
import type { Field, GroupItemField, ServiceDefinition } from '../../src/contract/definition.js';

/**
 * The same e-service as a SurveyJS survey, so that the bench measures both libraries on equal
 * questions: each step a page, each question the SurveyJS type a developer would pick for it,
 * `visibleWhen`/`requiredWhen` as `visibleIf`/`requiredIf` expressions, a repeating group as a
 * dynamic panel. Required by default, as in the kit; errors clear as the citizen types.
 */
export function surveyJsDefinition(definition: ServiceDefinition): object {
  return {
    title: definition.title.sv,
    description: definition.description.sv,
    checkErrorsMode: 'onValueChanged',
    textUpdateMode: 'onTyping',
    // Its focus moves to the first error a moment after Complete; the bench puts focus where it types itself.
    focusOnFirstError: false,
    showQuestionNumbers: 'off',
    pages: definition.steps.map((step) => ({
      name: step.id,
      title: step.title.sv,
      ...(step.visibleWhen ? { visibleIf: expression(step.visibleWhen) } : {}),
      elements: step.fields.map((field) => question(field)),
    })),
  };
}

type AnyField = Field | GroupItemField;

function question(field: AnyField, inPanel = false): object {
  const common = {
    name: field.id,
    title: field.label?.sv,
    ...('hint' in field && field.hint ? { description: field.hint.sv } : {}),
    ...(field.visibleWhen ? { visibleIf: expression(field.visibleWhen, inPanel) } : {}),
    ...('requiredWhen' in field && field.requiredWhen
      ? { requiredIf: expression(field.requiredWhen, inPanel) }
      : field.type !== 'info' && (!('required' in field) || field.required !== false)
        ? { isRequired: true }
        : {}),
  };
  const choices = 'options' in field ? field.options.map((option) => ({ value: option.value, text: option.label.sv })) : [];
  switch (field.type) {
    case 'text':
    case 'personnummer':
    case 'postalCode':
    case 'organisationsnummer':
      return { ...common, type: 'text', ...('maxLength' in field && field.maxLength ? { maxLength: field.maxLength } : {}) };
    case 'email':
      return { ...common, type: 'text', inputType: 'email' };
    case 'phone':
      return { ...common, type: 'text', inputType: 'tel' };
    case 'number':
      return { ...common, type: 'text', inputType: 'number', min: field.min, max: field.max };
    case 'date':
      return { ...common, type: 'text', inputType: 'date' };
    case 'time':
      return { ...common, type: 'text', inputType: 'time' };
    case 'textarea':
      return { ...common, type: 'comment', rows: field.rows ?? 3, maxLength: field.maxLength };
    case 'yesNo':
      return { ...common, type: 'boolean', renderAs: 'radio', labelTrue: 'Ja', labelFalse: 'Nej' };
    case 'checkbox':
      return { ...common, type: 'boolean', renderAs: 'checkbox' };
    case 'radio':
      return { ...common, type: 'radiogroup', choices };
    case 'select':
      return { ...common, type: 'dropdown', choices };
    case 'checkboxGroup':
      return { ...common, type: 'checkbox', choices, ...(field.maxSelected ? { maxSelectedChoices: field.maxSelected } : {}) };
    case 'address':
      return {
        ...common, type: 'multipletext',
        items: [{ name: 'street', title: 'Gatuadress' }, { name: 'postalCode', title: 'Postnummer' }, { name: 'town', title: 'Ort' }],
      };
    case 'info':
      return { ...common, type: 'html', html: `<p>${field.text.sv.replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')}</p>` };
    case 'group':
      return {
        ...common, type: 'paneldynamic', panelCount: 1, maxPanelCount: field.maxItems ?? 50,
        templateTitle: `${field.itemLabel.sv} {panelIndex}`,
        templateElements: field.fields.map((item) => question(item, true)),
      };
    case 'child':
    case 'file':
      throw new Error(`the bench's e-services ask no ${field.type} question`);
  }
}

/** A kit condition as a SurveyJS expression; inside a dynamic panel, the item's own questions are `{panel.id}`. */
export function expression(condition: Condition, inPanel = false): string {
  if ('all' in condition) return `(${condition.all.map((c) => expression(c, inPanel)).join(' and ')})`;
  if ('any' in condition) return `(${condition.any.map((c) => expression(c, inPanel)).join(' or ')})`;
  if ('not' in condition) return `!(${expression(condition.not, inPanel)})`;
  const ref = `{${inPanel && /^[a-z]/.test(condition.field) && !/^q\d{3}$/.test(condition.field) ? 'panel.' : ''}${condition.field}}`;
  if ('equals' in condition) return `${ref} = ${literal(condition.equals)}`;
  if ('notEquals' in condition) return `${ref} <> ${literal(condition.notEquals)}`;
  if ('oneOf' in condition) return `${ref} anyof [${condition.oneOf.map(literal).join(', ')}]`;
  const operand = (target: string | number | { field: string }) => (typeof target === 'object' ? `{${target.field}}` : literal(target));
  if ('greaterThan' in condition) return `${ref} > ${operand(condition.greaterThan)}`;
  if ('lessThan' in condition) return `${ref} < ${operand(condition.lessThan)}`;
  if ('onOrAfter' in condition) return `${ref} >= ${operand(condition.onOrAfter)}`;
  if ('onOrBefore' in condition) return `${ref} <= ${operand(condition.onOrBefore)}`;
  if ('answered' in condition) return condition.answered ? `${ref} notempty` : `${ref} empty`;
  throw new Error('the bench\'s e-services ask the register nothing');
}

function literal(value: ConditionValue): string {
  return typeof value === 'string' ? `'${value.replace(/'/g, "\\'")}'` : String(value);
}

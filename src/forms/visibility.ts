import type { Answers, AnswerValue, ItemAnswers } from '../contract/cases.js';
import type { Field, GroupItemField, ServiceDefinition, Step } from '../contract/definition.js';
import { evaluate, type FormFacts, type Lookup } from './conditions.js';
import { computeOver } from './computed.js';

type GroupField = Extract<Field, { type: 'group' }>;

/**
 * Which steps and questions are asked, given the answers so far. A question whose
 * condition reads a hidden question sees it as unanswered, so chains of conditions
 * behave as a citizen expects. The browser and the server compute this the same way.
 */
export interface FormView {
  steps: Step[];
  isStepVisible(step: Step): boolean;
  isVisible(fieldId: string): boolean;
  isRequired(field: Field): boolean;
  /** The answer a condition sees for a top-level question. */
  lookup: Lookup;
  item(group: GroupField, answers: ItemAnswers): ItemView;
}

export interface ItemView {
  isVisible(field: GroupItemField): boolean;
  isRequired(field: GroupItemField): boolean;
  lookup: Lookup;
}

export function viewForm(definition: Pick<ServiceDefinition, 'steps' | 'computed'>, answers: Answers, facts: FormFacts = {}): FormView {
  const owner = new Map<string, { field: Field; step: Step }>();
  for (const step of definition.steps) for (const field of step.fields) owner.set(field.id, { field, step });
  const computed = new Map(definition.computed?.map((value) => [value.id, value]));

  const visibleMemo = new Map<string, boolean>();
  const stepMemo = new Map<Step, boolean>();
  const resolving = new Set<string>();
  // Worked out once per view, as visibility is: conditions and the display may read a value many times.
  const computedMemo = new Map<string, number>();

  const lookup: Lookup = (id) => {
    const value = computed.get(id);
    if (!value) return isVisible(id) ? answers[id] : undefined;
    const known = computedMemo.get(id);
    if (known !== undefined) return known;
    // Worked out over the group as it is asked: nothing of a hidden group, nothing of a hidden question in an item.
    const groupId = value.sum?.group ?? value.count!;
    const group = owner.get(groupId)?.field;
    // A group whose own conditions read this value sees it as unanswered (as a circle of conditions does).
    if (resolving.has(id)) return undefined;
    resolving.add(id);
    try {
      const result = computeOver(value, group?.type === 'group' ? group : undefined, isVisible(groupId) ? answers[groupId] : undefined, (g, item) => view.item(g, item).lookup);
      computedMemo.set(id, result);
      return result;
    } finally {
      resolving.delete(id);
    }
  };

  function isStepVisible(step: Step): boolean {
    let visible = stepMemo.get(step);
    if (visible === undefined) {
      visible = step.visibleWhen ? guarded(`step:${step.id}`, () => evaluate(step.visibleWhen!, lookup, facts)) : true;
      stepMemo.set(step, visible);
    }
    return visible;
  }

  function isVisible(id: string): boolean {
    const cached = visibleMemo.get(id);
    if (cached !== undefined) return cached;
    const entry = owner.get(id);
    const visible =
      !!entry &&
      isStepVisible(entry.step) &&
      (entry.field.visibleWhen ? guarded(id, () => evaluate(entry.field.visibleWhen!, lookup, facts)) : true);
    visibleMemo.set(id, visible);
    return visible;
  }

  /** A definition whose conditions read each other in a circle shows neither question. */
  function guarded(key: string, decide: () => boolean): boolean {
    if (resolving.has(key)) return false;
    resolving.add(key);
    try {
      return decide();
    } finally {
      resolving.delete(key);
    }
  }

  const isRequired = (field: Field) => requiredUnder(field, lookup, facts);

  const view: FormView = {
    get steps() {
      return definition.steps.filter(isStepVisible);
    },
    isStepVisible,
    isVisible,
    isRequired,
    lookup,
    item(group, itemAnswers) {
      const inGroup = new Map(group.fields.map((field) => [field.id, field]));
      const itemVisible = new Map<string, boolean>();
      const itemResolving = new Set<string>();
      const itemLookup: Lookup = (id): AnswerValue | undefined => {
        const field = inGroup.get(id);
        if (!field) return lookup(id);
        return visibleInItem(field) ? itemAnswers[id] : undefined;
      };
      function visibleInItem(field: GroupItemField): boolean {
        const cached = itemVisible.get(field.id);
        if (cached !== undefined) return cached;
        if (itemResolving.has(field.id)) return false;
        itemResolving.add(field.id);
        const visible = field.visibleWhen ? evaluate(field.visibleWhen, itemLookup, facts) : true;
        itemResolving.delete(field.id);
        itemVisible.set(field.id, visible);
        return visible;
      }
      return {
        isVisible: visibleInItem,
        isRequired: (field) => requiredUnder(field, itemLookup, facts),
        lookup: itemLookup,
      };
    },
  };
  return view;
}

function requiredUnder(field: Field | GroupItemField, lookup: Lookup, facts: FormFacts): boolean {
  if (field.type === 'info') return false;
  if (field.requiredWhen) return evaluate(field.requiredWhen, lookup, facts);
  return field.required !== false;
}

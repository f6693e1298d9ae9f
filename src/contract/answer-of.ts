/** Another question's answer, to compare with in a condition (src/contract/conditions.ts). Without zod: the browser reads it too. */
export interface AnswerOf { field: string }

export function isAnswerOf(operand: unknown): operand is AnswerOf {
  return typeof operand === 'object' && operand !== null && typeof (operand as AnswerOf).field === 'string';
}

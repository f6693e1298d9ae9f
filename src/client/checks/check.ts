import * as v from 'valibot';

/**
 * How the browser checks an answer before a widget uses it. The contract (src/contract/, zod) is the
 * backend's: it checks every request and definition in full and generates the OpenAPI document. The
 * browser needs less — that an answer has the shape its code reads — and zod's runtime costs a page
 * about 8 KB brotli at the least, more than half of what `<eid-login>` may weigh. So the browser's
 * checks are valibot schemas (a few hundred bytes for an answer), each typed against the contract's
 * own type: `check()` only accepts a schema whose output is that type, so TypeScript refuses a check
 * that drifts from the contract, and test/unit/checks.test.ts runs both on the same answers.
 */
export interface Check<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false };
}

export function check<T>(schema: v.GenericSchema<unknown, T>): Check<T> {
  return {
    safeParse(data) {
      const result = v.safeParse(schema, data);
      return result.success ? { success: true, data: result.output } : { success: false };
    },
  };
}

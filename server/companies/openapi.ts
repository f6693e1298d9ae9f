import * as z from 'zod/mini';
import { MyCompanies } from '../../src/contract/companies.js';

type ProblemResponse = (description: string) => Record<string, unknown>;

/** Companies as applicants (src/contract/companies.ts) in the OpenAPI document. */
export function companiesOpenApi(problemResponse: ProblemResponse, lang: Record<string, unknown>) {
  const schemas = { MyCompanies };
  return {
    schemas: Object.fromEntries(Object.entries(schemas).map(([name, schema]) => {
      const { $schema: _drop, ...json } = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
      return [name, json];
    })),
    paths: {
      '/api/my/companies': {
        get: {
          operationId: 'myCompanies', tags: ['companies'],
          summary: 'The companies the logged-in person may act for, as the company register (Bolagsverket\'s firmatecknare) says: how they sign (alone, or jointly — then the others who may sign with them, by name and an opaque id, never a personnummer)',
          parameters: [lang],
          responses: {
            200: { description: 'The companies (none for someone who signs for no company)', content: { 'application/json': { schema: { $ref: '#/components/schemas/MyCompanies' } } } },
            401: problemResponse('not-logged-in'),
            503: problemResponse('company-register-unavailable: try again later'),
          },
        },
      },
    },
  };
}

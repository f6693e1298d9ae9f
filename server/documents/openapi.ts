// What the three routes to a case's PDF share in GET /api/openapi.json (server/openapi.ts, server/officer/openapi.ts).

/** `?lang=`: the case's own language without it. */
export const PDF_LANGUAGE = {
  name: 'lang', in: 'query', required: false, schema: { type: 'string', enum: ['sv', 'en'] },
  description: 'The language of the PDF; without it, the language the case was sent in',
};

/** A case's PDF, as a download. */
export const PDF_RESPONSE = {
  description: 'The PDF (PDF/A-2a, tagged, fonts embedded), as an attachment named after the case number',
  content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
};

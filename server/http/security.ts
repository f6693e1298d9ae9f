import { createRequire } from 'node:module';
import cors from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CLIENT_HEADER, CLIENT_HEADER_VALUE, IDEMPOTENCY_KEY_HEADER, RECEIPT_TOKEN_HEADER } from '../../src/contract/cases.js';
import type { Language } from '../../src/contract/text.js';
import { problem, ProblemError, sendProblem } from '../problem.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Helmet itself, as @fastify/helmet depends on it. The plugin called `helmet(options)` on every request, which parses
 * the CSP directives and builds a dozen middleware functions each time (about 60 µs a request, 4 % of a case's CPU
 * in `npm run bench -- server`); the headers it sets depend on the options alone, so the middleware is built once.
 */
const helmet = createRequire(createRequire(import.meta.url).resolve('@fastify/helmet'))('helmet') as typeof import('helmet').default;

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * 'bearer': the route's caller is a program with a token of its own (the officer API), not a browser, so the
     * Origin and X-Requested-With check does not apply. 'provider': a payment provider's callback, which changes
     * nothing by what it says (the server reads the payment back from the provider), so neither applies there; and
     * a SAML IdP's answer, which the citizen's browser posts cross-site from the IdP's page by design (the HTTP-POST
     * binding) and which vouches for itself: the IdP's signature, and the login its RelayState names.
     * Every other route that changes something gets it.
     */
    auth?: 'bearer' | 'provider';
    /**
     * 'public': the answer is the same for everyone and holds no personal data or token (e-service definitions, the
     * OpenAPI document), so browsers and proxies may keep it for a minute. Every other /api/ answer is no-store.
     */
    cache?: 'public';
  }
}

/** What a public answer (route config `cache: 'public'`) may be kept for. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=60';

/**
 * Security headers, the CORS allow-list of embedding pages, and the two checks that
 * keep another site from making a citizen's browser change anything: an allowed
 * Origin and a custom header (which no cross-site form can send without CORS).
 * The checks apply to every route that changes something, decided by the route fastify
 * matched — never by how the request spelled its path.
 */
export async function registerSecurity(app: FastifyInstance, allowedOrigins: string[]): Promise<void> {
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        // The demo runs on http://localhost; production sits behind HTTPS and HSTS anyway.
        upgradeInsecureRequests: null,
      },
    },
    // The kit is loaded by other origins' pages.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    crossOriginEmbedderPolicy: false,
  });
  // Where the plugin's hook was, on every route: every answer has the headers, errors included.
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error) => done(error instanceof Error ? error : undefined)));

  const allowed = new Set(allowedOrigins);
  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    credentials: true,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Content-Type', 'Accept-Language', IDEMPOTENCY_KEY_HEADER, CLIENT_HEADER, RECEIPT_TOKEN_HEADER],
    maxAge: 600,
  });
  registerCaching(app);

  // onRequest, on the route fastify matched: before the rate limits count (route-level onRequest hooks run after this
  // app-level one), before any body is read (JSON, text/plain or multipart), and however the path was spelled —
  // `/%61pi/cases` and `http://host/api/cases` reach the same route as `/api/cases`, so they meet the same check.
  app.addHook('onRequest', async (request, reply) => {
    if (SAFE_METHODS.has(request.method) || request.is404) return;
    // A municipality's case system, not a browser: it has no cookies to misuse, and its bearer token is checked instead.
    if (request.routeOptions.config.auth === 'bearer' || request.routeOptions.config.auth === 'provider') return;
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== ownOrigin(request) && !allowed.has(origin)) {
      return sendProblem(reply, problem(403, 'origin-not-allowed', 'This web page may not use the e-service backend',
        `Add ${origin} to ALLOWED_ORIGINS to let it embed the e-services.`));
    }
    if (request.headers[CLIENT_HEADER.toLowerCase()] !== CLIENT_HEADER_VALUE) {
      return sendProblem(reply, problem(403, 'client-header-missing', `The ${CLIENT_HEADER} header is missing`,
        `Send ${CLIENT_HEADER}: ${CLIENT_HEADER_VALUE} with every request that changes something.`));
    }
  });
}

/**
 * `Cache-Control: no-store` on every answer of an /api/ route (and on a 404 of no route), errors included, unless
 * the route says its answer is public: personal data and tokens (a session, a receipt token, an order's QR data)
 * must not stay in a browser's cache or a proxy. The kit's and the demo's files are not /api/ routes and keep
 * @fastify/static's own caching.
 */
export function registerCaching(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    const route = request.routeOptions.url;
    if (route !== undefined && !route.startsWith('/api/')) return;
    if (request.routeOptions.config.cache === 'public' && reply.statusCode === 200) {
      reply.header('Cache-Control', PUBLIC_CACHE_CONTROL);
    } else if (!reply.hasHeader('cache-control')) {
      reply.header('Cache-Control', 'no-store');
    }
  });
}

/** This server's own origin as the request reached it (behind TRUST_PROXY, as the proxy says). */
export function ownOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/**
 * A page a provider (the card page, the e-ID broker) sends the citizen back to: only one of a site that may embed the
 * kit (ALLOWED_ORIGINS), or this server's own; anything else is 400 return-url-not-allowed.
 */
export function checkReturnUrl(request: FastifyRequest, returnUrl: string, allowedOrigins: ReadonlySet<string>, lang: Language): void {
  const back = new URL(returnUrl).origin;
  if (back === ownOrigin(request) || allowedOrigins.has(back)) return;
  throw new ProblemError(problem(400, 'return-url-not-allowed',
    lang === 'en' ? 'The page to come back to is not one of the municipality\'s' : 'Sidan att komma tillbaka till är inte kommunens',
    `${back} is not in ALLOWED_ORIGINS.`));
}

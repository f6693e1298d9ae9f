import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { problem, ProblemError } from '../problem.js';
import { requestLanguage } from './language.js';

/**
 * Anonymous e-services can be used by anyone, so sending cases and uploading files are
 * limited per address: enough for a household behind one router, too little to flood the
 * municipality's inbox or fill the storage before the cleanup runs.
 */
export interface RateLimits {
  casesPerMinute: number;
  uploadsPerMinute: number;
}

export async function registerRateLimit(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (request, context) => {
      const lang = requestLanguage(request);
      const seconds = Math.ceil(context.ttl / 1000);
      // Thrown by the plugin, and turned into problem+json by the app's error handler.
      return Object.assign(
        new ProblemError(problem(429, 'too-many-requests',
          lang === 'en' ? 'Too many requests – wait a moment and try again' : 'För många försök – vänta en stund och försök igen',
          lang === 'en' ? `Try again in ${seconds} seconds.` : `Försök igen om ${seconds} sekunder.`)),
        { statusCode: 429 },
      );
    },
  });
}

export const perMinute = (max: number) => ({ rateLimit: { max, timeWindow: 60_000 } });

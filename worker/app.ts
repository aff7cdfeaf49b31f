import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from './context';
import { createDb } from './db';
import { AppError, invalid, isTransientD1Error, problemResponse, unavailable, notFound } from './errors';
import { limitBody, requireJson } from './middleware/api-guards';
import { registerOrganisationRoutes } from './routes/organisations';
import { registerAdviceRoutes } from './routes/advice';
import { registerLetterRoutes } from './routes/letter';
import { registerSendingRoutes } from './routes/sending';
import { registerDevOutboxRoutes } from './routes/dev-outbox';
import { registerImportRoutes } from './routes/imports';
import { registerPublicationRoutes } from './routes/publication';
import { registerFiguresRoutes } from './routes/figures';
import { registerConsultationRoutes } from './routes/consultations';
import { registerConsultationPublicationRoutes } from './routes/consultation-publication';
import { kickDelivery } from './middleware/kick-delivery';
import { securityHeaders } from './middleware/web-security';
import { edge } from './middleware/edge';
import { registerWebRoutes, isWebRequest, webErrorResponse, webNotFound } from './routes/web';
import { apiRoute, declarePolicy, jsonResponse, problemResponses } from './routing';
import { nl } from '../schema/i18n/nl';
import { fieldErrors, problemShape, z } from '../schema/zod';

export function createApp() {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw invalid(fieldErrors(result.error));
    },
  });

  // First, so that every answer gets them: pages, problem answers, error pages.
  app.use('*', securityHeaders);
  app.use('*', edge);
  // One Drizzle instance per request.
  app.use('*', async (c, next) => {
    c.set('db', createDb(c.env.DB));
    c.set('principal', null);
    await next();
  });
  app.use('*', kickDelivery);
  app.use('/api/*', limitBody, requireJson);

  registerOrganisationRoutes(app);
  registerAdviceRoutes(app);
  registerLetterRoutes(app);
  registerSendingRoutes(app);
  registerDevOutboxRoutes(app);
  registerImportRoutes(app);
  registerPublicationRoutes(app);
  registerFiguresRoutes(app);
  registerConsultationRoutes(app);
  registerConsultationPublicationRoutes(app);
  registerWebRoutes(app);

  // Liveness: a route with no work behind it.
  app.openapi(
    apiRoute('public', {
      method: 'get',
      path: '/api/v1/health',
      tags: ['System'],
      summary: 'Liveness: answers without touching the database',
      responses: { 200: jsonResponse('Alive', z.object({ status: z.literal('ok') })) },
    }),
    (c) => c.json({ status: 'ok' as const }, 200),
  );

  // Readiness: the database answers one query. Also the floor that `npm run bench` compares every route with.
  app.openapi(
    apiRoute('public', {
      method: 'get',
      path: '/api/v1/health/database',
      tags: ['System'],
      summary: 'Readiness: the database answers one query (503 problem+json when it does not)',
      responses: { 200: jsonResponse('The database answered', z.object({ status: z.literal('ok') })), ...problemResponses(503) },
    }),
    async (c) => {
      // Not ready, whatever the database's error: the caller should try again or elsewhere.
      await c.env.DB.prepare('SELECT 1')
        .run()
        .catch(() => {
          throw unavailable();
        });
      return c.json({ status: 'ok' as const }, 200);
    },
  );

  declarePolicy('get', '/api/v1/openapi.json', 'public');
  app.doc31('/api/v1/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Wederwoord API', version: '1', description: 'The public JSON contract of Wederwoord (see shared/API.md).' },
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  app.openAPIRegistry.register('Problem', problemShape);

  app.notFound((c) => (isWebRequest(c) ? webNotFound(c) : problemResponse(notFound(), new URL(c.req.url).pathname)));
  app.onError((err, c) => {
    if (isWebRequest(c)) return webErrorResponse(c, err);
    const instance = new URL(c.req.url).pathname;
    if (err instanceof AppError) return problemResponse(err, instance);
    if (err instanceof HTTPException) {
      if (err.status === 400 && /JSON/i.test(err.message)) {
        return problemResponse(invalid([{ path: '', message: nl.problems.invalidJson }], nl.problems.invalidJson), instance);
      }
      return problemResponse(new AppError(err.status, err.message || 'Error', err.message), instance);
    }
    if (isTransientD1Error(err)) return problemResponse(unavailable(), instance);
    console.error('unhandled error', instance, err);
    return problemResponse(new AppError(500, 'Internal Server Error', nl.problems.internal), instance);
  });
  return app;
}

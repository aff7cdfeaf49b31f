import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';
import { loadConsultation } from '../services/consultations';
import { authorizeConsultation, type ConsultationAction } from '../policy';
import { notFound } from '../errors';

/**
 * For routes on one consultation: loads it (with the councils that take part) and checks tenant,
 * council and role before the body is read, so another organisation's consultation is 404 for
 * every method and every body.
 */
export const consultationScope = (action: ConsultationAction) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const consultation = await loadConsultation(c.var.db, c.req.param('id') ?? '');
    if (!consultation) throw notFound();
    authorizeConsultation(c.get('principal'), consultation, action);
    c.set('consultation', consultation);
    await next();
  });

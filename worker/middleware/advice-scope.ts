import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';
import { loadAdvice } from '../services/advice';
import { takeAdviceRow } from '../speculative';
import { authorizeAdvice, type AdviceAction } from '../policy';
import { notFound } from '../errors';

/**
 * For routes on one dossier: loads it and checks tenant, council and role before the body is
 * read, so another organisation's dossier is 404 for every method and every body.
 */
export const adviceScope = (action: AdviceAction) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const id = c.req.param('id') ?? '';
    // Usually read along with the caller's token (speculative.ts); the same checks apply.
    const dossier = takeAdviceRow(c, id) ?? (await loadAdvice(c.var.db, id));
    if (!dossier) throw notFound();
    authorizeAdvice(c.get('principal'), dossier, action);
    c.set('dossier', dossier);
    await next();
  });

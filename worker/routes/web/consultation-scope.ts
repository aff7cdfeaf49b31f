import type { Context } from 'hono';
import type { AppEnv } from '../../context';
import { readConsultation } from '../../services/consultations';
import { authorizeConsultation, type ConsultationAction } from '../../policy';
import { notFound } from '../../errors';

/**
 * The whole consultation for an action on it (one round trip): 404 unless the caller may know it,
 * 403 unless the role may act.
 */
export async function consultationFor(c: Context<AppEnv>, action: ConsultationAction) {
  const read = await readConsultation(c.var.db, c.req.param('id') ?? '');
  if (!read) throw notFound();
  const p = authorizeConsultation(c.var.principal, read.scope, action);
  return { read, p };
}
export type FoundConsultation = Awaited<ReturnType<typeof consultationFor>>;

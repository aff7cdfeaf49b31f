import type { Context } from 'hono';
import type { AppEnv, UserPrincipal } from '../../context';
import { readConsultation } from '../../services/consultations';
import { notFound } from '../../errors';

/** The whole consultation a page route loaded (routing.ts, load 'consultation'), and the caller its policy allowed. */
export function foundConsultation(c: Context<AppEnv>) {
  return { read: c.var.consultationRead, p: c.var.principal as UserPrincipal };
}
export type FoundConsultation = ReturnType<typeof foundConsultation>;

/** The consultation read again, for a page shown after a write was refused (a conflict shows what is stored now). */
export async function consultationAsItIsNow(c: Context<AppEnv>, found: FoundConsultation): Promise<FoundConsultation> {
  const read = await readConsultation(c.var.db, found.read.scope.id);
  if (!read) throw notFound();
  return { read, p: found.p };
}

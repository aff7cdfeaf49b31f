import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { runBatch } from '../db';
import type { Principal } from '../context';
import { councils, organisations } from '../../schema/organisations';
import { sessions, users, COUNCIL_ROLES, type UpdateUser } from '../../schema/users';
import { invalid, notFound } from '../errors';
import { nl } from '../../schema/i18n/nl';
import { nowIso } from '../../schema/dates';
import { auditStatement } from './audit';
import { revokeAllStatements } from './token-issuance';

export async function getUser(db: Db, slug: string, userId: string) {
  // One round trip: the user, only if it belongs to the organisation of that slug.
  const [found] = await db
    .select({ user: users, org: organisations })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(and(eq(users.id, userId), eq(organisations.slug, slug)));
  if (!found) throw notFound();
  return found;
}

/**
 * Changes a user's name, role, council and access, with the same council rules as creating one.
 * Blocking ends the user's sessions at once; an admin cannot lock themselves out.
 */
export async function updateUser(db: Db, actor: Principal, slug: string, userId: string, input: UpdateUser) {
  const { org, user } = await getUser(db, slug, userId);
  const councilRole = COUNCIL_ROLES.includes(input.role);
  if (councilRole && !input.councilId) throw invalid([{ path: 'councilId', message: nl.fields.councilRoleNeedsCouncil }]);
  if (!councilRole && input.councilId) throw invalid([{ path: 'councilId', message: nl.fields.staffRoleNoCouncil }]);
  if (actor.kind === 'user' && actor.id === user.id && (input.disabled || input.role !== 'admin')) {
    throw invalid([{ path: input.disabled ? 'disabled' : 'role', message: nl.web.admin.selfLockout }]);
  }
  if (input.councilId) {
    const [council] = await db.select({ id: councils.id }).from(councils).where(and(eq(councils.id, input.councilId), eq(councils.orgId, org.id)));
    if (!council) throw invalid([{ path: 'councilId', message: nl.fields.councilUnknown }]);
  }
  const next = {
    name: input.name,
    role: input.role,
    councilId: input.councilId ?? null,
    disabledAt: input.disabled ? (user.disabledAt ?? nowIso()) : null,
  };
  // A token acts with its user's role: a new role revokes every token issued for the old one.
  const revoked = next.role !== user.role ? await revokeAllStatements(db, actor, user, 'role change') : [];
  await runBatch(db, [
    db.update(users).set(next).where(eq(users.id, user.id)),
    ...(input.disabled ? [db.delete(sessions).where(eq(sessions.userId, user.id))] : []),
    ...revoked,
    auditStatement(db, { orgId: org.id, actor, action: 'user.update', entity: 'user', entityId: user.id, detail: { role: next.role, disabled: input.disabled } }),
  ]);
  return { ...user, ...next };
}

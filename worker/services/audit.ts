import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import { auditLog } from '../../schema/system';
import { nowIso } from '../../schema/dates';
import type { Principal } from '../context';

export type AuditEntry = {
  orgId: string | null;
  actor: Principal | null;
  action: string;
  entity: string;
  entityId: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  detail?: Record<string, unknown>;
};

export const actorId = (p: Principal | null) => (p ? (p.kind === 'platform' ? 'platform' : p.id) : null);

/**
 * An audit row as a statement to put in the same db.batch as the change it records; with
 * `onlyIf`, written only when that condition holds at that point of the batch.
 */
export function auditStatement(db: Db, e: AuditEntry, onlyIf?: SQL) {
  const row = {
    orgId: e.orgId,
    actorId: actorId(e.actor),
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    fromStatus: e.fromStatus ?? null,
    toStatus: e.toStatus ?? null,
    detail: e.detail ? JSON.stringify(e.detail) : null,
    createdAt: nowIso(),
  };
  if (!onlyIf) return db.insert(auditLog).values(row);
  // Drizzle has no conditional VALUES: an INSERT … SELECT of every column in the table's order (id by AUTOINCREMENT).
  return db
    .insert(auditLog)
    .select(
      sql`SELECT NULL, ${row.orgId}, ${row.actorId}, ${row.action}, ${row.entity}, ${row.entityId}, ${row.fromStatus}, ${row.toStatus}, ${row.detail}, ${row.createdAt} WHERE ${onlyIf}`,
    );
}

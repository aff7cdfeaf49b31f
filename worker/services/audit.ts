import type { Db } from '../db';
import { auditLog } from '../../schema/system';
import { nowIso } from '../lib/dates';
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

/** An audit row as a statement to put in the same db.batch as the change it records. */
export function auditStatement(db: Db, e: AuditEntry) {
  return db.insert(auditLog).values({
    orgId: e.orgId,
    actorId: actorId(e.actor),
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    fromStatus: e.fromStatus ?? null,
    toStatus: e.toStatus ?? null,
    detail: e.detail ? JSON.stringify(e.detail) : null,
    createdAt: nowIso(),
  });
}

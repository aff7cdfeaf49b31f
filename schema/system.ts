import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core';

/** Append-only (triggers in the migrations refuse UPDATE and DELETE). */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orgId: text('org_id'),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    detail: text('detail'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('audit_entity').on(t.entity, t.entityId)],
);

/** Stored answers of requests made with an Idempotency-Key, per principal. */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    principal: text('principal').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    state: text('state', { enum: ['pending', 'done'] }).notNull(),
    status: integer('status'),
    contentType: text('content_type'),
    body: text('body'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.principal, t.key] })],
);

/**
 * Never holds a row. A statement of a db.batch() inserts NULL here when a condition fails,
 * which violates NOT NULL and so rolls the whole batch back (D1 has no BEGIN/ROLLBACK).
 */
export const batchGuard = sqliteTable('batch_guard', {
  ok: integer('ok').notNull(),
});

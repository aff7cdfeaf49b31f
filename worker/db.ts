import { drizzle } from 'drizzle-orm/d1';
import { sql, type SQL } from 'drizzle-orm';
import { batchGuard } from '../schema/system';

/**
 * One Drizzle instance per request. No relational schema is given: the app uses the query builder
 * only, and the relational config would be rebuilt from every table on each request.
 */
export function createDb(d1: D1Database) {
  return drizzle(d1);
}
export type Db = ReturnType<typeof createDb>;

/**
 * A batch statement that aborts the whole batch unless `condition` holds at that point of the
 * batch. Used right after a conditional UPDATE so that the rest of the batch only happens when
 * this request won the transition.
 */
export function guard(db: Db, condition: SQL) {
  // (db.run with parameters cannot be batched by drizzle's D1 driver; an insert-select can.)
  return db.insert(batchGuard).select(sql`SELECT NULL WHERE NOT (${condition})`);
}

export function isGuardFailure(err: unknown): boolean {
  const texts: string[] = [];
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) texts.push(e instanceof Error ? e.message : String(e));
  return texts.some((t) => t.includes('batch_guard.ok'));
}

export type BatchItem = Parameters<Db['batch']>[0][number];
export type Statements = BatchItem[];
/** db.batch over a list built at run time (drizzle wants a non-empty tuple). */
export function runBatch(db: Db, statements: Statements) {
  return db.batch(statements as [BatchItem, ...BatchItem[]]);
}

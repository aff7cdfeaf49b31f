import { drizzle } from 'drizzle-orm/d1';
import { sql, type SQL } from 'drizzle-orm';
import * as organisations from '../schema/organisations';
import * as users from '../schema/users';
import * as advice from '../schema/advice';
import * as system from '../schema/system';
import * as mail from '../schema/mail';
import { batchGuard } from '../schema/system';

export const schema = { ...organisations, ...users, ...advice, ...system, ...mail };

export function createDb(d1: D1Database) {
  return drizzle(d1, { schema });
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

type BatchItem = Parameters<Db['batch']>[0][number];
/** db.batch over a list built at run time (drizzle wants a non-empty tuple). */
export function runBatch(db: Db, statements: BatchItem[]) {
  return db.batch(statements as [BatchItem, ...BatchItem[]]);
}

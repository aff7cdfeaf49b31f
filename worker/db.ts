import { drizzle } from 'drizzle-orm/d1';
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
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

/** The same guard as plain SQL, for batches prepared on the D1 binding (`condition` is SQL text). */
export const guardSql = (condition: string) => `INSERT INTO batch_guard SELECT NULL WHERE NOT (${condition})`;

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

/** The D1 binding under a Drizzle instance: for the few hot reads written as plain SQL. */
export const d1Of = (db: Db): D1Database => db.$client;

type AnyTable = Parameters<typeof getTableColumns>[0];
const decoders = new WeakMap<AnyTable, [key: string, name: string, decode: (v: unknown) => unknown][]>();

/**
 * A row that plain SQL (`SELECT t.* …`) returned, as Drizzle would have returned it: keys by field
 * name, each value through its column's own decoder (JSON columns parsed, booleans as booleans).
 */
export function rowOf<T extends AnyTable>(table: T, raw: Record<string, unknown>): T['$inferSelect'] {
  let columns = decoders.get(table);
  if (!columns) {
    columns = Object.entries(getTableColumns(table)).map(([key, col]) => [key, col.name, (v: unknown) => col.mapFromDriverValue(v)]);
    decoders.set(table, columns);
  }
  const out: Record<string, unknown> = {};
  for (const [key, name, decode] of columns) {
    const value = raw[name];
    out[key] = value === null || value === undefined ? null : decode(value);
  }
  return out as T['$inferSelect'];
}

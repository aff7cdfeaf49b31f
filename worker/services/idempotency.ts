import { lt } from 'drizzle-orm';
import type { Db } from '../db';
import { idempotencyKeys } from '../../schema/system';

/** How long a stored answer is remembered (API.md: keys are remembered for 24 hours). */
export const IDEMPOTENCY_KEEP_MS = 24 * 60 * 60 * 1000;

/** Deletes the stored answers older than a day (the cron; requests also clear some now and then). */
export async function sweepIdempotencyKeys(db: Db, now: number) {
  const gone = await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, now - IDEMPOTENCY_KEEP_MS)).returning({ key: idempotencyKeys.key });
  return gone.length;
}

/**
 * The figures' monthly summary (schema/figures.ts `figureMonths`): the statements that keep it equal
 * to the dossiers, for the batch that receives a dossier (submitting, registering) and the one that
 * sends it. Each runs after its transition's guard, so the summary changes exactly when the dossier
 * does.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db, Statements } from '../db';
import { figureMonths, monthOf, type sentColumns } from '../../schema/figures';

/** A dossier as the summary files it: its organisation, council and day of receipt (none for a draft). */
export type Filed = { orgId: string; councilId: string; receivedOn: string | null };

const NOT_SENT = '';
const target = [figureMonths.orgId, figureMonths.receivedMonth, figureMonths.councilId, figureMonths.sentMonth];
const plus = (column: SQLiteColumn, n: number) => sql<number>`${column} + ${n}`;

/** One more dossier received in its month and council, not sent yet. */
export function receivedStatements(db: Db, d: Filed): Statements {
  if (!d.receivedOn) return [];
  return [
    db
      .insert(figureMonths)
      .values({ orgId: d.orgId, receivedMonth: monthOf(d.receivedOn), councilId: d.councilId, sentMonth: NOT_SENT, received: 1, sent: 0, adopted: 0, partly: 0, declined: 0, alreadyDone: 0, answered: 0 })
      .onConflictDoUpdate({ target, set: { received: plus(figureMonths.received, 1) } }),
  ];
}

/** The dossier sent (the columns that sending writes on it): it moves from "not sent" to its month of sending, with its letter's counts. */
export function sentStatements(db: Db, d: Filed, sent: ReturnType<typeof sentColumns>): Statements {
  if (!d.receivedOn) return [];
  const receivedMonth = monthOf(d.receivedOn);
  const counts = { adopted: sent.sentAdopted, partly: sent.sentPartly, declined: sent.sentDeclined, alreadyDone: sent.sentAlreadyDone, answered: sent.sentAnswered };
  const f = figureMonths;
  return [
    db
      .update(f)
      .set({ received: plus(f.received, -1) })
      .where(and(eq(f.orgId, d.orgId), eq(f.receivedMonth, receivedMonth), eq(f.councilId, d.councilId), eq(f.sentMonth, NOT_SENT))),
    db
      .insert(f)
      .values({ orgId: d.orgId, receivedMonth, councilId: d.councilId, sentMonth: monthOf(sent.sentOn), received: 1, sent: 1, ...counts })
      .onConflictDoUpdate({
        target,
        set: {
          received: plus(f.received, 1),
          sent: plus(f.sent, 1),
          adopted: plus(f.adopted, counts.adopted),
          partly: plus(f.partly, counts.partly),
          declined: plus(f.declined, counts.declined),
          alreadyDone: plus(f.alreadyDone, counts.alreadyDone),
          answered: plus(f.answered, counts.answered),
        },
      }),
  ];
}

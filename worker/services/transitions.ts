/**
 * The one way a dossier changes state: a conditional UPDATE that only matches while the dossier is
 * in one of the transition's `from` states (schema/advice.ts TRANSITIONS), with the audit row and
 * whatever else the change needs in the same D1 batch.
 */
import { and, eq, exists, inArray, type SQL } from 'drizzle-orm';
import { advice, TRANSITIONS, type AdviceRow, type TransitionName } from '../../schema/advice';
import type { Principal } from '../context';
import { guard, isGuardFailure, runBatch, type Db, type Statements } from '../db';
import { conflict } from '../errors';
import { newId } from '../lib/crypto';
import { nowIso } from '../../schema/dates';
import { nl } from '../../schema/i18n/nl';
import { auditStatement } from './audit';

/**
 * The statements of one transition of `d`. `update` writes a fresh transition id; `won` holds
 * exactly when this request's update was the one that matched, so that of two racing requests one
 * wins: `guard` aborts the batch unless it holds, and `audit` records the change (only if it holds,
 * when asked: for a transition that may legitimately not happen, like the first response's start).
 */
export function transition(db: Db, d: AdviceRow, name: TransitionName, set: Partial<AdviceRow> = {}, extra?: SQL) {
  const { from, to, action } = TRANSITIONS[name];
  const transitionId = newId();
  const won = exists(
    db
      .select({ id: advice.id })
      .from(advice)
      .where(and(eq(advice.id, d.id), eq(advice.transitionId, transitionId))),
  );
  return {
    update: db
      .update(advice)
      .set({ ...set, status: to, transitionId, updatedAt: nowIso() })
      .where(and(eq(advice.id, d.id), inArray(advice.status, [...from]), extra)),
    guard: guard(db, won),
    audit: (actor: Principal, detail?: Record<string, unknown>, opts: { onlyIfWon?: boolean } = {}) =>
      auditStatement(
        db,
        { orgId: d.orgId, actor, action, entity: 'advice', entityId: d.id, fromStatus: from[0], toStatus: to, detail },
        opts.onlyIfWon ? won : undefined,
      ),
  };
}

/** Runs a batch whose guard may fail; a failed guard becomes a 409 with the given detail. */
export async function runGuarded(db: Db, statements: Statements, detail: () => Promise<string> | string) {
  try {
    return await runBatch(db, statements);
  } catch (err) {
    if (isGuardFailure(err)) throw conflict(`${await detail()} ${nl.problems.notStored}`);
    throw err;
  }
}

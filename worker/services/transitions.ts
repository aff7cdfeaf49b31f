/**
 * The one way a record changes state (a dossier, a consultation): a conditional UPDATE that only
 * matches while the record is in one of the transition's `from` states (its table of transitions in
 * schema/, e.g. schema/advice.ts TRANSITIONS), with the audit row and whatever else the change needs
 * in the same D1 batch.
 */
import { and, eq, exists, inArray, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { advice, TRANSITIONS } from '../../schema/advice';
import type { Principal } from '../context';
import { guard, isGuardFailure, runBatch, type Db, type Statements } from '../db';
import { conflict } from '../errors';
import { newId } from '../lib/crypto';
import { nowIso } from '../../schema/dates';
import { nl } from '../../schema/i18n/nl';
import { auditStatement } from './audit';

/** A table whose rows move through states: an id, a status, the last transition's id and when it changed. */
export type StatefulTable = SQLiteTable & { id: SQLiteColumn; status: SQLiteColumn; transitionId: SQLiteColumn; updatedAt: SQLiteColumn };
/** The transitions of one kind of record: each name's `from` states, `to` state and audit action. */
export type Transitions = Record<string, { readonly from: readonly string[]; readonly to: string; readonly action: string }>;

/**
 * The transition function of one kind of record: `entity` names it in the audit log.
 *
 * The statements of one transition of `d`. `update` writes a fresh transition id; `won` holds
 * exactly when this request's update was the one that matched, so that of two racing requests one
 * wins: `guard` aborts the batch unless it holds, and `audit` records the change (only if it holds,
 * when asked: for a transition that may legitimately not happen, like the first response's start).
 */
export function transitionsOf<T extends StatefulTable, M extends Transitions>(table: T, entity: string, transitions: M) {
  return (db: Db, d: { id: string; orgId: string }, name: keyof M & string, set: Partial<T['$inferInsert']> = {}, extra?: SQL) => {
    const { from, to, action } = transitions[name];
    const transitionId = newId();
    const won = exists(
      db
        .select({ id: table.id })
        .from(table as SQLiteTable)
        .where(and(eq(table.id, d.id), eq(table.transitionId, transitionId))),
    );
    return {
      update: db
        .update(table)
        .set({ ...set, status: to, transitionId, updatedAt: nowIso() } as never)
        .where(and(eq(table.id, d.id), inArray(table.status, [...from]), extra)),
      guard: guard(db, won),
      audit: (actor: Principal, detail?: Record<string, unknown>, opts: { onlyIfWon?: boolean } = {}) =>
        auditStatement(db, { orgId: d.orgId, actor, action, entity, entityId: d.id, fromStatus: from[0], toStatus: to, detail }, opts.onlyIfWon ? won : undefined),
    };
  };
}

/** A dossier's transitions (schema/advice.ts TRANSITIONS). */
export const transition = transitionsOf(advice, 'advice', TRANSITIONS);

/** Runs a batch whose guard may fail; a failed guard becomes a 409 with the given detail. */
export async function runGuarded(db: Db, statements: Statements, detail: () => Promise<string> | string) {
  try {
    return await runBatch(db, statements);
  } catch (err) {
    if (isGuardFailure(err)) throw conflict(`${await detail()} ${nl.problems.notStored}`);
    throw err;
  }
}

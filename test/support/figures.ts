/**
 * Dossiers with known dates for the figures' tests: written straight into D1 as the advice cycle
 * leaves them (received and due dates from submitting, the day and the letter's counts from sending,
 * and the figures' monthly summary by the app's own statements), so that a test can place them on
 * any day. test/figures.test.ts proves that sending writes exactly these columns.
 */
import { env } from 'cloudflare:workers';
import type { World } from './world';
import type { AdviceStatus } from '../../schema/advice';
import type { ItemCounts } from '../../schema/figures';
import { dueDate } from '../../worker/lib/due-date';
import { createDb, runBatch } from '../../worker/db';
import { receivedStatements, sentStatements } from '../../worker/services/figures-summary';
import { sentColumns } from '../../schema/figures';

export type KnownDossier = {
  councilId: string;
  /** null: a draft. */
  receivedOn: string | null;
  status?: AdviceStatus;
  /** The day it was sent (status sent). */
  sentOn?: string;
  items?: Partial<ItemCounts>;
  title?: string;
  /** Overrides the due date that receivedOn + 42 days gives. */
  dueOn?: string;
};

let n = 0;

export async function insertDossier(w: World, d: KnownDossier): Promise<{ id: string; dueOn: string | null }> {
  const id = crypto.randomUUID();
  const number = ++n;
  const status = d.status ?? (d.sentOn ? 'sent' : d.receivedOn ? 'submitted' : 'draft');
  const dueOn = d.receivedOn ? (d.dueOn ?? dueDate(d.receivedOn, 42)) : null;
  const items = { adopted: 0, partly: 0, declined: 0, already_done: 0, answered: 0, ...d.items };
  const now = new Date().toISOString();
  await env.DB.prepare(
    `INSERT INTO advice (id, org_id, council_id, title, kind, letter_date, status, reference, received_on, due_on, created_by, created_at, updated_at,
       sent_at, sent_on, sent_adopted, sent_partly, sent_declined, sent_already_done, sent_answered)
     VALUES (?1, ?2, ?3, ?4, 'solicited', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)`,
  )
    .bind(
      id,
      w.orgId,
      d.councilId,
      d.title ?? `Advies ${number}`,
      d.receivedOn ?? '2025-01-01',
      status,
      d.receivedOn ? `FIG-${d.receivedOn.slice(0, 4)}-${String(number).padStart(5, '0')}` : null,
      d.receivedOn,
      dueOn,
      w.ids.council_member,
      now,
      d.sentOn ? `${d.sentOn}T10:00:00.000Z` : null,
      d.sentOn ?? null,
      items.adopted,
      items.partly,
      items.declined,
      items.already_done,
      items.answered,
    )
    .run();
  const db = createDb(env.DB);
  const filed = { orgId: w.orgId, councilId: d.councilId, receivedOn: d.receivedOn };
  const summary = [
    ...receivedStatements(db, filed),
    ...(d.sentOn ? sentStatements(db, filed, sentColumns(d.sentOn, { ...items, questions: items.answered })) : []),
  ];
  if (summary.length) await runBatch(db, summary);
  return { id, dueOn };
}

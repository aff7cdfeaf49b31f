import { and, asc, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import { d1Of, guard, guardSql, isGuardFailure, rowOf, runBatch } from '../db';
import type { UserPrincipal } from '../context';
import {
  advice,
  adviceItems,
  responses,
  referenceCounters,
  ADVICE_RESPONSE_STATUSES,
  ADVICE_STATUSES,
  QUESTION_RESPONSE_STATUS,
  type AdviceInput,
  type AdviceStatus,
  type Dossier,
  type DossierSummary,
  type ResponseInput,
  type ResponseStatus,
} from '../../schema/advice';
import { councils, organisations } from '../../schema/organisations';
import { users } from '../../schema/users';
import { conflict, forbidden, invalid, notFound, type FieldError } from '../errors';
import { newId } from '../lib/crypto';
import { nowIso, todayInAmsterdam } from '../lib/dates';
import { dueDate } from '../lib/due-date';
import { nl } from '../../schema/i18n/nl';
import { auditStatement } from './audit';
import { extraHolidays, getOrganisationBySlug, organisationView, councilView } from './organisations';
import { isCouncilRole, isStaff } from '../policy';
import { approvalRequestMails, returnMails, signedMails, submissionMails } from './notifications';
import type { MailContext } from './mail-context';
import { heldItems, keepItems, type ItemsEntry } from './dossier-cache';
import { letterContentHash } from './passkeys';

export type AdviceRow = typeof advice.$inferSelect;

/**
 * The outbox statements each transition adds to its own batch (transactional outbox). Kept as
 * one object so that the race tests can hold concurrent requests at exactly this point, after
 * they have read the state and before their batch writes (test/support.ts race()).
 */
export const hooks = {
  onSubmit: submissionMails,
  onRequestApproval: approvalRequestMails,
  onReturn: returnMails,
  onApprove: signedMails,
};
type Statements = Parameters<typeof runBatch>[1];

type ItemRow = typeof adviceItems.$inferSelect;

export async function loadAdvice(db: Db, id: string): Promise<AdviceRow | null> {
  const [row] = await db.select().from(advice).where(eq(advice.id, id)).limit(1);
  return row ?? null;
}

/** Questions and advice items are numbered separately, 1..n each, in the order given. */
export function numberItems(adviceId: string, items: AdviceInput['items']): ItemRow[] {
  const counters = { question: 0, advice: 0 };
  return items.map((item, position) => ({
    id: newId(),
    adviceId,
    position,
    kind: item.kind,
    number: ++counters[item.kind],
    section: item.section || null,
    text: item.text,
  }));
}

/** D1 allows 100 bound parameters a statement: insert items 14 rows (7 columns) at a time. */
function insertItems(db: Db, rows: ItemRow[]) {
  const statements = [];
  for (let i = 0; i < rows.length; i += 14) statements.push(db.insert(adviceItems).values(rows.slice(i, i + 14)));
  return statements;
}

async function checkCouncil(db: Db, p: UserPrincipal, councilId: string) {
  const [council] = await db
    .select({ id: councils.id })
    .from(councils)
    .where(and(eq(councils.id, councilId), eq(councils.orgId, p.orgId)));
  if (!council) throw invalid([{ path: 'councilId', message: nl.fields.councilUnknown }]);
  if (p.councilId !== councilId) throw forbidden();
}

const content = (input: AdviceInput) => ({
  councilId: input.councilId,
  title: input.title,
  policyDocument: input.policyDocument || null,
  kind: input.kind,
  letterDate: input.letterDate,
  councilReference: input.councilReference || null,
  intro: input.intro || null,
});

export async function createAdvice(db: Db, p: UserPrincipal, input: AdviceInput) {
  if (!isCouncilRole(p)) throw forbidden();
  await checkCouncil(db, p, input.councilId);
  const id = newId();
  const now = nowIso();
  const items = numberItems(id, input.items);
  await runBatch(db, [
    db.insert(advice).values({ id, orgId: p.orgId, ...content(input), status: 'draft', createdBy: p.id, createdAt: now, updatedAt: now }),
    ...insertItems(db, items),
    auditStatement(db, { orgId: p.orgId, actor: p, action: 'advice.create', entity: 'advice', entityId: id, toStatus: 'draft' }),
  ]);
  return { id, status: 'draft' as const, items: items.map(({ id, kind, number, section, text }) => ({ id, kind, number, section, text })) };
}

/**
 * A conditional transition: the UPDATE only matches while the dossier is still in one of
 * `from` (and, if given, unchanged since it was read); the guard then aborts the batch unless
 * this request's transition id is the one written, so that of two racing requests exactly one wins.
 */
export function transition(db: Db, d: AdviceRow, from: readonly AdviceStatus[], to: AdviceStatus, set: Partial<AdviceRow> = {}, extra?: SQL) {
  const transitionId = newId();
  const conditions = [eq(advice.id, d.id), inArray(advice.status, [...from])];
  if (extra) conditions.push(extra);
  return [
    db
      .update(advice)
      .set({ ...set, status: to, transitionId, updatedAt: nowIso() })
      .where(and(...conditions)),
    guard(db, sql`EXISTS (SELECT 1 FROM advice WHERE id = ${d.id} AND transition_id = ${transitionId})`),
  ] as const;
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

export async function updateAdvice(db: Db, p: UserPrincipal, d: AdviceRow, input: AdviceInput) {
  if (d.status !== 'draft') throw conflict(nl.states.notDraft);
  await checkCouncil(db, p, input.councilId);
  const items = numberItems(d.id, input.items);
  const [update, won] = transition(db, d, ['draft'], 'draft', content(input));
  await runGuarded(
    db,
    [
      update,
      won,
      db.delete(adviceItems).where(eq(adviceItems.adviceId, d.id)),
      ...insertItems(db, items),
      auditStatement(db, { orgId: d.orgId, actor: p, action: 'advice.update', entity: 'advice', entityId: d.id, fromStatus: 'draft', toStatus: 'draft' }),
    ],
    () => nl.states.notDraft,
  );
  return { id: d.id, status: 'draft' as const, items: items.map(({ id, kind, number, section, text }) => ({ id, kind, number, section, text })) };
}

export async function submitAdvice(db: Db, p: UserPrincipal, d: AdviceRow, mail: MailContext) {
  if (d.status !== 'draft') throw conflict(nl.states.notSubmittable);
  const [org] = await db.select().from(organisations).where(eq(organisations.id, d.orgId));
  const receivedOn = todayInAmsterdam();
  const dueOn = dueDate(receivedOn, org.responseDays, await extraHolidays(db, d.orgId));
  const year = Number(receivedOn.slice(0, 4));
  const [update, won] = transition(db, d, ['draft'], 'submitted', { receivedOn, dueOn, submittedBy: p.id });
  const results = await runGuarded(
    db,
    [
      update,
      won,
      // The reference is allocated inside the same batch as the transition: gapless and unique,
      // since D1 runs one batch at a time and a lost race rolls the increment back.
      db
        .insert(referenceCounters)
        .values({ orgId: d.orgId, year, last: 1 })
        .onConflictDoUpdate({ target: [referenceCounters.orgId, referenceCounters.year], set: { last: sql`${referenceCounters.last} + 1` } }),
      // Returned by the batch itself: a read after the commit could fail and leave the caller
      // with a 503 for a submission that happened (and a retry that can only say 409).
      db
        .update(advice)
        .set({
          reference: sql`${org.referencePrefix} || '-' || ${String(year)} || '-' || printf('%05d', (SELECT last FROM reference_counters WHERE org_id = ${d.orgId} AND year = ${year}))`,
        })
        .where(eq(advice.id, d.id))
        .returning({ reference: advice.reference }),
      auditStatement(db, { orgId: d.orgId, actor: p, action: 'advice.submit', entity: 'advice', entityId: d.id, fromStatus: 'draft', toStatus: 'submitted' }),
      // The acknowledgement and the notices are queued in this batch (transactional outbox).
      ...(await hooks.onSubmit(db, mail, { ...d, receivedOn, dueOn })),
    ],
    () => nl.states.notSubmittable,
  );
  const [after] = results[3] as { reference: string | null }[];
  return { status: 'submitted' as const, reference: after.reference!, receivedOn, dueOn };
}

/**
 * The dossier's head: the advice row with its council's and signer's names. Plain SQL on the D1
 * binding (with `rowOf` decoding as Drizzle would): the dossier is the hottest read of the app, and
 * Drizzle's query building and row mapping were most of its CPU time.
 */
const DOSSIER_HEAD_SQL = `SELECT a.*, c.name AS council_name__, s.name AS signer_name__
  FROM advice a JOIN councils c ON c.id = a.council_id LEFT JOIN users s ON s.id = a.signed_by
  WHERE a.id = ?1`;

/**
 * Its items, each already the JSON of the API's item (SQLite's json_object escapes the text), in
 * order. The items are joined into one array without being parsed: the API sends that text as it is.
 * ?2 is the items revision this isolate holds (dossier-cache.ts): when it is still the dossier's,
 * no rows come back and the held items are used.
 */
const DOSSIER_ITEMS_SQL = `SELECT json_object(
    'id', i.id, 'kind', i.kind, 'number', i.number, 'section', i.section, 'text', i.text,
    'response', json(CASE WHEN r.item_id IS NULL THEN NULL ELSE json_object(
      'text', r.text, 'status', r.status, 'version', r.version, 'updatedAt', r.updated_at,
      'updatedBy', json_object('id', r.updated_by, 'name', coalesce(u.name, ''))) END)
  ) AS item
  FROM advice_items i LEFT JOIN responses r ON r.item_id = i.id LEFT JOIN users u ON u.id = r.updated_by
  WHERE i.advice_id = ?1 AND ?2 IS NOT (SELECT items_revision FROM advice WHERE id = ?1)
  ORDER BY i.position`;

/**
 * The two reads of a whole dossier, for one batch (with whatever else the caller needs), and how
 * to make a DossierRead of their results.
 */
export function dossierQuery(d1: D1Database, id: string) {
  const held = heldItems(id);
  return {
    statements: [d1.prepare(DOSSIER_HEAD_SQL).bind(id), d1.prepare(DOSSIER_ITEMS_SQL).bind(id, held?.revision ?? null)] as const,
    read: (head: D1Result, items: D1Result) => dossierFromResults(head, items, held),
  };
}

/** A dossier as read: the row (for the policies), the API's view, and that view as JSON text. */
export type DossierRead = {
  row: AdviceRow;
  readonly dossier: Dossier;
  /** The API's view as a JSON body: the items go out as SQLite wrote them, unparsed, encoded once. */
  jsonBody(): Uint8Array<ArrayBuffer>;
  /** Markup built from the dossier's items (UTF-8), reused while they stay the same (see dossier-cache.ts). */
  itemsFragment(key: string, build: () => Uint8Array): Uint8Array;
};

/** The results of dossierQuery's statements as a DossierRead, or null when there is no such dossier. */
function dossierFromResults(head: D1Result, items: D1Result, held: ItemsEntry | undefined): DossierRead | null {
  const raw = head.results[0] as Record<string, unknown> | undefined;
  if (!raw) return null;
  const a = rowOf(advice, raw);
  const signerName = raw.signer_name__ as string | null;
  const view: Omit<Dossier, 'items'> = {
    id: a.id,
    status: a.status,
    title: a.title,
    policyDocument: a.policyDocument,
    kind: a.kind,
    letterDate: a.letterDate,
    councilReference: a.councilReference,
    intro: a.intro,
    reference: a.reference,
    receivedOn: a.receivedOn,
    dueOn: a.dueOn,
    returnComment: a.returnComment,
    council: { id: a.councilId, name: raw.council_name__ as string },
    letter:
      a.signedAt && a.letterSha256
        ? { sha256: a.letterSha256, pages: a.letterPages ?? 0, signedAt: a.signedAt, signedBy: { id: a.signedBy ?? '', name: signerName ?? '' } }
        : null,
  };
  // The held items are current only when the database, in this same batch, still had their revision.
  const entry =
    held?.revision === a.itemsRevision
      ? held
      : keepItems(a.id, a.itemsRevision, `[${(items.results as { item: string }[]).map((r) => r.item).join(',')}]`);
  let dossier: Dossier | undefined;
  return {
    row: a,
    get dossier() {
      return (dossier ??= { ...view, items: entry.items() });
    },
    jsonBody: () => entry.document(JSON.stringify(view)) as Uint8Array<ArrayBuffer>,
    itemsFragment: (key, build) => entry.fragment(key, build),
  };
}

/** The whole dossier in one round trip (one batch of two reads). */
export async function getDossier(db: Db, id: string): Promise<DossierRead | null> {
  const d1 = d1Of(db);
  const query = dossierQuery(d1, id);
  const [head, items] = await d1.batch([...query.statements]);
  return query.read(head, items);
}

export function parseStatusFilter(value: string | undefined): AdviceStatus[] | null {
  if (!value) return null;
  const parts = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = parts.filter((s) => !(ADVICE_STATUSES as readonly string[]).includes(s));
  if (bad.length) throw invalid([{ path: 'status', message: `Onbekende status: ${bad.join(', ')}. Kies uit ${ADVICE_STATUSES.join(', ')}.` }]);
  return parts as AdviceStatus[];
}

export async function listAdvice(db: Db, p: UserPrincipal, slug: string, statuses: AdviceStatus[] | null): Promise<DossierSummary[]> {
  if (p.orgSlug !== slug) throw notFound();
  const conditions = [eq(advice.orgId, p.orgId)];
  if (isCouncilRole(p)) conditions.push(eq(advice.councilId, p.councilId ?? ''));
  else if (isStaff(p)) conditions.push(ne(advice.status, 'draft'));
  else throw forbidden();
  if (statuses) conditions.push(inArray(advice.status, statuses));
  const rows = await db
    .select({
      a: advice,
      councilName: councils.name,
      itemCount: sql<number>`(SELECT count(*) FROM advice_items i WHERE i.advice_id = ${advice.id})`,
      answeredCount: sql<number>`(SELECT count(*) FROM responses r WHERE r.advice_id = ${advice.id})`,
    })
    .from(advice)
    .innerJoin(councils, eq(councils.id, advice.councilId))
    .where(and(...conditions))
    .orderBy(sql`${advice.dueOn} IS NULL`, asc(advice.dueOn), desc(advice.updatedAt));
  return rows.map(({ a, councilName, itemCount, answeredCount }) => ({
    id: a.id,
    status: a.status,
    title: a.title,
    kind: a.kind,
    letterDate: a.letterDate,
    councilReference: a.councilReference,
    reference: a.reference,
    receivedOn: a.receivedOn,
    dueOn: a.dueOn,
    council: { id: a.councilId, name: councilName },
    itemCount,
    answeredCount,
    updatedAt: a.updatedAt,
  }));
}

export async function getOrganisationForUser(db: Db, p: UserPrincipal) {
  return getOrganisationBySlug(db, p.orgSlug);
}

const WRITABLE: readonly AdviceStatus[] = ['submitted', 'in_progress'];
/** Whether responses may be written in this state (the API's and the web's saves, and the page's forms). */
export const acceptsResponses = (status: AdviceStatus) => WRITABLE.includes(status);

function stateDetail(status: AdviceStatus) {
  return status === 'in_review' ? nl.states.inReview : nl.states.notAnswerable;
}

/** The item's current response with its writer's name (for a 409), as a statement for a batch. */
function currentResponseQuery(db: Db, itemId: string) {
  return db
    .select({ text: responses.text, status: responses.status, version: responses.version, updatedAt: responses.updatedAt, updatedBy: responses.updatedBy, name: users.name })
    .from(responses)
    .innerJoin(users, eq(users.id, responses.updatedBy))
    .where(eq(responses.itemId, itemId));
}

function statusErrors(kind: ItemRow['kind'], status: ResponseStatus): FieldError[] {
  if (kind === 'question' && status !== QUESTION_RESPONSE_STATUS) return [{ path: 'status', message: nl.fields.statusForQuestion }];
  if (kind === 'advice' && !(ADVICE_RESPONSE_STATUSES as readonly string[]).includes(status)) return [{ path: 'status', message: nl.fields.statusForAdvice }];
  return [];
}

/**
 * Saving a response, the hottest write, in plain SQL on the D1 binding (Drizzle's query building
 * was a fifth of its CPU time). The guards fail the whole batch (db.ts `guardSql`).
 */
const SAVE_SQL = {
  itemGuard: guardSql(`EXISTS (SELECT 1 FROM advice_items WHERE id = ?1 AND advice_id = ?2 AND (kind = 'question') = (?3 = '${QUESTION_RESPONSE_STATUS}'))`),
  stateGuard: guardSql(`EXISTS (SELECT 1 FROM advice WHERE id = ?1 AND status IN (${WRITABLE.map((s) => `'${s}'`).join(', ')}))`),
  insert: `INSERT INTO responses (item_id, advice_id, text, status, version, updated_at, updated_by, write_id)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING`,
  update: `UPDATE responses SET text = ?2, status = ?3, version = ?4, updated_at = ?5, updated_by = ?6, write_id = ?7
    WHERE item_id = ?1 AND version = ?8`,
  writeGuard: guardSql(`EXISTS (SELECT 1 FROM responses WHERE item_id = ?1 AND write_id = ?2)`),
  revision: `INSERT INTO response_revisions (item_id, version, text, status, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)`,
  start: `UPDATE advice SET status = 'in_progress', transition_id = ?2, updated_at = ?3 WHERE id = ?1 AND status = 'submitted'`,
  startAudit: `INSERT INTO audit_log (org_id, actor_id, action, entity, entity_id, from_status, to_status, detail, created_at)
    SELECT ?1, ?2, 'advice.start', 'advice', ?3, 'submitted', 'in_progress', NULL, ?4
    WHERE EXISTS (SELECT 1 FROM advice WHERE id = ?3 AND transition_id = ?5)`,
  touch: `UPDATE advice SET updated_at = ?2 WHERE id = ?1`,
};

/**
 * Saves a response with optimistic concurrency: `version` is the version the writer last saw.
 * A stale version is 409 with the current response, and nothing is written.
 *
 * One round trip when it succeeds: that the item belongs to the dossier and takes this status is
 * a guard of the batch, and only a refused batch looks up which rule it broke.
 */
export async function saveResponse(db: Db, p: UserPrincipal, d: AdviceRow, itemId: string, input: ResponseInput) {
  if (!acceptsResponses(d.status)) throw conflict(stateDetail(d.status));

  const now = nowIso();
  const writeId = newId();
  const version = input.version + 1;
  const d1 = d1Of(db);
  const q = (sql: string, ...values: unknown[]) => d1.prepare(sql).bind(...values);
  const statements = [
    // First, so that nothing below runs for an item of another dossier (or none).
    q(SAVE_SQL.itemGuard, itemId, d.id, input.status),
    q(SAVE_SQL.stateGuard, d.id),
    input.version === 0
      ? q(SAVE_SQL.insert, itemId, d.id, input.text, input.status, version, now, p.id, writeId)
      : q(SAVE_SQL.update, itemId, input.text, input.status, version, now, p.id, writeId, input.version),
    q(SAVE_SQL.writeGuard, itemId, writeId),
    q(SAVE_SQL.revision, itemId, version, input.text, input.status, now, p.id),
  ];
  if (d.status === 'submitted') {
    // The first response moves the dossier to in_progress. If another writer got there first,
    // the transition guard would fail: so only include it while the status is still 'submitted'.
    const transitionId = newId();
    // Audited only when this write made the transition.
    statements.push(q(SAVE_SQL.start, d.id, transitionId, now), q(SAVE_SQL.startAudit, d.orgId, p.id, d.id, now, transitionId));
  } else {
    statements.push(q(SAVE_SQL.touch, d.id, now));
  }
  try {
    await d1.batch(statements);
  } catch (err) {
    if (!isGuardFailure(err)) throw err;
    // Which rule the batch broke, read in one round trip.
    const [[item], [fresh], [r]] = await db.batch([
      db
        .select({ kind: adviceItems.kind })
        .from(adviceItems)
        .where(and(eq(adviceItems.id, itemId), eq(adviceItems.adviceId, d.id))),
      db.select({ status: advice.status }).from(advice).where(eq(advice.id, d.id)),
      currentResponseQuery(db, itemId),
    ]);
    if (!item) throw notFound();
    const errors = statusErrors(item.kind, input.status);
    if (errors.length) throw invalid(errors);
    if (!fresh || !acceptsResponses(fresh.status)) throw conflict(`${stateDetail(fresh?.status ?? d.status)} ${nl.problems.notStored}`);
    const current = r ? { text: r.text, status: r.status, version: r.version, updatedAt: r.updatedAt, updatedBy: { id: r.updatedBy, name: r.name } } : null;
    throw conflict(nl.states.staleVersion, { current });
  }
  return { version, text: input.text, status: input.status, updatedAt: now, updatedBy: { id: p.id, name: p.name } };
}

export async function requestApproval(db: Db, p: UserPrincipal, d: AdviceRow, mail: MailContext) {
  // A submitted dossier has no response yet: that is a 422 listing every item, as API.md asks,
  // rather than a state conflict the official could not act on.
  if (d.status !== 'in_progress' && d.status !== 'submitted') throw conflict(nl.states.notInProgress);
  const missing = await db
    .select({ id: adviceItems.id, kind: adviceItems.kind, number: adviceItems.number, position: adviceItems.position })
    .from(adviceItems)
    .leftJoin(responses, eq(responses.itemId, adviceItems.id))
    .where(and(eq(adviceItems.adviceId, d.id), sql`${responses.itemId} IS NULL`))
    .orderBy(asc(adviceItems.position));
  if (missing.length) throw missingResponses(missing);
  const [update, won] = transition(db, d, ['in_progress'], 'in_review', { approvalRequestedBy: p.id, returnComment: null });
  await runGuarded(
    db,
    [
      update,
      won,
      guard(db, sql`NOT EXISTS (SELECT 1 FROM advice_items i LEFT JOIN responses r ON r.item_id = i.id WHERE i.advice_id = ${d.id} AND r.item_id IS NULL)`),
      auditStatement(db, { orgId: d.orgId, actor: p, action: 'advice.request_approval', entity: 'advice', entityId: d.id, fromStatus: 'in_progress', toStatus: 'in_review' }),
      ...(await hooks.onRequestApproval(db, mail, d, p)),
    ],
    () => nl.states.notInProgress,
  );
  return { status: 'in_review' as const };
}

function missingResponses(missing: { id: string; kind: string; number: number; position: number }[]) {
  const label = (m: { kind: string; number: number }) => `${m.kind === 'question' ? 'Vraag' : 'Advies'} ${m.number}`;
  return invalid(
    missing.map((m) => ({ path: `items.${m.position}.response`, message: `${label(m)}: ${nl.fields.missingResponse}` })),
    `Nog niet alle onderdelen hebben een reactie: ${missing.map(label).join(', ')}.`,
  );
}

export async function returnAdvice(db: Db, p: UserPrincipal, d: AdviceRow, comment: string, mail: MailContext) {
  if (d.status !== 'in_review') throw conflict(nl.states.notInReview);
  const [update, won] = transition(db, d, ['in_review'], 'in_progress', { returnComment: comment });
  await runGuarded(
    db,
    [
      update,
      won,
      auditStatement(db, { orgId: d.orgId, actor: p, action: 'advice.return', entity: 'advice', entityId: d.id, fromStatus: 'in_review', toStatus: 'in_progress', detail: { comment } }),
      ...(await hooks.onReturn(db, mail, d, p, comment)),
    ],
    () => nl.states.notInReview,
  );
  return { status: 'in_progress' as const };
}


/** What the letter is made of, frozen at signing. Renderers work from this and nothing else. */
export type LetterSnapshot = {
  dossier: Dossier;
  organisation: ReturnType<typeof organisationView>;
  council: ReturnType<typeof councilView>;
  signedAt: string | null;
  signedBy: { id: string; name: string } | null;
};

/** The snapshot as it would be signed now: used for previews before signing and at signing. */
export async function buildSnapshot(db: Db, adviceId: string, signed?: { at: string; by: { id: string; name: string } }) {
  // One round trip: the dossier's two reads and its organisation and council, in one batch.
  const d1 = d1Of(db);
  const query = dossierQuery(d1, adviceId);
  const [head, items, orgs, councilRows] = await d1.batch([
    ...query.statements,
    d1.prepare('SELECT * FROM organisations WHERE id = (SELECT org_id FROM advice WHERE id = ?1)').bind(adviceId),
    d1.prepare('SELECT * FROM councils WHERE id = (SELECT council_id FROM advice WHERE id = ?1)').bind(adviceId),
  ]);
  const found = query.read(head, items);
  const org = orgs.results[0] ? rowOf(organisations, orgs.results[0] as Record<string, unknown>) : null;
  const council = councilRows.results[0] ? rowOf(councils, councilRows.results[0] as Record<string, unknown>) : null;
  if (!found || !org || !council) throw notFound();
  const snapshot: LetterSnapshot = {
    dossier: found.dossier,
    organisation: organisationView(org),
    council: councilView(council),
    signedAt: signed?.at ?? null,
    signedBy: signed?.by ?? null,
  };
  return { row: found.row, snapshot };
}

export type SignedLetter = { sha256: string; pages: number };

/**
 * Approving signs the letter: the content is frozen as a snapshot, the final letter is rendered
 * once and stored (by `storeLetter`, before the state change, under its hash), and the state change
 * records its hash. If anything fails before the batch, the dossier stays in review and can be
 * approved again; the batch only matches when nothing changed since the snapshot was taken.
 */
export async function approveAdvice(
  db: Db,
  p: UserPrincipal,
  d: AdviceRow,
  storeLetter: (snapshot: LetterSnapshot) => Promise<SignedLetter>,
  mail: MailContext,
  /**
   * The content the approver was shown and asserted with a fresh passkey assertion (web signing):
   * anything else is not signed (409). Required for a web session; an API token signs without it
   * (API.md, docs/passkeys.md).
   */
  shown?: { contentHash: string },
) {
  if (p.via === 'session' && !shown) throw forbidden(nl.web.review.signRefused);
  if (d.status !== 'in_review') throw conflict(nl.states.notInReview);
  const signedAt = nowIso();
  const { row, snapshot } = await buildSnapshot(db, d.id, { at: signedAt, by: { id: p.id, name: p.name } });
  if (row.status !== 'in_review') throw conflict(nl.states.notInReview);
  if (row.approvalRequestedBy === p.id) throw forbidden(nl.states.fourEyes);
  if (shown && (await letterContentHash(snapshot)) !== shown.contentHash) throw conflict(nl.web.review.signChanged);
  const letter = await storeLetter(snapshot);
  const [update, won] = transition(
    db,
    row,
    ['in_review'],
    'signed',
    { snapshot: JSON.stringify(snapshot), signedAt, signedBy: p.id, letterSha256: letter.sha256, letterPages: letter.pages },
    row.transitionId ? eq(advice.transitionId, row.transitionId) : undefined,
  );
  await runGuarded(
    db,
    [
      update,
      won,
      auditStatement(db, {
        orgId: d.orgId,
        actor: p,
        action: 'advice.approve',
        entity: 'advice',
        entityId: d.id,
        fromStatus: 'in_review',
        toStatus: 'signed',
        detail: { sha256: letter.sha256, pages: letter.pages },
      }),
      ...(await hooks.onApprove(db, mail, row, p, signedAt)),
    ],
    () => nl.states.notInReview,
  );
  return { status: 'signed' as const, letter: { ...letter, signedAt } };
}

export function frozenSnapshot(row: AdviceRow): LetterSnapshot | null {
  return row.snapshot ? (JSON.parse(row.snapshot) as LetterSnapshot) : null;
}

import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import { ADMIN, adviceInput, answerAll, api, submittedDossier, type ApiResult, type World } from './helpers';
import { fetchWith, probeD1 } from './d1-probe';
import type { AdviceStatus } from '../schema/advice';
import type { UserPrincipal } from '../worker/context';

/**
 * Asserts an RFC 9457 answer as API.md promises it: the status, `application/problem+json`,
 * the standard members, and (when given) exactly one `errors` entry per offending field.
 */
export function expectProblem(res: ApiResult, status: number, paths?: string[]) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String) });
  if (paths) {
    const errors = res.body.errors as { path: string; message: string }[];
    expect(errors.map((e) => e.path).sort()).toEqual([...paths].sort());
    for (const e of errors) expect(e.message).toMatch(/\S/);
  }
  return res.body as { detail: string; errors?: { path: string; message: string }[]; [k: string]: unknown };
}

/** The message of the error entry at `path`. */
export const messageAt = (res: ApiResult, path: string) =>
  (res.body.errors as { path: string; message: string }[]).find((e) => e.path === path)?.message;

/** Dutch messages only: common Dutch words and none of the English ones zod would use otherwise. */
export function expectDutch(text: string | undefined) {
  expect(text).toBeTruthy();
  expect(text).not.toMatch(/\b(Invalid|Required|expected|must|Unrecognized|received)\b/);
}

export type AuditRow = { action: string; actor_id: string | null; from_status: string | null; to_status: string | null; org_id: string | null; detail: string | null };

/** The audit rows of one entity, oldest first, read straight from D1. */
export async function auditOf(entityId: string): Promise<AuditRow[]> {
  const { results } = await env.DB.prepare('SELECT action, actor_id, from_status, to_status, org_id, detail FROM audit_log WHERE entity_id = ? ORDER BY id')
    .bind(entityId)
    .all<AuditRow>();
  return results;
}

export async function count(sql: string, ...params: unknown[]): Promise<number> {
  const row = await env.DB.prepare(sql).bind(...params).first<{ n: number }>();
  return row?.n ?? 0;
}

/** A user of the world's organisation with a fresh token. */
/** The world's approver as a service call sees them (through an API token unless `via` says otherwise). */
export const approverOf = (w: World, via: UserPrincipal['via'] = 'token'): UserPrincipal => ({
  kind: 'user',
  id: w.ids.approver,
  name: 'Test approver',
  email: `approver@${w.slug}.example`,
  role: 'approver',
  orgId: w.orgId,
  orgSlug: w.slug,
  councilId: null,
  via,
});

export async function addUser(w: World, role: string, councilId?: string, name = `Extra ${role}`) {
  const email = `${role}-${crypto.randomUUID().slice(0, 8)}@${w.slug}.example`;
  const user = await api('POST', `/api/v1/organisations/${w.slug}/users`, {
    token: ADMIN,
    body: { email, name, role, ...(councilId ? { councilId } : {}) },
  });
  if (user.status !== 201) throw new Error(`user: ${user.status} ${JSON.stringify(user.body)}`);
  const token = await api('POST', `/api/v1/organisations/${w.slug}/users/${user.body.id}/tokens`, { token: ADMIN });
  return { id: user.body.id as string, token: token.body.token as string, email };
}

/** A second council of the same organisation, with its own member and secretary. */
export async function addCouncil(w: World) {
  const council = await api('POST', `/api/v1/organisations/${w.slug}/councils`, {
    token: ADMIN,
    body: { name: 'Participatieraad', recipients: ['participatieraad@teststad.example'] },
  });
  const councilId = council.body.id as string;
  return { councilId, member: await addUser(w, 'council_member', councilId), secretary: await addUser(w, 'council_secretary', councilId) };
}

/** A draft created by the world's council member. */
export async function draftDossier(w: World, items?: Parameters<typeof adviceInput>[1]) {
  const created = await api('POST', `/api/v1/organisations/${w.slug}/advice`, { token: w.tokens.council_member, body: adviceInput(w.councilId, items) });
  if (created.status !== 201) throw new Error(`advice: ${created.status} ${JSON.stringify(created.body)}`);
  return { id: created.body.id as string, items: created.body.items as { id: string; kind: string; number: number }[] };
}

/** A dossier answered completely and sent for approval by `official`. */
export async function inReviewDossier(w: World) {
  const d = await submittedDossier(w);
  await answerAll(w, d);
  const r = await api('POST', `/api/v1/advice/${d.id}/request-approval`, { token: w.tokens.official });
  if (r.status !== 200) throw new Error(`request-approval: ${r.status} ${JSON.stringify(r.body)}`);
  return d;
}

/** A signed dossier (approved by `approver`). */
export async function signedDossier(w: World) {
  const d = await inReviewDossier(w);
  const r = await api('POST', `/api/v1/advice/${d.id}/approve`, { token: w.tokens.approver });
  if (r.status !== 200) throw new Error(`approve: ${r.status} ${JSON.stringify(r.body)}`);
  return d;
}

/** A dossier of the world's council carried through the API to `state` (sent: by `official`). */
export async function dossierIn(w: World, state: AdviceStatus): Promise<{ id: string; items: { id: string; kind: string; number: number }[] }> {
  switch (state) {
    case 'draft':
      return draftDossier(w);
    case 'submitted':
      return submittedDossier(w);
    case 'in_progress': {
      const d = await submittedDossier(w);
      await answerAll(w, d);
      return d;
    }
    case 'in_review':
      return inReviewDossier(w);
    case 'signed':
      return signedDossier(w);
    case 'sent': {
      const d = await signedDossier(w);
      const r = await api('POST', `/api/v1/advice/${d.id}/send`, { token: w.tokens.official });
      if (r.status !== 202) throw new Error(`send: ${r.status} ${JSON.stringify(r.body)}`);
      return d;
    }
  }
}

type Call = (method: string, path: string, opts?: Parameters<typeof fetchWith>[3]) => ReturnType<typeof fetchWith>;

/** A batch that changes a dossier's state: every transition is one (worker/services/transitions.ts). */
const isTransition = (sql: string[]) => sql.some((s) => /^update "advice" set .*"status" = /i.test(s));

/**
 * Makes a race real: the requests that `run` makes with `call` see the database through a probe
 * that holds every batch changing a dossier's state until `n` of them have arrived, so all of them
 * read the same state before any of them writes. Without it the Worker often finishes one request
 * before the next starts, and a race test would prove nothing. Fails the test if fewer than `n`
 * requests got there (no silent non-race).
 */
export async function race<T>(n: number, run: (call: Call) => Promise<T>): Promise<T> {
  let arrived = 0;
  let timedOut = false;
  let release!: () => void;
  const together = new Promise<void>((resolve) => (release = resolve));
  const probe = probeD1(env.DB, {
    before: async (c) => {
      if (c.kind !== 'batch' || !isTransition(c.sql)) return;
      if (++arrived === n) release();
      // A request that never gets there would leave the others waiting: give up after a while.
      const waited = await Promise.race([together.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 15_000))]);
      if (!waited) timedOut = true;
    },
  });
  const result = await run((method, path, opts) => fetchWith(probe.db, method, path, opts));
  if (timedOut || arrived !== n) throw new Error(`no race: ${arrived} of ${n} requests reached their transition`);
  return result;
}

import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, adviceInput, answerAll, api, createWorld, organisationInput, type World, addCouncil, auditOf, dossierIn, type AuditRow, mailsOf, queueMail, signInByMail, web, consultationBody, consultationIn, type ConsultationFixture } from './support';
import { createApp } from '../worker/app';
import { routePolicies } from '../worker/routing';
import { ADVICE_STATUSES, type AdviceStatus } from '../schema/advice';
import { CONSULTATION_STATUSES, type ConsultationStatus } from '../schema/consultations';

/**
 * The security matrix: every route of the app (JSON API and web pages, as registered in the route
 * table) × every caller × (for routes on one dossier or one consultation) every state of it, with
 * the status each caller must get. A route in the app without a row here fails the last describe block, and so
 * does a row for a route that no longer exists.
 *
 * Callers: nobody, the platform token, each role of the organisation, the two roles of a second
 * council of the same organisation, and each role of another organisation. The API is called
 * with bearer tokens; web pages with session cookies from the real sign-in-by-mail flow (and the
 * "platform" column sends the admin bearer token to the web page, which must count for nothing).
 * Web posts carry same-origin headers (CSRF); a separate test proves cross-site posts are refused.
 *
 * Fixtures: two worlds and one shared dossier per state are made once. A refusal changes nothing,
 * so all refusals and every GET share those fixtures (and run concurrently). A write that is
 * expected to succeed gets a fresh call (and, for a dossier route, a fresh dossier in that state),
 * so that it never moves the shared dossier on.
 */

const CALLERS = [
  'anon',
  'platform',
  'admin',
  'official',
  'approver',
  'member',
  'secretary',
  'c2.member',
  'c2.secretary',
  'o.admin',
  'o.official',
  'o.approver',
  'o.member',
  'o.secretary',
] as const;
type Caller = (typeof CALLERS)[number];
/** One status per caller, in the order of CALLERS. */
type Cols = readonly number[];
type State = AdviceStatus | ConsultationStatus;
type DossierFixture = { id: string; items: { id: string; kind: string; number: number }[]; state: AdviceStatus };
type ConsultationCase = ConsultationFixture & { state: ConsultationStatus };

type Call = { path: string; body?: unknown; raw?: Uint8Array; form?: Record<string, string> | FormData; headers?: Record<string, string> };
type WorldRow = { call: () => Call | Promise<Call>; expected: Cols; freshSessions?: boolean };
/** Keys of `expected` are space-separated lists of states; together they name every state once. */
type DossierRow = { call: (d: DossierFixture) => Call | Promise<Call>; expected: Record<string, Cols> };
/** A route on one consultation: the world's consultation in each state (its council takes part, the second council does not). */
type ConsultationRow = { consultation: (c: ConsultationCase) => Call | Promise<Call>; expected: Record<string, Cols> };
type Row = WorldRow | DossierRow | ConsultationRow;

let w: World;
let other: World;
let second: Awaited<ReturnType<typeof addCouncil>>;
const shared = {} as Record<AdviceStatus, DossierFixture>;
const sharedConsultations = {} as Record<ConsultationStatus, ConsultationCase>;
/** The shared dossiers and consultations as they were before the matrix ran: refusals must leave them so. */
const before = {} as Record<AdviceStatus, { dossier: unknown; audit: AuditRow[] }>;
const beforeConsultations = {} as Record<ConsultationStatus, { consultation: unknown; audit: AuditRow[] }>;
const sharedNow = async (state: AdviceStatus) => ({
  dossier: (await api('GET', `/api/v1/advice/${shared[state].id}`, { token: w.tokens.council_member })).body,
  audit: await auditOf(shared[state].id),
});
const sharedConsultationNow = async (state: ConsultationStatus) => ({
  consultation: (await api('GET', `/api/v1/consultations/${sharedConsultations[state].id}`, { token: w.tokens.official })).body,
  audit: await auditOf(sharedConsultations[state].id),
});

const uniq = () => crypto.randomUUID().slice(0, 8);
const INTERNAL_COMMENT = 'INTERN: alleen voor de ambtenaren.';
/** The smallest PNG the logo check accepts (magic bytes and a little more). */
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
const logoForm = () => {
  const form = new FormData();
  form.append('logo', new File([PNG], 'logo.png', { type: 'image/png' }));
  return form;
};
const adviceForm = { title: 'Advies via het formulier', kind: 'solicited', letterDate: '2026-10-01', 'items.0.kind': 'advice', 'items.0.text': 'Doe het zo.', action: 'save' };
/** The organisation settings form, with the values createWorld gave them (prefix SMA). */
const organisationForm = () => {
  const o = organisationInput(w.slug, 'SMA');
  return {
    name: o.name,
    'letterhead.addressLines': o.letterhead.addressLines.join('\n'),
    'signatories.0.title': o.signatories[0].title,
    'signatories.0.name': o.signatories[0].name,
    'signatories.1.title': o.signatories[1].title,
    'signatories.1.name': o.signatories[1].name,
    signOff: o.signOff,
    'contact.name': o.contact.name,
    referencePrefix: o.referencePrefix,
    responseDays: String(o.responseDays),
    'theme.colour': '#1a4f85',
  };
};
/** A failed mail of the dossier, ready to be retried (a retry spends it). */
async function failedMail(d: DossierFixture) {
  const mail = await queueMail(Date.now(), { adviceId: d.id, orgId: w.orgId, kind: 'acknowledgement' });
  await env.DB.prepare("UPDATE outbox SET status = 'failed', last_error = 'test' WHERE id = ?").bind(mail.id).run();
  return mail.id;
}
/** The version a response writer has seen: answered items (from in_progress on) are at 1. */
const seenVersion = (d: DossierFixture) => (d.state === 'draft' || d.state === 'submitted' ? 0 : 1);
const respondBody = (d: DossierFixture) => ({ text: 'Overgenomen.', status: 'adopted', version: seenVersion(d) });
/** A consultation's remarks are answered from `closed` on (consultationIn), so a writer has seen version 1 there. */
const remarkResponse = (c: ConsultationCase) => ({ text: 'Wij nemen dit mee.', processing: ['1'], version: c.state === 'open' ? 0 : 1 });
const consultationForm = () => ({
  title: `Consultatie ${uniq()}`,
  document: 'Regiovisie 2027-2030',
  'legend.0.code': '1',
  'legend.0.label': 'Wijkteams versterken',
  'bodies.0.name': 'Gemeenteraad Oostdorp',
  'bodies.0.recipients': 'griffie@oostdorp.example',
  action: 'start',
});

const ALL = (s: number): Cols => CALLERS.map(() => s);

/** A letter to import, as pasted text. */
const LETTER_TEXT = new TextEncoder().encode('Geacht college,\n\nVraag 1: Hoe worden bewoners betrokken?\n\nAdvies 1: Zorg voor een vast aanspreekpunt.\n');
let memberImportId: Promise<string> | null = null;
/** An import uploaded by the first council's member (made once). */
function memberImport(): Promise<string> {
  memberImportId ??= api('POST', `/api/v1/organisations/${w.slug}/imports`, { token: w.tokens.council_member, raw: LETTER_TEXT, headers: { 'content-type': 'text/plain' } }).then((r) => {
    if (r.status !== 201) throw new Error(`import: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.id as string;
  });
  return memberImportId;
}
let officialImportId: Promise<string> | null = null;
/** An import read by the organisation's official: made once, or fresh (to register it). */
function officialImport(fresh = false): Promise<string> {
  const make = () =>
    api('POST', `/api/v1/organisations/${w.slug}/imports`, { token: w.tokens.official, raw: LETTER_TEXT, headers: { 'content-type': 'text/plain' } }).then((r) => {
      if (r.status !== 201) throw new Error(`import: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.id as string;
    });
  if (fresh) return make();
  officialImportId ??= make();
  return officialImportId;
}
/** The registration form as the check page posts it. */
const registerForm = () => ({
  councilId: w.councilId,
  receivedOn: '2026-01-05',
  title: 'Advies over bewonersparticipatie',
  kind: 'solicited',
  letterDate: '2026-01-02',
  'items.0.kind': 'advice',
  'items.0.text': 'Zorg voor een vast aanspreekpunt.',
  action: 'register',
});
const sourced = new Map<State, Promise<string>>();
/** A dossier written from the member's own letter (so it has a source document), carried to `state` (made once per state). */
function sourcedDossier(state: State): Promise<string> {
  if (!sourced.has(state)) {
    sourced.set(
      state,
      (async () => {
        const up = await api('POST', `/api/v1/organisations/${w.slug}/imports`, { token: w.tokens.council_member, raw: LETTER_TEXT, headers: { 'content-type': 'text/plain' } });
        const created = await api('POST', `/api/v1/organisations/${w.slug}/advice`, { token: w.tokens.council_member, body: { ...adviceInput(w.councilId), importId: up.body.id } });
        if (created.status !== 201) throw new Error(`advice: ${created.status} ${JSON.stringify(created.body)}`);
        const id = created.body.id as string;
        const items = created.body.items as { id: string; kind: string }[];
        const step = async (ok: number, method: string, path: string, token: string, body?: unknown) => {
          const r = await api(method, path, { token, body });
          if (r.status !== ok) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
        };
        const order: State[] = ['draft', 'submitted', 'in_progress', 'in_review', 'signed', 'sent'];
        const reach = order.indexOf(state);
        if (reach >= 1) await step(200, 'POST', `/api/v1/advice/${id}/submit`, w.tokens.council_secretary);
        if (reach >= 2) await answerAll(w, { id, items });
        if (reach >= 3) await step(200, 'POST', `/api/v1/advice/${id}/request-approval`, w.tokens.official);
        if (reach >= 4) await step(200, 'POST', `/api/v1/advice/${id}/approve`, w.tokens.approver);
        if (reach >= 5) await step(202, 'POST', `/api/v1/advice/${id}/send`, w.tokens.official);
        return id;
      })(),
    );
  }
  return sourced.get(state)!;
}

// prettier-ignore
const TABLE: Record<string, Row> = {
  // ---------------------------------------------------------------- JSON API, not on one dossier
  //                                                    anon plat admn offi appr memb secr c2.m c2.s o.ad o.of o.ap o.me o.se
  'GET /api/v1/openapi.json': { call: () => ({ path: '/api/v1/openapi.json' }), expected: ALL(200) },
  'GET /api/v1/health': { call: () => ({ path: '/api/v1/health' }), expected: ALL(200) },
  'GET /api/v1/health/database': { call: () => ({ path: '/api/v1/health/database' }), expected: ALL(200) },
  'POST /api/v1/organisations': {
    call: () => ({ path: '/api/v1/organisations', body: organisationInput(`sm-${uniq()}`, 'SMX') }),
    expected:                                             [401, 201, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
  },
  'GET /api/v1/organisations': { call: () => ({ path: '/api/v1/organisations' }),
    expected:                                             [401, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403] },
  'GET /api/v1/organisations/:slug': { call: () => ({ path: `/api/v1/organisations/${w.slug}` }),
    expected:                                             [401, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 404, 404, 404] },
  // The organisation's own settings are its admin's, not the platform operator's.
  'PATCH /api/v1/organisations/:slug': {
    call: () => ({ path: `/api/v1/organisations/${w.slug}`, body: { contact: { name: 'S. de Boer' } } }),
    expected:                                             [401, 403, 200, 403, 403, 403, 403, 403, 403, 404, 404, 404, 404, 404],
  },
  'POST /api/v1/organisations/:slug/councils': {
    call: () => ({ path: `/api/v1/organisations/${w.slug}/councils`, body: { name: 'Cliëntenraad', recipients: ['c@x.example'] } }),
    expected:                                             [401, 201, 201, 403, 403, 403, 403, 403, 403, 404, 404, 404, 404, 404],
  },
  'GET /api/v1/organisations/:slug/councils': { call: () => ({ path: `/api/v1/organisations/${w.slug}/councils` }),
    expected:                                             [401, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 404, 404, 404] },
  'POST /api/v1/organisations/:slug/users': {
    call: () => ({ path: `/api/v1/organisations/${w.slug}/users`, body: { email: `u-${uniq()}@x.example`, name: 'Nieuw', role: 'official' } }),
    expected:                                             [401, 201, 201, 403, 403, 403, 403, 403, 403, 404, 404, 404, 404, 404],
  },
  'GET /api/v1/organisations/:slug/users': { call: () => ({ path: `/api/v1/organisations/${w.slug}/users` }),
    expected:                                             [401, 200, 200, 403, 403, 403, 403, 403, 403, 404, 404, 404, 404, 404] },
  // For an approver: the platform operator only (an org admin issues tokens for officials and
  // council roles only: test/tokens-and-signing.test.ts).
  'POST /api/v1/organisations/:slug/users/:userId/tokens': {
    call: () => ({ path: `/api/v1/organisations/${w.slug}/users/${w.ids.approver2}/tokens` }),
    expected:                                             [401, 201, 403, 403, 403, 403, 403, 403, 403, 404, 404, 404, 404, 404],
  },
  'DELETE /api/v1/organisations/:slug/users/:userId/tokens/:tokenId': {
    call: async () => {
      const t = await api('POST', `/api/v1/organisations/${w.slug}/users/${w.ids.official2}/tokens`, { token: ADMIN });
      return { path: `/api/v1/organisations/${w.slug}/users/${w.ids.official2}/tokens/${t.body.id}` };
    },
    expected:                                             [401, 204, 204, 403, 403, 403, 403, 403, 403, 404, 404, 404, 404, 404],
  },
  // A lost passkey: the admin removes a user's passkeys (none yet is fine: nothing to remove).
  'DELETE /api/v1/organisations/:slug/users/:userId/passkeys': { call: () => ({ path: `/api/v1/organisations/${w.slug}/users/${w.ids.official2}/passkeys` }),
    expected:                                             [401, 204, 204, 403, 403, 403, 403, 403, 403, 404, 404, 404, 404, 404] },
  'POST /api/v1/holidays': {
    // Scoped to the organisation and long ago, so that no other test's due date moves.
    call: () => ({ path: '/api/v1/holidays', body: { date: '1999-06-01', name: 'Sluitingsdag', orgSlug: w.slug } }),
    expected:                                             [401, 201, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
  },
  // The body names the first council: the second council's members may not write for it.
  'POST /api/v1/organisations/:slug/advice': {
    call: () => ({ path: `/api/v1/organisations/${w.slug}/advice`, body: adviceInput(w.councilId) }),
    expected:                                             [401, 403, 403, 403, 403, 201, 201, 403, 403, 404, 404, 404, 404, 404],
  },
  'GET /api/v1/organisations/:slug/advice': { call: () => ({ path: `/api/v1/organisations/${w.slug}/advice` }),
    expected:                                             [401, 403, 200, 200, 200, 200, 200, 200, 200, 404, 404, 404, 404, 404] },
  // Without a valid Svix signature every caller is refused, whatever token it carries.
  'POST /api/v1/webhooks/resend': {
    call: () => ({ path: '/api/v1/webhooks/resend', body: { type: 'email.delivered', data: { email_id: 'x' } } }),
    expected: ALL(401),
  },
  // The local mailbox exists only in local development (npm start), where it is open to anyone on
  // the developer's machine; the tests run as a deployment (ENVIRONMENT=test): nobody finds it.
  'GET /api/v1/dev/outbox': { call: () => ({ path: '/api/v1/dev/outbox' }), expected: ALL(404) },
  'GET /api/v1/dev/outbox/:id': { call: async () => ({ path: `/api/v1/dev/outbox/${(await mailsOf(shared.submitted.id))[0].id}` }), expected: ALL(404) },
  'GET /api/v1/dev/outbox/:id/attachments/:n': {
    call: async () => ({ path: `/api/v1/dev/outbox/${(await mailsOf(shared.sent.id)).find((m) => m.kind === 'letter')!.id}/attachments/0` }),
    expected: ALL(404),
  },
  'GET /api/v1/verify': { call: () => ({ path: `/api/v1/verify?sha256=${'0'.repeat(64)}` }), expected: ALL(200) },
  // Importing a letter: those who write or register advice, and approvers; never another organisation.
  'POST /api/v1/organisations/:slug/imports': {
    call: () => ({ path: `/api/v1/organisations/${w.slug}/imports`, raw: LETTER_TEXT, headers: { 'content-type': 'text/plain; charset=utf-8' } }),
    expected:                                             [401, 403, 403, 201, 201, 201, 201, 201, 201, 404, 404, 404, 404, 404],
  },
  // An import is readable by its uploader (here the first council's member) and the organisation's officials and approvers only.
  'GET /api/v1/imports/:id/file': { call: async () => ({ path: `/api/v1/imports/${await memberImport()}/file` }),
    expected:                                             [401, 403, 404, 200, 200, 200, 404, 404, 404, 404, 404, 404, 404, 404] },
  'POST /api/v1/organisations/:slug/advice/register': {
    call: () => ({ path: `/api/v1/organisations/${w.slug}/advice/register`, body: { ...adviceInput(w.councilId), receivedOn: '2026-01-05' } }),
    expected:                                             [401, 403, 403, 201, 403, 403, 403, 403, 403, 404, 404, 404, 404, 404],
  },
  // The figures of the first council: its own members may, the second council's may not; staff may.
  'GET /api/v1/organisations/:slug/stats': { call: () => ({ path: `/api/v1/organisations/${w.slug}/stats?councilId=${w.councilId}` }),
    expected:                                             [401, 403, 200, 200, 200, 200, 200, 403, 403, 404, 404, 404, 404, 404] },

  // ---------------------------------------------------------------- JSON API, on one dossier
  //                                                    anon plat admn offi appr memb secr c2.m c2.s o.ad o.of o.ap o.me o.se
  'GET /api/v1/advice/:id': { call: (d) => ({ path: `/api/v1/advice/${d.id}` }), expected: {
    'draft':                                              [401, 403, 404, 404, 404, 200, 200, 404, 404, 404, 404, 404, 404, 404],
    'submitted in_progress in_review signed sent':        [401, 403, 200, 200, 200, 200, 200, 404, 404, 404, 404, 404, 404, 404],
  } },
  'PUT /api/v1/advice/:id': { call: (d) => ({ path: `/api/v1/advice/${d.id}`, body: adviceInput(w.councilId) }), expected: {
    'draft':                                              [401, 403, 404, 404, 404, 200, 200, 404, 404, 404, 404, 404, 404, 404],
    'submitted in_progress in_review signed sent':        [401, 403, 403, 403, 403, 409, 409, 404, 404, 404, 404, 404, 404, 404],
  } },
  'POST /api/v1/advice/:id/submit': { call: (d) => ({ path: `/api/v1/advice/${d.id}/submit` }), expected: {
    'draft':                                              [401, 403, 404, 404, 404, 403, 200, 404, 404, 404, 404, 404, 404, 404],
    'submitted in_progress in_review signed sent':        [401, 403, 403, 403, 403, 403, 409, 404, 404, 404, 404, 404, 404, 404],
  } },
  'PUT /api/v1/advice/:id/items/:itemId/response': { call: (d) => ({ path: `/api/v1/advice/${d.id}/items/${d.items[1].id}/response`, body: respondBody(d) }), expected: {
    'draft':                                              [401, 403, 404, 404, 404, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'submitted in_progress':                              [401, 403, 403, 200, 200, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'in_review signed sent':                              [401, 403, 403, 409, 409, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  } },
  'POST /api/v1/advice/:id/request-approval': { call: (d) => ({ path: `/api/v1/advice/${d.id}/request-approval` }), expected: {
    'draft':                                              [401, 403, 404, 404, 404, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    // Submitted: no item has a response yet.
    'submitted':                                          [401, 403, 403, 422, 403, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'in_progress':                                        [401, 403, 403, 200, 403, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'in_review signed sent':                              [401, 403, 403, 409, 403, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  } },
  'POST /api/v1/advice/:id/return': { call: (d) => ({ path: `/api/v1/advice/${d.id}/return`, body: { comment: 'Graag aanvullen.' } }), expected: {
    'draft':                                              [401, 403, 404, 404, 404, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'in_review':                                          [401, 403, 403, 403, 200, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'submitted in_progress signed sent':                  [401, 403, 403, 403, 409, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  } },
  'POST /api/v1/advice/:id/approve': { call: (d) => ({ path: `/api/v1/advice/${d.id}/approve` }), expected: {
    'draft':                                              [401, 403, 404, 404, 404, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'in_review':                                          [401, 403, 403, 403, 200, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'submitted in_progress signed sent':                  [401, 403, 403, 403, 409, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  } },
  // Staff read the letter (a concept before signing) at any state; the council once it is sent.
  'GET /api/v1/advice/:id/letter.pdf': { call: (d) => ({ path: `/api/v1/advice/${d.id}/letter.pdf` }), expected: {
    'draft':                                              [401, 403, 404, 404, 404, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'submitted in_progress in_review signed':             [401, 403, 200, 200, 200, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'sent':                                               [401, 403, 200, 200, 200, 200, 200, 404, 404, 404, 404, 404, 404, 404],
  } },
  'GET /api/v1/advice/:id/letter.html': { call: (d) => ({ path: `/api/v1/advice/${d.id}/letter.html` }), expected: {
    'draft':                                              [401, 403, 404, 404, 404, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'submitted in_progress in_review signed':             [401, 403, 200, 200, 200, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'sent':                                               [401, 403, 200, 200, 200, 200, 200, 404, 404, 404, 404, 404, 404, 404],
  } },
  'POST /api/v1/advice/:id/send': { call: (d) => ({ path: `/api/v1/advice/${d.id}/send` }), expected: {
    'draft':                                              [401, 403, 404, 404, 404, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'signed':                                             [401, 403, 403, 202, 202, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'submitted in_progress in_review sent':               [401, 403, 403, 409, 409, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  } },
  // The original letter: for everyone who may read the dossier (these dossiers were written from one).
  'GET /api/v1/advice/:id/source': { call: async (d) => ({ path: `/api/v1/advice/${await sourcedDossier(d.state)}/source` }), expected: {
    'draft':                                              [401, 403, 404, 404, 404, 200, 200, 404, 404, 404, 404, 404, 404, 404],
    'submitted in_progress in_review signed sent':        [401, 403, 200, 200, 200, 200, 200, 404, 404, 404, 404, 404, 404, 404],
  } },
  'GET /api/v1/advice/:id/deliveries': { call: (d) => ({ path: `/api/v1/advice/${d.id}/deliveries` }), expected: {
    'draft':                                              [401, 403, 404, 404, 404, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'submitted in_progress in_review signed sent':        [401, 403, 200, 200, 200, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  } },
  'POST /api/v1/advice/:id/deliveries/:mailId/retry': { call: async (d) => ({ path: `/api/v1/advice/${d.id}/deliveries/${await failedMail(d)}/retry` }), expected: {
    'draft':                                              [401, 403, 404, 404, 404, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'submitted in_progress in_review signed sent':        [401, 403, 403, 202, 202, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  } },

  // ---------------------------------------------------------------- publication (Woo), API
  //                                                    anon plat admn offi appr memb secr c2.m c2.s o.ad o.of o.ap o.me o.se
  'PUT /api/v1/advice/:id/publication': { call: (d) => ({ path: `/api/v1/advice/${d.id}/publication`, body: { publish: true } }), expected: {
    'draft':                                              [401, 403, 404, 404, 404, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'submitted in_progress in_review signed sent':        [401, 403, 403, 200, 200, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  } },
  'GET /api/v1/advice/:id/publication': { call: (d) => ({ path: `/api/v1/advice/${d.id}/publication` }), expected: {
    'draft':                                              [401, 403, 404, 404, 404, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'submitted in_progress in_review signed sent':        [401, 403, 200, 200, 200, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  } },
  'GET /api/v1/organisations/:slug/publication-settings': { call: () => ({ path: `/api/v1/organisations/${w.slug}/publication-settings` }),
    expected:                                             [401, 200, 200, 403, 403, 403, 403, 403, 403, 404, 404, 404, 404, 404] },
  'PUT /api/v1/organisations/:slug/publication-settings': { call: () => ({ path: `/api/v1/organisations/${w.slug}/publication-settings`, body: { tooiCode: null } }),
    expected:                                             [401, 200, 200, 403, 403, 403, 403, 403, 403, 404, 404, 404, 404, 404] },
  // Public: anyone, whatever credential; what is not public (any state but sent) does not exist.
  'GET /api/v1/public/:slug/advice': { call: () => ({ path: `/api/v1/public/${w.slug}/advice?q=wijkgericht` }), expected: ALL(200) },
  'GET /api/v1/public/:slug/advice/:id': { call: (d) => ({ path: `/api/v1/public/${w.slug}/advice/${d.id}` }), expected: {
    'draft submitted in_progress in_review signed':       ALL(404),
    'sent':                                               ALL(200),
  } },
  'GET /api/v1/public/:slug/advice/:id/letter.pdf': { call: (d) => ({ path: `/api/v1/public/${w.slug}/advice/${d.id}/letter.pdf` }), expected: {
    'draft submitted in_progress in_review signed':       ALL(404),
    'sent':                                               ALL(200),
  } },

  // ---------------------------------------------------------------- publication (Woo), web: the public archive and harvesting
  'GET /robots.txt': { call: () => ({ path: '/robots.txt' }), expected: ALL(200) },
  'GET /openbaar/:slug': { call: () => ({ path: `/openbaar/${w.slug}?q=wijkgericht` }), expected: ALL(200) },
  'GET /openbaar/:slug/feed.xml': { call: () => ({ path: `/openbaar/${w.slug}/feed.xml` }), expected: ALL(200) },
  'GET /openbaar/:slug/sitemapindex-diwoo-infocat010.xml': { call: () => ({ path: `/openbaar/${w.slug}/sitemapindex-diwoo-infocat010.xml` }), expected: ALL(200) },
  'GET /openbaar/:slug/sitemaps/:file': { call: () => ({ path: `/openbaar/${w.slug}/sitemaps/${new Date().getFullYear()}.xml` }), expected: ALL(200) },
  'GET /openbaar/:slug/:id': { call: (d) => ({ path: `/openbaar/${w.slug}/${d.id}` }), expected: {
    'draft submitted in_progress in_review signed':       ALL(404),
    'sent':                                               ALL(200),
  } },
  'GET /openbaar/:slug/:id/advies': { call: (d) => ({ path: `/openbaar/${w.slug}/${d.id}/advies` }), expected: {
    'draft submitted in_progress in_review signed':       ALL(404),
    'sent':                                               ALL(200),
  } },
  'GET /openbaar/:slug/:id/reactie.pdf': { call: (d) => ({ path: `/openbaar/${w.slug}/${d.id}/reactie.pdf` }), expected: {
    'draft submitted in_progress in_review signed':       ALL(404),
    'sent':                                               ALL(200),
  } },
  // The decision from the dossier page: officials and approvers, any state they can see.
  'POST /adviezen/:id/openbaarmaking': { call: (d) => ({ path: `/adviezen/${d.id}/openbaarmaking`, form: { publish: 'yes' } }), expected: {
    'draft':                                              [401, 401, 404, 404, 404, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'submitted in_progress in_review signed sent':        [401, 401, 403, 303, 303, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  } },

  // ---------------------------------------------------------------- web pages, not on one dossier
  // Not signed in: a GET goes to the sign-in page (303), a POST shows what was typed (401).
  //                                                    anon plat admn offi appr memb secr c2.m c2.s o.ad o.of o.ap o.me o.se
  'GET /': { call: () => ({ path: '/' }), expected: ALL(303) },
  'GET /login': { call: () => ({ path: '/login' }), expected: ALL(303) },
  'GET /inloggen': { call: () => ({ path: '/inloggen' }),
    expected:                                             [200, 200, 303, 303, 303, 303, 303, 303, 303, 303, 303, 303, 303, 303] },
  'POST /inloggen': {
    call: () => ({ path: '/inloggen', form: { email: `iemand-${uniq()}@example.test` }, headers: { 'cf-connecting-ip': `203.0.113.${uniq()}` } }),
    expected: ALL(200),
  },
  'GET /inloggen/link': { call: () => ({ path: '/inloggen/link?token=ongeldig' }), expected: ALL(400) },
  'POST /inloggen/link': { call: () => ({ path: '/inloggen/link', form: { token: 'ongeldig' } }), expected: ALL(400) },
  // Demo sign-in exists only in local development.
  'POST /inloggen/demo': { call: () => ({ path: '/inloggen/demo', form: { userId: w.ids.admin } }), expected: ALL(404) },
  'POST /uitloggen': { call: () => ({ path: '/uitloggen' }), expected: ALL(303), freshSessions: true },
  // The passkey step is only for a session waiting for it; everyone else is sent on (303).
  'GET /inloggen/passkey': { call: () => ({ path: '/inloggen/passkey' }), expected: ALL(303) },
  'POST /inloggen/passkey': { call: () => ({ path: '/inloggen/passkey', form: { credential: '{}' } }), expected: ALL(303) },
  'POST /inloggen/passkey/registreren': { call: () => ({ path: '/inloggen/passkey/registreren', form: { credential: '{}' } }), expected: ALL(303) },
  'GET /verify': { call: () => ({ path: '/verify' }), expected: ALL(200) },
  'GET /adviezen': { call: () => ({ path: '/adviezen' }),
    expected:                                             [303, 303, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200] },
  'GET /adviezen/nieuw': { call: () => ({ path: '/adviezen/nieuw' }),
    expected:                                             [303, 303, 403, 403, 403, 200, 200, 200, 200, 403, 403, 403, 200, 200] },
  // A council member writes for their own council, whichever organisation.
  'POST /adviezen/nieuw': { call: () => ({ path: '/adviezen/nieuw', form: adviceForm }),
    expected:                                             [401, 401, 403, 403, 403, 303, 303, 303, 303, 403, 403, 403, 303, 303] },
  // Registering a received advice: officials (of any organisation, for their own).
  'GET /adviezen/registreren': { call: () => ({ path: '/adviezen/registreren' }),
    expected:                                             [303, 303, 403, 200, 403, 403, 403, 403, 403, 403, 200, 403, 403, 403] },
  'POST /adviezen/registreren': { call: () => ({ path: '/adviezen/registreren', form: { text: 'Geacht college,\n\nAdvies 1: Plant meer bomen.' } }),
    expected:                                             [401, 401, 403, 303, 403, 403, 403, 403, 403, 403, 303, 403, 403, 403] },
  // The check page of a letter an official of this organisation read.
  'GET /adviezen/registreren/:importId': { call: async () => ({ path: `/adviezen/registreren/${await officialImport()}` }),
    expected:                                             [303, 303, 403, 200, 403, 403, 403, 403, 403, 403, 404, 403, 403, 403] },
  // Registering it (a fresh letter each time it is expected to work).
  'POST /adviezen/registreren/:importId': { call: async () => ({ path: `/adviezen/registreren/${await officialImport(true)}`, form: registerForm() }),
    expected:                                             [401, 401, 403, 303, 403, 403, 403, 403, 403, 403, 404, 403, 403, 403] },
  // A council member's own document, read to fill the advice form.
  'POST /adviezen/nieuw/document': { call: () => ({ path: '/adviezen/nieuw/document', form: { text: 'Advies 1: Plant meer bomen.' } }),
    expected:                                             [401, 401, 403, 403, 403, 303, 303, 303, 303, 403, 403, 403, 303, 303] },
  // An import's original: its uploader (the first council's member), officials and approvers.
  'GET /documenten/:importId': { call: async () => ({ path: `/documenten/${await memberImport()}` }),
    expected:                                             [303, 303, 404, 200, 200, 200, 404, 404, 404, 404, 404, 404, 404, 404] },
  'GET /organisaties/:slug/beheer': { call: () => ({ path: `/organisaties/${w.slug}/beheer` }),
    expected:                                             [303, 303, 200, 403, 403, 403, 403, 403, 403, 404, 404, 404, 404, 404] },
  'POST /organisaties/:slug/beheer': { call: () => ({ path: `/organisaties/${w.slug}/beheer`, form: organisationForm() }),
    expected:                                             [401, 401, 303, 403, 403, 403, 403, 403, 403, 404, 404, 404, 404, 404] },
  'POST /organisaties/:slug/beheer/logo': { call: () => ({ path: `/organisaties/${w.slug}/beheer/logo`, form: logoForm() }),
    expected:                                             [401, 401, 303, 403, 403, 403, 403, 403, 403, 404, 404, 404, 404, 404] },
  'GET /organisaties/:slug/beheer/adviesraden': { call: () => ({ path: `/organisaties/${w.slug}/beheer/adviesraden` }),
    expected:                                             [303, 303, 200, 403, 403, 403, 403, 403, 403, 404, 404, 404, 404, 404] },
  'GET /organisaties/:slug/beheer/adviesraden/nieuw': { call: () => ({ path: `/organisaties/${w.slug}/beheer/adviesraden/nieuw` }),
    expected:                                             [303, 303, 200, 403, 403, 403, 403, 403, 403, 404, 404, 404, 404, 404] },
  'POST /organisaties/:slug/beheer/adviesraden/nieuw': {
    call: () => ({ path: `/organisaties/${w.slug}/beheer/adviesraden/nieuw`, form: { name: 'Jongerenraad', recipients: 'jongerenraad@teststad.example' } }),
    expected:                                             [401, 401, 303, 403, 403, 403, 403, 403, 403, 404, 404, 404, 404, 404],
  },
  'GET /organisaties/:slug/beheer/adviesraden/:councilId': { call: () => ({ path: `/organisaties/${w.slug}/beheer/adviesraden/${second.councilId}` }),
    expected:                                             [303, 303, 200, 403, 403, 403, 403, 403, 403, 404, 404, 404, 404, 404] },
  'POST /organisaties/:slug/beheer/adviesraden/:councilId': {
    call: () => ({ path: `/organisaties/${w.slug}/beheer/adviesraden/${second.councilId}`, form: { name: 'Participatieraad', recipients: 'participatieraad@teststad.example' } }),
    expected:                                             [401, 401, 303, 403, 403, 403, 403, 403, 403, 404, 404, 404, 404, 404],
  },
  'GET /organisaties/:slug/beheer/gebruikers': { call: () => ({ path: `/organisaties/${w.slug}/beheer/gebruikers` }),
    expected:                                             [303, 303, 200, 403, 403, 403, 403, 403, 403, 404, 404, 404, 404, 404] },
  'GET /organisaties/:slug/beheer/gebruikers/nieuw': { call: () => ({ path: `/organisaties/${w.slug}/beheer/gebruikers/nieuw` }),
    expected:                                             [303, 303, 200, 403, 403, 403, 403, 403, 403, 404, 404, 404, 404, 404] },
  'POST /organisaties/:slug/beheer/gebruikers/nieuw': {
    call: () => ({ path: `/organisaties/${w.slug}/beheer/gebruikers/nieuw`, form: { email: `n-${uniq()}@${w.slug}.example`, name: 'Nieuwe collega', role: 'official' } }),
    expected:                                             [401, 401, 303, 403, 403, 403, 403, 403, 403, 404, 404, 404, 404, 404],
  },
  'GET /organisaties/:slug/beheer/gebruikers/:userId': { call: () => ({ path: `/organisaties/${w.slug}/beheer/gebruikers/${w.ids.official2}` }),
    expected:                                             [303, 303, 200, 403, 403, 403, 403, 403, 403, 404, 404, 404, 404, 404] },
  'POST /organisaties/:slug/beheer/gebruikers/:userId': {
    call: () => ({ path: `/organisaties/${w.slug}/beheer/gebruikers/${w.ids.official2}`, form: { name: 'Test official2', role: 'official' } }),
    expected:                                             [401, 401, 303, 403, 403, 403, 403, 403, 403, 404, 404, 404, 404, 404],
  },
  'POST /organisaties/:slug/beheer/gebruikers/:userId/passkeys': { call: () => ({ path: `/organisaties/${w.slug}/beheer/gebruikers/${w.ids.official2}/passkeys` }),
    expected:                                             [401, 401, 303, 403, 403, 403, 403, 403, 403, 404, 404, 404, 404, 404] },
  // Approvers and admins issue their own API tokens, each after a passkey assertion (none here: 403).
  'GET /mijn/api-tokens': { call: () => ({ path: '/mijn/api-tokens' }),
    expected:                                             [303, 303, 200, 403, 200, 403, 403, 403, 403, 200, 403, 200, 403, 403] },
  'POST /mijn/api-tokens': { call: () => ({ path: '/mijn/api-tokens', form: { expiresInDays: '' } }),
    expected:                                             [401, 401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403] },
  // The approver's own token: only they revoke it on their page (anyone else's page: 404).
  'POST /mijn/api-tokens/:tokenId/intrekken': {
    call: async () => ({ path: `/mijn/api-tokens/${(await api('POST', `/api/v1/organisations/${w.slug}/users/${w.ids.approver}/tokens`, { token: ADMIN })).body.id}/intrekken` }),
    expected:                                             [401, 401, 404, 403, 303, 403, 403, 403, 403, 404, 403, 404, 403, 403],
  },
  // The logo is public (it is shown in page headers); beforeAll gave the organisation one.
  'GET /organisaties/:slug/logo': { call: () => ({ path: `/organisaties/${w.slug}/logo` }), expected: ALL(200) },
  // The overview of the first council. Another organisation's users open their own overview, where
  // this council is unknown to staff (422) and not theirs to council members (403).
  'GET /overzicht': { call: () => ({ path: `/overzicht?raad=${w.councilId}` }),
    expected:                                             [303, 303, 200, 200, 200, 200, 200, 403, 403, 422, 422, 422, 403, 403] },
  'GET /overzicht.csv': { call: () => ({ path: `/overzicht.csv?raad=${w.councilId}` }),
    expected:                                             [303, 303, 200, 200, 200, 200, 200, 403, 403, 422, 422, 422, 403, 403] },
  'GET /dev/outbox': { call: () => ({ path: '/dev/outbox' }), expected: ALL(404) },
  'GET /dev/outbox/:id': { call: async () => ({ path: `/dev/outbox/${(await mailsOf(shared.submitted.id))[0].id}` }), expected: ALL(404) },
  'GET /dev/outbox/:id/html': { call: async () => ({ path: `/dev/outbox/${(await mailsOf(shared.submitted.id))[0].id}/html` }), expected: ALL(404) },

  // ---------------------------------------------------------------- web pages, on one dossier
  //                                                    anon plat admn offi appr memb secr c2.m c2.s o.ad o.of o.ap o.me o.se
  'GET /adviezen/:id': { call: (d) => ({ path: `/adviezen/${d.id}` }), expected: {
    'draft':                                              [303, 303, 404, 404, 404, 200, 200, 404, 404, 404, 404, 404, 404, 404],
    'submitted in_progress in_review signed sent':        [303, 303, 200, 200, 200, 200, 200, 404, 404, 404, 404, 404, 404, 404],
  } },
  // After submitting, the edit and submit pages lead back to the dossier (303).
  'GET /adviezen/:id/bewerken': { call: (d) => ({ path: `/adviezen/${d.id}/bewerken` }), expected: {
    'draft':                                              [303, 303, 404, 404, 404, 200, 200, 404, 404, 404, 404, 404, 404, 404],
    'submitted in_progress in_review signed sent':        [303, 303, 403, 403, 403, 303, 303, 404, 404, 404, 404, 404, 404, 404],
  } },
  'POST /adviezen/:id/bewerken': { call: (d) => ({ path: `/adviezen/${d.id}/bewerken`, form: adviceForm }), expected: {
    'draft':                                              [401, 401, 404, 404, 404, 303, 303, 404, 404, 404, 404, 404, 404, 404],
    'submitted in_progress in_review signed sent':        [401, 401, 403, 403, 403, 409, 409, 404, 404, 404, 404, 404, 404, 404],
  } },
  'GET /adviezen/:id/indienen': { call: (d) => ({ path: `/adviezen/${d.id}/indienen` }), expected: {
    'draft':                                              [303, 303, 404, 404, 404, 403, 200, 404, 404, 404, 404, 404, 404, 404],
    'submitted in_progress in_review signed sent':        [303, 303, 403, 403, 403, 403, 303, 404, 404, 404, 404, 404, 404, 404],
  } },
  'POST /adviezen/:id/indienen': { call: (d) => ({ path: `/adviezen/${d.id}/indienen` }), expected: {
    'draft':                                              [401, 401, 404, 404, 404, 403, 303, 404, 404, 404, 404, 404, 404, 404],
    'submitted in_progress in_review signed sent':        [401, 401, 403, 403, 403, 403, 409, 404, 404, 404, 404, 404, 404, 404],
  } },
  'POST /adviezen/:id/reacties/:itemId': {
    call: (d) => {
      const { version, ...rest } = respondBody(d);
      return { path: `/adviezen/${d.id}/reacties/${d.items[1].id}`, form: { ...rest, version: String(version) } };
    },
    expected: {
      'draft':                                            [401, 401, 404, 404, 404, 403, 403, 404, 404, 404, 404, 404, 404, 404],
      'submitted in_progress':                            [401, 401, 403, 303, 303, 403, 403, 404, 404, 404, 404, 404, 404, 404],
      'in_review signed sent':                            [401, 401, 403, 409, 409, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    },
  },
  'POST /adviezen/:id/goedkeuring': { call: (d) => ({ path: `/adviezen/${d.id}/goedkeuring` }), expected: {
    'draft':                                              [401, 401, 404, 404, 404, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'submitted':                                          [401, 401, 403, 422, 403, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'in_progress':                                        [401, 401, 403, 303, 403, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'in_review signed sent':                              [401, 401, 403, 409, 403, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  } },
  'POST /adviezen/:id/terugsturen': { call: (d) => ({ path: `/adviezen/${d.id}/terugsturen`, form: { comment: 'Graag aanvullen.' } }), expected: {
    'draft':                                              [401, 401, 404, 404, 404, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'in_review':                                          [401, 401, 403, 403, 303, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'submitted in_progress signed sent':                  [401, 401, 403, 403, 409, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  } },
  'GET /adviezen/:id/ondertekenen': { call: (d) => ({ path: `/adviezen/${d.id}/ondertekenen` }), expected: {
    'draft':                                              [303, 303, 404, 404, 404, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'in_review':                                          [303, 303, 403, 403, 200, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'submitted in_progress signed sent':                  [303, 303, 403, 403, 303, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  } },
  // Without a fresh passkey assertion for this dossier and its content nothing is signed, not even
  // by the approver (test/web-passkeys.test.ts signs with one).
  'POST /adviezen/:id/ondertekenen': { call: (d) => ({ path: `/adviezen/${d.id}/ondertekenen` }), expected: {
    'draft':                                              [401, 401, 404, 404, 404, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'in_review':                                          [401, 401, 403, 403, 403, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'submitted in_progress signed sent':                  [401, 401, 403, 403, 409, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  } },
  'POST /adviezen/:id/verzenden': { call: (d) => ({ path: `/adviezen/${d.id}/verzenden` }), expected: {
    'draft':                                              [401, 401, 404, 404, 404, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'signed':                                             [401, 401, 403, 303, 303, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'submitted in_progress in_review sent':               [401, 401, 403, 409, 409, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  } },
  // The letter as the pages show it: staff read the concept before signing, the council once it is sent.
  // The original letter on the dossier page: everyone who may read the dossier.
  'GET /adviezen/:id/origineel': { call: async (d) => ({ path: `/adviezen/${await sourcedDossier(d.state)}/origineel` }), expected: {
    'draft':                                              [303, 303, 404, 404, 404, 200, 200, 404, 404, 404, 404, 404, 404, 404],
    'submitted in_progress in_review signed sent':        [303, 303, 200, 200, 200, 200, 200, 404, 404, 404, 404, 404, 404, 404],
  } },
  'GET /adviezen/:id/brief.pdf': { call: (d) => ({ path: `/adviezen/${d.id}/brief.pdf` }), expected: {
    'draft':                                              [303, 303, 404, 404, 404, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'submitted in_progress in_review signed':             [303, 303, 200, 200, 200, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'sent':                                               [303, 303, 200, 200, 200, 200, 200, 404, 404, 404, 404, 404, 404, 404],
  } },
  'GET /adviezen/:id/brief.html': { call: (d) => ({ path: `/adviezen/${d.id}/brief.html` }), expected: {
    'draft':                                              [303, 303, 404, 404, 404, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'submitted in_progress in_review signed':             [303, 303, 200, 200, 200, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'sent':                                               [303, 303, 200, 200, 200, 200, 200, 404, 404, 404, 404, 404, 404, 404],
  } },
  'POST /adviezen/:id/verzending/:mailId/opnieuw': { call: async (d) => ({ path: `/adviezen/${d.id}/verzending/${await failedMail(d)}/opnieuw` }), expected: {
    'draft':                                              [401, 401, 404, 404, 404, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'submitted in_progress in_review signed sent':        [401, 401, 403, 303, 303, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  } },
  // ---------------------------------------------------------------- consultations (API)
  //                                                    anon plat admn offi appr memb secr c2.m c2.s o.ad o.of o.ap o.me o.se
  'POST /api/v1/organisations/:slug/consultations': { call: () => ({ path: `/api/v1/organisations/${w.slug}/consultations`, body: consultationBody(w) }),
    expected:                                             [401, 403, 403, 201, 403, 403, 403, 403, 403, 404, 404, 404, 404, 404] },
  'GET /api/v1/organisations/:slug/consultations': { call: () => ({ path: `/api/v1/organisations/${w.slug}/consultations` }),
    expected:                                             [401, 403, 200, 200, 200, 200, 200, 200, 200, 404, 404, 404, 404, 404] },
  // The world's council takes part (its members see it); the second council does not (404).
  'GET /api/v1/consultations/:id': { consultation: (c) => ({ path: `/api/v1/consultations/${c.id}` }), expected: {
    'open closed in_review signed sent':                  [401, 403, 200, 200, 200, 200, 200, 404, 404, 404, 404, 404, 404, 404],
  } },
  // The body names the world's council: its members may write for it, officials for anyone.
  'POST /api/v1/consultations/:id/remarks': { consultation: (c) => ({ path: `/api/v1/consultations/${c.id}/remarks`, body: { participantId: c.participants[0].id, text: 'Nog een opmerking.' } }), expected: {
    'open':                                               [401, 403, 403, 201, 403, 201, 201, 404, 404, 404, 404, 404, 404, 404],
    'closed in_review signed sent':                       [401, 403, 403, 409, 403, 409, 409, 404, 404, 404, 404, 404, 404, 404],
  } },
  'POST /api/v1/consultations/:id/close': { consultation: (c) => ({ path: `/api/v1/consultations/${c.id}/close` }), expected: {
    'open':                                               [401, 403, 403, 200, 403, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'closed in_review signed sent':                       [401, 403, 403, 409, 403, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  } },
  'PUT /api/v1/consultations/:id/remarks/:remarkId/response': { consultation: (c) => ({ path: `/api/v1/consultations/${c.id}/remarks/${c.remarks[0].id}/response`, body: remarkResponse(c) }), expected: {
    'open closed':                                        [401, 403, 403, 200, 200, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'in_review signed sent':                              [401, 403, 403, 409, 409, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  } },
  // Open: not closed yet (409); from closed on every remark of the fixture is answered.
  'POST /api/v1/consultations/:id/request-approval': { consultation: (c) => ({ path: `/api/v1/consultations/${c.id}/request-approval` }), expected: {
    'closed':                                             [401, 403, 403, 200, 403, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'open in_review signed sent':                         [401, 403, 403, 409, 403, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  } },
  'POST /api/v1/consultations/:id/return': { consultation: (c) => ({ path: `/api/v1/consultations/${c.id}/return`, body: { comment: 'Graag aanvullen.' } }), expected: {
    'in_review':                                          [401, 403, 403, 403, 200, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'open closed signed sent':                            [401, 403, 403, 403, 409, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  } },
  'POST /api/v1/consultations/:id/approve': { consultation: (c) => ({ path: `/api/v1/consultations/${c.id}/approve` }), expected: {
    'in_review':                                          [401, 403, 403, 403, 200, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'open closed signed sent':                            [401, 403, 403, 403, 409, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  } },
  'POST /api/v1/consultations/:id/send': { consultation: (c) => ({ path: `/api/v1/consultations/${c.id}/send` }), expected: {
    'signed':                                             [401, 403, 403, 202, 202, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'open closed in_review sent':                         [401, 403, 403, 409, 409, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  } },
  // Staff read the list (a concept before signing) at any state; a participating council once it is sent.
  'GET /api/v1/consultations/:id/list.pdf': { consultation: (c) => ({ path: `/api/v1/consultations/${c.id}/list.pdf` }), expected: {
    'open closed in_review signed':                       [401, 403, 200, 200, 200, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'sent':                                               [401, 403, 200, 200, 200, 200, 200, 404, 404, 404, 404, 404, 404, 404],
  } },
  'GET /api/v1/consultations/:id/list.html': { consultation: (c) => ({ path: `/api/v1/consultations/${c.id}/list.html` }), expected: {
    'open closed in_review signed':                       [401, 403, 200, 200, 200, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'sent':                                               [401, 403, 200, 200, 200, 200, 200, 404, 404, 404, 404, 404, 404, 404],
  } },

  // Publication (Woo) of the signed list: the advice's decision, on a consultation; the public archive's lists.
  'PUT /api/v1/consultations/:id/publication': { consultation: (c) => ({ path: `/api/v1/consultations/${c.id}/publication`, body: { publish: true } }), expected: {
    'open closed in_review signed sent':                  [401, 403, 403, 200, 200, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  } },
  'GET /api/v1/consultations/:id/publication': { consultation: (c) => ({ path: `/api/v1/consultations/${c.id}/publication` }), expected: {
    'open closed in_review signed sent':                  [401, 403, 200, 200, 200, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  } },
  // Public: anyone, whatever credential; a list not sent does not exist.
  'GET /api/v1/public/:slug/consultations': { call: () => ({ path: `/api/v1/public/${w.slug}/consultations` }), expected: ALL(200) },
  'GET /api/v1/public/:slug/consultations/:id': { consultation: (c) => ({ path: `/api/v1/public/${w.slug}/consultations/${c.id}` }), expected: {
    'open closed in_review signed':                       ALL(404),
    'sent':                                               ALL(200),
  } },
  'GET /api/v1/public/:slug/consultations/:id/list.pdf': { consultation: (c) => ({ path: `/api/v1/public/${w.slug}/consultations/${c.id}/list.pdf` }), expected: {
    'open closed in_review signed':                       ALL(404),
    'sent':                                               ALL(200),
  } },
  'GET /openbaar/:slug/consultaties': { call: () => ({ path: `/openbaar/${w.slug}/consultaties` }), expected: ALL(200) },
  'GET /openbaar/:slug/consultaties/:id': { consultation: (c) => ({ path: `/openbaar/${w.slug}/consultaties/${c.id}` }), expected: {
    'open closed in_review signed':                       ALL(404),
    'sent':                                               ALL(200),
  } },
  'GET /openbaar/:slug/consultaties/:id/lijst.pdf': { consultation: (c) => ({ path: `/openbaar/${w.slug}/consultaties/${c.id}/lijst.pdf` }), expected: {
    'open closed in_review signed':                       ALL(404),
    'sent':                                               ALL(200),
  } },

  // ---------------------------------------------------------------- consultations (web)
  //                                                    anon plat admn offi appr memb secr c2.m c2.s o.ad o.of o.ap o.me o.se
  'GET /consultaties': { call: () => ({ path: '/consultaties' }),
    expected:                                             [303, 303, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200] },
  'GET /consultaties/nieuw': { call: () => ({ path: '/consultaties/nieuw' }),
    expected:                                             [303, 303, 403, 200, 403, 403, 403, 403, 403, 403, 200, 403, 403, 403] },
  // An official starts one in their own organisation, whichever it is.
  'POST /consultaties/nieuw': { call: () => ({ path: '/consultaties/nieuw', form: consultationForm() }),
    expected:                                             [401, 401, 403, 303, 403, 403, 403, 403, 403, 403, 303, 403, 403, 403] },
  'GET /consultaties/:id': { consultation: (c) => ({ path: `/consultaties/${c.id}` }), expected: {
    'open closed in_review signed sent':                  [303, 303, 200, 200, 200, 200, 200, 404, 404, 404, 404, 404, 404, 404],
  } },
  // A council member's remark (text); an official's pasted text is split for checking (200, nothing stored yet).
  'POST /consultaties/:id/opmerkingen': { consultation: (c) => ({ path: `/consultaties/${c.id}/opmerkingen`, form: { section: '', text: 'Opmerking via het formulier.', paste: '1. Een opmerking.', participantId: c.participants[1].id } }), expected: {
    'open':                                               [401, 401, 403, 200, 403, 303, 303, 404, 404, 404, 404, 404, 404, 404],
    'closed in_review signed sent':                       [401, 401, 403, 409, 403, 409, 409, 404, 404, 404, 404, 404, 404, 404],
  } },
  'GET /consultaties/:id/opmerkingen': { consultation: (c) => ({ path: `/consultaties/${c.id}/opmerkingen` }), expected: {
    'open':                                               [303, 303, 403, 200, 403, 303, 303, 404, 404, 404, 404, 404, 404, 404],
    'closed in_review signed sent':                       [303, 303, 403, 303, 403, 303, 303, 404, 404, 404, 404, 404, 404, 404],
  } },
  'GET /consultaties/:id/beantwoorden': { consultation: (c) => ({ path: `/consultaties/${c.id}/beantwoorden` }), expected: {
    'open closed in_review signed sent':                  [303, 303, 403, 200, 200, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  } },
  'POST /consultaties/:id/reacties/:remarkId': {
    consultation: (c) => {
      const { version, ...rest } = remarkResponse(c);
      return { path: `/consultaties/${c.id}/reacties/${c.remarks[0].id}`, form: { text: rest.text, processing: '1', version: String(version) } };
    },
    expected: {
      'open closed':                                      [401, 401, 403, 303, 303, 403, 403, 404, 404, 404, 404, 404, 404, 404],
      'in_review signed sent':                            [401, 401, 403, 409, 409, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    },
  },
  'POST /consultaties/:id/sluiten': { consultation: (c) => ({ path: `/consultaties/${c.id}/sluiten` }), expected: {
    'open':                                               [401, 401, 403, 303, 403, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'closed in_review signed sent':                       [401, 401, 403, 409, 403, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  } },
  'POST /consultaties/:id/goedkeuring': { consultation: (c) => ({ path: `/consultaties/${c.id}/goedkeuring` }), expected: {
    'closed':                                             [401, 401, 403, 303, 403, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'open in_review signed sent':                         [401, 401, 403, 409, 403, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  } },
  'POST /consultaties/:id/terugsturen': { consultation: (c) => ({ path: `/consultaties/${c.id}/terugsturen`, form: { comment: 'Graag aanvullen.' } }), expected: {
    'in_review':                                          [401, 401, 403, 403, 303, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'open closed signed sent':                            [401, 401, 403, 403, 409, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  } },
  'GET /consultaties/:id/ondertekenen': { consultation: (c) => ({ path: `/consultaties/${c.id}/ondertekenen` }), expected: {
    'in_review':                                          [303, 303, 403, 403, 200, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'open closed signed sent':                            [303, 303, 403, 403, 303, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  } },
  // Without a fresh passkey assertion for this list and its content nothing is signed, not even by
  // the approver (test/web-consultations.test.ts signs with one).
  'POST /consultaties/:id/ondertekenen': { consultation: (c) => ({ path: `/consultaties/${c.id}/ondertekenen` }), expected: {
    'in_review':                                          [401, 401, 403, 403, 403, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'open closed signed sent':                            [401, 401, 403, 403, 409, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  } },
  'POST /consultaties/:id/verzenden': { consultation: (c) => ({ path: `/consultaties/${c.id}/verzenden` }), expected: {
    'signed':                                             [401, 401, 403, 303, 303, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'open closed in_review sent':                         [401, 401, 403, 409, 409, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  } },
  // The decision from the consultation page: officials and approvers, any state.
  'POST /consultaties/:id/openbaarmaking': { consultation: (c) => ({ path: `/consultaties/${c.id}/openbaarmaking`, form: { publish: 'yes' } }), expected: {
    'open closed in_review signed sent':                  [401, 401, 403, 303, 303, 403, 403, 404, 404, 404, 404, 404, 404, 404],
  } },
  'GET /consultaties/:id/lijst.pdf': { consultation: (c) => ({ path: `/consultaties/${c.id}/lijst.pdf` }), expected: {
    'open closed in_review signed':                       [303, 303, 200, 200, 200, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'sent':                                               [303, 303, 200, 200, 200, 200, 200, 404, 404, 404, 404, 404, 404, 404],
  } },
  'GET /consultaties/:id/lijst.html': { consultation: (c) => ({ path: `/consultaties/${c.id}/lijst.html` }), expected: {
    'open closed in_review signed':                       [303, 303, 200, 200, 200, 403, 403, 404, 404, 404, 404, 404, 404, 404],
    'sent':                                               [303, 303, 200, 200, 200, 200, 200, 404, 404, 404, 404, 404, 404, 404],
  } },
};

const isConsultationRow = (row: Row): row is ConsultationRow => 'consultation' in row;
const isDossierRow = (row: Row): row is DossierRow => !Array.isArray(row.expected) && !isConsultationRow(row);
/** The states a row's expectations are given for: a dossier's, a consultation's, or none (a route not on one). */
const statesOf = (row: Row): readonly State[] => (isConsultationRow(row) ? CONSULTATION_STATUSES : isDossierRow(row) ? ADVICE_STATUSES : []);

/** The expected statuses of a dossier or consultation row per state; throws unless the keys name every state exactly once. */
function byState(route: string, row: DossierRow | ConsultationRow): Record<State, Cols> {
  const states = statesOf(row);
  const out = {} as Record<State, Cols>;
  for (const [key, cols] of Object.entries(row.expected)) {
    for (const state of key.split(' ') as State[]) {
      if (!states.includes(state)) throw new Error(`${route}: unknown state ${state}`);
      if (out[state]) throw new Error(`${route}: state ${state} listed twice`);
      out[state] = cols;
    }
  }
  const missing = states.filter((s) => !out[s]);
  if (missing.length) throw new Error(`${route}: no expectation for ${missing.join(', ')}`);
  return out;
}

// ---- who calls ------------------------------------------------------------------------------

type Credentials = { token?: string; email?: string };
const credentials = {} as Record<Caller, Credentials>;
const cookies = new Map<string, string>();

async function cookieFor(email: string, fresh: boolean) {
  if (fresh || !cookies.has(email)) {
    const cookie = await signInByMail(email);
    if (fresh) return cookie;
    cookies.set(email, cookie);
  }
  return cookies.get(email)!;
}

async function request(method: string, call: Call, who: Credentials, freshSession = false): Promise<{ status: number; location: string | null }> {
  if (call.path.startsWith('/api/')) {
    const res = await api(method, call.path, { token: who.token, body: call.body, raw: call.raw, headers: call.headers });
    return { status: res.status, location: res.headers.get('location') };
  }
  // The web counts sessions only: the platform's bearer token is sent along and must change nothing.
  const headers = { ...(call.headers ?? {}), ...(who.email ? {} : who.token ? { authorization: `Bearer ${who.token}` } : {}) };
  const cookie = who.email ? await cookieFor(who.email, freshSession) : null;
  const res = await web(method, call.path, { cookie, form: call.form, headers });
  return { status: res.status, location: res.location };
}

beforeAll(async () => {
  [w, other] = await Promise.all([createWorld('SMA'), createWorld('SMB')]);
  second = await addCouncil(w);
  const fixtures = await Promise.all(ADVICE_STATUSES.map(async (state) => ({ ...(await dossierIn(w, state)), state })));
  for (const f of fixtures) shared[f.state] = f;
  // An approver's internal comment on every dossier not yet sent (as a return leaves it), so that
  // the council view is checked against one in every state (see 'what council roles read').
  for (const f of fixtures) if (f.state !== 'sent') await env.DB.prepare('UPDATE advice SET return_comment = ? WHERE id = ?').bind(INTERNAL_COMMENT, f.id).run();
  for (const state of ADVICE_STATUSES) before[state] = await sharedNow(state);
  const consultations = await Promise.all(CONSULTATION_STATUSES.map(async (state) => ({ ...(await consultationIn(w, state)), state })));
  for (const c of consultations) sharedConsultations[c.state] = c;
  for (const state of CONSULTATION_STATUSES) beforeConsultations[state] = await sharedConsultationNow(state);

  const own = (name: string): Credentials => ({ token: w.tokens[name], email: `${name}@${w.slug}.example` });
  const theirs = (name: string): Credentials => ({ token: other.tokens[name], email: `${name}@${other.slug}.example` });
  Object.assign(credentials, {
    anon: {},
    platform: { token: ADMIN },
    admin: own('admin'),
    official: own('official'),
    approver: own('approver'),
    member: own('council_member'),
    secretary: own('council_secretary'),
    'c2.member': { token: second.member.token, email: second.member.email },
    'c2.secretary': { token: second.secretary.token, email: second.secretary.email },
    'o.admin': theirs('admin'),
    'o.official': theirs('official'),
    'o.approver': theirs('approver'),
    'o.member': theirs('council_member'),
    'o.secretary': theirs('council_secretary'),
  } satisfies Record<Caller, Credentials>);
  // Sessions for every user, once (the real e-mail link flow).
  await Promise.all(Object.values(credentials).filter((c) => c.email).map((c) => cookieFor(c.email!, false)));
  // A logo, so that the public logo route has something to serve.
  const logo = await web('POST', `/organisaties/${w.slug}/beheer/logo`, { cookie: await cookieFor(credentials.admin.email!, false), form: logoForm() });
  if (logo.status !== 303) throw new Error(`logo: ${logo.status}`);
}, 240_000);

/** Runs one route (in one dossier or consultation state) for every caller; returns actual and expected per caller. */
async function runMatrix(route: string, row: Row, state: State | null) {
  const [method, pattern] = route.split(' ');
  const expected = state ? byState(route, row as DossierRow | ConsultationRow)[state] : (row as WorldRow).expected;
  expect(expected.length, `${route}: one status per caller`).toBe(CALLERS.length);
  // The fixture in this state: shared by the refusals, or (for a write that succeeds) a fresh one.
  const fixture = async (fresh: boolean): Promise<DossierFixture | ConsultationCase | undefined> => {
    if (!state) return undefined;
    if (isConsultationRow(row)) {
      const s = state as ConsultationStatus;
      return fresh ? { ...(await consultationIn(w, s)), state: s } : sharedConsultations[s];
    }
    const s = state as AdviceStatus;
    return fresh ? { ...(await dossierIn(w, s)), state: s } : shared[s];
  };
  const build = (f?: DossierFixture | ConsultationCase) =>
    isConsultationRow(row) ? row.consultation(f as ConsultationCase) : state ? (row as DossierRow).call(f as DossierFixture) : (row as WorldRow).call();
  let sharedCall: Promise<Call> | null = null;
  const freshSessions = !state && (row as WorldRow).freshSessions === true;
  const policy = routePolicies.get(route);

  const results = await Promise.all(
    CALLERS.map(async (caller, i) => {
      // A write expected to succeed gets its own call (and its own dossier); the rest share one.
      const succeeds = method !== 'GET' && expected[i] < 400;
      if (succeeds) return [caller, i, true] as const;
      sharedCall ??= fixture(false).then(build);
      const res = await request(method, await sharedCall, credentials[caller], freshSessions);
      return [caller, i, res] as const;
    }),
  );
  const actual: Record<string, number> = {};
  const want: Record<string, number> = {};
  for (const [caller, i, res] of results) {
    want[caller] = expected[i];
    let got = res;
    if (got === true) {
      // Sequentially: each success on its own fixture.
      got = await request(method, await build(await fixture(true)), credentials[caller], freshSessions);
    }
    actual[caller] = got.status;
    // Not signed in on a page that needs it: the redirect goes to the sign-in page.
    if (!pattern.startsWith('/api/') && method === 'GET' && !credentials[caller].email && policy !== 'public' && got.status === 303) {
      expect(got.location, `${route} as ${caller}`).toBe('/inloggen');
    }
  }
  expect(actual, `${route}${state ? ` (${state})` : ''}`).toEqual(want);
}

const CASES = Object.entries(TABLE).flatMap(([route, row]): { name: string; route: string; state: State | null }[] =>
  statesOf(row).length ? statesOf(row).map((state) => ({ name: `${route} (${state})`, route, state })) : [{ name: route, route, state: null }],
);

describe('security matrix: route × caller × dossier state', () => {
  it.each(CASES)('$name', async ({ route, state }) => {
    await runMatrix(route, TABLE[route], state);
  });

  it('left every shared dossier and consultation as it was: no refused call changed anything', async () => {
    for (const state of ADVICE_STATUSES) expect(await sharedNow(state), state).toEqual(before[state]);
    for (const state of CONSULTATION_STATUSES) expect(await sharedConsultationNow(state), `consultation ${state}`).toEqual(beforeConsultations[state]);
  });
});

describe('what council roles read: no draft responses, no internal comment, until the dossier is sent', () => {
  const COUNCIL: Caller[] = ['member', 'secretary'];
  const STAFF: Caller[] = ['admin', 'official', 'approver'];
  const hasResponses = (state: State) => !['draft', 'submitted'].includes(state);

  it.each(ADVICE_STATUSES)('%s: through the API and on the dossier page, for every caller who may read it', async (state) => {
    const d = shared[state];
    for (const caller of [...COUNCIL, ...STAFF]) {
      const res = await api('GET', `/api/v1/advice/${d.id}`, { token: credentials[caller].token });
      if (res.status !== 200) continue;
      const drafts = !COUNCIL.includes(caller) || state === 'sent';
      const responses = res.body.items.map((i: { response: unknown }) => i.response !== null);
      expect(responses, `${caller} (${state}): responses`).toEqual(d.items.map(() => drafts && hasResponses(state)));
      expect(res.body.returnComment, `${caller} (${state}): comment`).toBe(drafts && state !== 'sent' ? INTERNAL_COMMENT : null);

      const page = await web('GET', `/adviezen/${d.id}`, { cookie: await cookieFor(credentials[caller].email!, false) });
      if (page.status !== 200) continue;
      if (!drafts) {
        expect(page.html, `${caller} (${state}): page`).not.toContain('INTERN:');
        expect(page.html, `${caller} (${state}): page`).not.toMatch(/Reactie op (question|advice)\./);
      }
    }
  });
});

describe('the route table', () => {
  const app = createApp();
  const routes = [...new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))];

  it('has a declared policy for every route, and none for a route that does not exist', () => {
    expect(routes.length).toBeGreaterThan(60);
    expect(
      routes.filter((r) => !routePolicies.has(r)),
      'routes without a policy',
    ).toEqual([]);
    expect(
      [...routePolicies.keys()].filter((k) => !routes.includes(k)),
      'policies without a route',
    ).toEqual([]);
  });

  it('has a row in the security matrix for every route (API and web), and no row for a route that does not exist', () => {
    expect(
      routes.filter((r) => !(r in TABLE)),
      'routes missing from the matrix',
    ).toEqual([]);
    expect(
      Object.keys(TABLE).filter((r) => !routes.includes(r)),
      'matrix rows without a route',
    ).toEqual([]);
  });

  it('names every state exactly once in every dossier and consultation row', () => {
    for (const [route, row] of Object.entries(TABLE)) if (statesOf(row).length) expect(() => byState(route, row as DossierRow | ConsultationRow), route).not.toThrow();
  });

  it('refuses every web form posted from another site, before anything runs', async () => {
    const posts = routes.filter((r) => r.startsWith('POST /') && !r.startsWith('POST /api/'));
    expect(posts.length).toBeGreaterThan(15);
    const admin = await cookieFor(credentials.admin.email!, false);
    const statuses: Record<string, number> = {};
    for (const route of posts) {
      const path = route
        .split(' ')[1]
        .replace(':slug', w.slug)
        .replace(':id', shared.in_review.id)
        .replace(/:\w+/g, 'x');
      const res = await web('POST', path, { cookie: admin, form: { name: 'x' }, headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
      statuses[route] = res.status;
    }
    expect(statuses).toEqual(Object.fromEntries(posts.map((r) => [r, 403])));
  });
});

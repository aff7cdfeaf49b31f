import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ADMIN, adviceInput, answerAll, api, createWorld, submittedDossier, type World, dossierIn, draftDossier, inReviewDossier, signedDossier, formValues, web, fetchWith, probeD1, TRANSIENT_D1_MESSAGES, transientD1Error, type D1Call, consultationBody, consultationIn, openConsultation } from './support';
import { startSession } from '../worker/services/sessions';
import { createDb } from '../worker/db';
import { createApp } from '../worker/app';
import { routePolicies } from '../worker/routing';
import { nl } from '../schema/i18n/nl';
import { isTransientD1Error } from '../worker/errors';
import { sha256Hex } from '../worker/lib/crypto';
import { PENDING_LEASE_MS } from '../worker/middleware/idempotency';

/**
 * D1 fails now and then ("Network connection lost.", "D1 DB is overloaded."). For every write of
 * the advice cycle and of a consultation (API and web forms), sending and retrying mail, and user
 * and token writes, each of its D1 calls in turn fails, in two ways:
 *
 * - `before`: the call never reaches the database;
 * - `lost`: the database does the work and the answer is lost on the way back.
 *
 * Each time the answer must be a success or a clean 503 problem (on the web: a 503 page), the data
 * must be consistent (never half a write), no Idempotency-Key may stay reserved, and a retry with
 * the same key (on the web: posting the form again) must succeed — or, when the write did land but
 * its answer was lost, see it landed (a 409). A route-table test holds every write route to a case
 * or a stated reason.
 */

/** An API call (token, JSON body) or a web form post (session cookie, form fields). */
type Request = { method: string; path: string; token?: string; body?: unknown; cookie?: string; form?: Record<string, string> };
const isWeb = (r: Request) => r.cookie !== undefined;
type Case = {
  name: string;
  /** The route table's key of the write this case exercises. */
  route: string;
  /** `dossierId`: the dossier or consultation the write is about, for `done`. */
  prepare: (w: World) => Promise<Request & { dossierId?: string }>;
  /** The state the write leads to, checked after the retry. */
  done: (w: World, dossierId: string) => Promise<void>;
  /** What a replay of the first answer looks like (default: exactly that answer). */
  replayed?: (first: any) => unknown;
};

const dossierOf = async (w: World, id: string) => (await api('GET', `/api/v1/advice/${id}`, { token: w.tokens.council_member })).body;
const staffView = async (w: World, id: string) => (await api('GET', `/api/v1/advice/${id}`, { token: w.tokens.official })).body;
const consultationOf = async (w: World, id: string) => (await api('GET', `/api/v1/consultations/${id}`, { token: w.tokens.official })).body;
const answer = (kind: string, version: number, text = 'Wij nemen dit advies over en werken het uit in het plan.') => ({
  text,
  status: kind === 'question' ? 'answered' : 'adopted',
  version,
});

const CASES: Case[] = [
  {
    name: 'create a dossier',
    route: 'POST /api/v1/organisations/:slug/advice',
    prepare: async (w) => ({ method: 'POST', path: `/api/v1/organisations/${w.slug}/advice`, token: w.tokens.council_member, body: adviceInput(w.councilId) }),
    done: async (w, id) => expect((await dossierOf(w, id)).items).toHaveLength(3),
  },
  {
    name: 'replace a draft',
    route: 'PUT /api/v1/advice/:id',
    prepare: async (w) => {
      const d = await draftDossier(w);
      const items = [1, 2, 3, 4].map((n) => ({ kind: 'advice' as const, text: `Vervangen advies ${n}.` }));
      return { method: 'PUT', path: `/api/v1/advice/${d.id}`, token: w.tokens.council_member, body: adviceInput(w.councilId, items), dossierId: d.id };
    },
    done: async (w, id) => expect((await dossierOf(w, id)).items.map((i: { text: string }) => i.text)).toEqual([1, 2, 3, 4].map((n) => `Vervangen advies ${n}.`)),
  },
  {
    name: 'submit',
    route: 'POST /api/v1/advice/:id/submit',
    prepare: async (w) => {
      const d = await draftDossier(w);
      return { method: 'POST', path: `/api/v1/advice/${d.id}/submit`, token: w.tokens.council_secretary, dossierId: d.id };
    },
    done: async (w, id) => expect(await dossierOf(w, id)).toMatchObject({ status: 'submitted', reference: expect.stringMatching(/^FLT-\d{4}-\d{5}$/) }),
  },
  {
    name: 'the first response (starts the dossier)',
    route: 'PUT /api/v1/advice/:id/items/:itemId/response',
    prepare: async (w) => {
      const d = await submittedDossier(w);
      return { method: 'PUT', path: `/api/v1/advice/${d.id}/items/${d.items[0].id}/response`, token: w.tokens.official, body: answer(d.items[0].kind, 0), dossierId: d.id };
    },
    done: async (w, id) => {
      const d = await staffView(w, id);
      expect(d.status).toBe('in_progress');
      expect(d.items[0].response.version).toBe(1);
    },
  },
  {
    name: 'a later response',
    route: 'PUT /api/v1/advice/:id/items/:itemId/response',
    prepare: async (w) => {
      const d = await submittedDossier(w);
      await api('PUT', `/api/v1/advice/${d.id}/items/${d.items[1].id}/response`, { token: w.tokens.official, body: answer(d.items[1].kind, 0) });
      return {
        method: 'PUT',
        path: `/api/v1/advice/${d.id}/items/${d.items[1].id}/response`,
        token: w.tokens.official2,
        body: answer(d.items[1].kind, 1, 'Na overleg nemen wij het advies gedeeltelijk over.'),
        dossierId: d.id,
      };
    },
    done: async (w, id) => expect((await staffView(w, id)).items[1].response).toMatchObject({ version: 2, text: 'Na overleg nemen wij het advies gedeeltelijk over.' }),
  },
  {
    name: 'request approval',
    route: 'POST /api/v1/advice/:id/request-approval',
    prepare: async (w) => {
      const d = await submittedDossier(w);
      await answerAll(w, d);
      return { method: 'POST', path: `/api/v1/advice/${d.id}/request-approval`, token: w.tokens.official, dossierId: d.id };
    },
    done: async (w, id) => expect((await staffView(w, id)).status).toBe('in_review'),
  },
  {
    name: 'return to the officials',
    route: 'POST /api/v1/advice/:id/return',
    prepare: async (w) => {
      const d = await inReviewDossier(w);
      return { method: 'POST', path: `/api/v1/advice/${d.id}/return`, token: w.tokens.approver, body: { comment: 'Graag de reactie op advies 2 aanscherpen.' }, dossierId: d.id };
    },
    done: async (w, id) => expect(await staffView(w, id)).toMatchObject({ status: 'in_progress', returnComment: 'Graag de reactie op advies 2 aanscherpen.' }),
  },
  {
    name: 'approve and sign',
    route: 'POST /api/v1/advice/:id/approve',
    prepare: async (w) => {
      const d = await inReviewDossier(w);
      return { method: 'POST', path: `/api/v1/advice/${d.id}/approve`, token: w.tokens.approver, dossierId: d.id };
    },
    done: async (w, id) => expect(await staffView(w, id)).toMatchObject({ status: 'signed', letter: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } }),
  },
  {
    name: 'send the signed letter',
    route: 'POST /api/v1/advice/:id/send',
    prepare: async (w) => {
      const d = await signedDossier(w);
      return { method: 'POST', path: `/api/v1/advice/${d.id}/send`, token: w.tokens.official, dossierId: d.id };
    },
    done: async (w, id) => {
      expect((await staffView(w, id)).status).toBe('sent');
      // One letter row per council recipient, never two.
      expect(await rows(`SELECT "to" FROM outbox WHERE advice_id = ? AND kind = 'letter'`, id)).toHaveLength(2);
    },
  },
  {
    name: 'retry a failed mail',
    route: 'POST /api/v1/advice/:id/deliveries/:mailId/retry',
    prepare: async (w) => {
      const d = await signedDossier(w);
      await api('POST', `/api/v1/advice/${d.id}/send`, { token: w.tokens.official });
      const [mail] = await rows<{ id: string }>(`SELECT id FROM outbox WHERE advice_id = ? AND kind = 'letter' LIMIT 1`, d.id);
      await env.DB.prepare(`UPDATE outbox SET status = 'failed', last_error = 'Door Resend geweigerd (422)' WHERE id = ?`).bind(mail.id).run();
      return { method: 'POST', path: `/api/v1/advice/${d.id}/deliveries/${mail.id}/retry`, token: w.tokens.official, dossierId: d.id };
    },
    // Exactly one new row for the failed one.
    done: async (_w, id) => expect(await rows(`SELECT id FROM outbox WHERE advice_id = ? AND dedupe_key LIKE 'retry:%'`, id)).toHaveLength(1),
  },
  {
    name: 'add a user (platform admin)',
    route: 'POST /api/v1/organisations/:slug/users',
    prepare: async (w) => ({
      method: 'POST',
      path: `/api/v1/organisations/${w.slug}/users`,
      token: ADMIN,
      body: { email: `nieuw-${crypto.randomUUID().slice(0, 8)}@${w.slug}.example`, name: 'Nieuwe ambtenaar', role: 'official' },
    }),
    // The user is there as asked, in this organisation (one per e-mail address is the schema's unique index).
    done: async (w, id) => expect(await rows(`SELECT name, role, org_id FROM users WHERE id = ?`, id)).toEqual([{ name: 'Nieuwe ambtenaar', role: 'official', org_id: w.orgId }]),
  },
  {
    name: 'issue an API token',
    route: 'POST /api/v1/organisations/:slug/users/:userId/tokens',
    prepare: async (w) => ({ method: 'POST', path: `/api/v1/organisations/${w.slug}/users/${w.ids.official2}/tokens`, token: w.tokens.admin }),
    done: async () => undefined,
    // The token is never stored for replay: a repeat names the same token, without it.
    replayed: (first) => ({ ...first, token: null }),
  },
  // The web forms of the cycle: the same services behind a session and a form post. A failure is a
  // 503 page; the retry is the person posting the form again.
  {
    // Registering a received letter: the dossier, its items, the reference, the import and the
    // acknowledgement in one batch; the import can be used once, so a retry after a lost answer is 409.
    name: 'register a received advice',
    route: 'POST /api/v1/organisations/:slug/advice/register',
    prepare: async (w) => {
      const up = await api('POST', `/api/v1/organisations/${w.slug}/imports`, {
        token: w.tokens.official,
        raw: new TextEncoder().encode('Geacht college,\n\nAdvies 1: Zorg voor een vast aanspreekpunt.\n'),
        headers: { 'content-type': 'text/plain' },
      });
      if (up.status !== 201) throw new Error(`import: ${up.status}`);
      return { method: 'POST', path: `/api/v1/organisations/${w.slug}/advice/register`, token: w.tokens.official, body: { ...adviceInput(w.councilId), importId: up.body.id } };
    },
    done: async (w, id) => {
      expect(await staffView(w, id)).toMatchObject({ status: 'submitted', reference: expect.stringMatching(/^FLT-\d{4}-\d{5}$/), sourceDocument: { id: expect.any(String) } });
      expect(await rows(`SELECT id FROM outbox WHERE advice_id = ? AND kind = 'acknowledgement'`, id)).toHaveLength(2);
    },
  },
  {
    name: 'web: save a response',
    route: 'POST /adviezen/:id/reacties/:itemId',
    prepare: async (w) => {
      const d = await submittedDossier(w);
      const item = d.items[0];
      return {
        method: 'POST',
        path: `/adviezen/${d.id}/reacties/${item.id}`,
        cookie: await sessionOf(w, 'official'),
        form: { version: '0', status: item.kind === 'question' ? 'answered' : 'adopted', text: 'Wij nemen dit advies over.' },
        dossierId: d.id,
      };
    },
    done: async (w, id) => expect((await staffView(w, id)).items[0].response).toMatchObject({ version: 1, text: 'Wij nemen dit advies over.' }),
  },
  {
    name: 'web: request approval',
    route: 'POST /adviezen/:id/goedkeuring',
    prepare: async (w) => {
      const d = await submittedDossier(w);
      await answerAll(w, d);
      return { method: 'POST', path: `/adviezen/${d.id}/goedkeuring`, cookie: await sessionOf(w, 'official'), form: {}, dossierId: d.id };
    },
    done: async (w, id) => expect((await staffView(w, id)).status).toBe('in_review'),
  },
  {
    name: 'web: return to the officials',
    route: 'POST /adviezen/:id/terugsturen',
    prepare: async (w) => {
      const d = await inReviewDossier(w);
      return {
        method: 'POST',
        path: `/adviezen/${d.id}/terugsturen`,
        cookie: await sessionOf(w, 'approver'),
        form: { comment: 'Graag de reactie op advies 2 aanscherpen.' },
        dossierId: d.id,
      };
    },
    done: async (w, id) => expect((await staffView(w, id)).status).toBe('in_progress'),
  },
  {
    name: 'web: send the letter',
    route: 'POST /adviezen/:id/verzenden',
    prepare: async (w) => {
      const d = await signedDossier(w);
      return { method: 'POST', path: `/adviezen/${d.id}/verzenden`, cookie: await sessionOf(w, 'official'), form: {}, dossierId: d.id };
    },
    done: async (w, id) => expect((await staffView(w, id)).status).toBe('sent'),
  },
  {
    name: 'web: write a new advice',
    route: 'POST /adviezen/nieuw',
    prepare: async (w) => {
      const cookie = await sessionOf(w, 'council_member');
      const form = formValues((await web('GET', '/adviezen/nieuw', { cookie })).html, '/adviezen/nieuw');
      const title = `Advies ${crypto.randomUUID().slice(0, 8)}`;
      return { method: 'POST', path: '/adviezen/nieuw', cookie, form: { ...form, title, letterDate: '2026-10-01', 'items.0.text': 'Hoeveel huishoudens bereikt de regeling?' } };
    },
    done: async () => undefined,
  },
  {
    name: 'web: register a received advice',
    route: 'POST /adviezen/registreren/:importId',
    prepare: async (w) => {
      const up = await api('POST', `/api/v1/organisations/${w.slug}/imports`, {
        token: w.tokens.official,
        raw: new TextEncoder().encode('Geacht college,\n\nVraag 1: Hoe betrekt u bewoners?\n\nAdvies 1: Zorg voor een vast aanspreekpunt.\n'),
        headers: { 'content-type': 'text/plain' },
      });
      const cookie = await sessionOf(w, 'official');
      const path = `/adviezen/registreren/${up.body.id}`;
      const form = formValues((await web('GET', path, { cookie })).html, path);
      return { method: 'POST', path, cookie, form: { ...form, title: 'Advies over bewonersparticipatie', letterDate: '2026-01-02', action: 'register' } };
    },
    done: async () => undefined,
  },
  {
    name: 'web: submit',
    route: 'POST /adviezen/:id/indienen',
    prepare: async (w) => {
      const d = await draftDossier(w);
      return { method: 'POST', path: `/adviezen/${d.id}/indienen`, cookie: await sessionOf(w, 'council_secretary'), form: {}, dossierId: d.id };
    },
    done: async (w, id) => expect((await dossierOf(w, id)).status).toBe('submitted'),
  },
  {
    name: 'withhold a sent dossier from publication',
    route: 'PUT /api/v1/advice/:id/publication',
    prepare: async (w) => {
      const d = await dossierIn(w, 'sent');
      return { method: 'PUT', path: `/api/v1/advice/${d.id}/publication`, token: w.tokens.official, body: { publish: false, reason: 'Bevat persoonsgegevens.', ground: '5.1.2.e' }, dossierId: d.id };
    },
    done: async (w, id) => expect((await api('GET', `/api/v1/advice/${id}/publication`, { token: w.tokens.official })).body).toMatchObject({ publish: false, public: false }),
  },
  {
    name: 'publish a withheld sent dossier again',
    route: 'PUT /api/v1/advice/:id/publication',
    prepare: async (w) => {
      const d = await dossierIn(w, 'sent');
      await api('PUT', `/api/v1/advice/${d.id}/publication`, { token: w.tokens.official, body: { publish: false, reason: 'Eerst niet.' } });
      return { method: 'PUT', path: `/api/v1/advice/${d.id}/publication`, token: w.tokens.approver, body: { publish: true }, dossierId: d.id };
    },
    done: async (w, id) => expect((await api('GET', `/api/v1/advice/${id}/publication`, { token: w.tokens.official })).body).toMatchObject({ publish: true, public: true }),
  },
  // A consultation: the same rules (one batch, a conditional transition, the audit row and the mails in it).
  {
    name: 'consultation: start',
    route: 'POST /api/v1/organisations/:slug/consultations',
    prepare: async (w) => ({ method: 'POST', path: `/api/v1/organisations/${w.slug}/consultations`, token: w.tokens.official, body: consultationBody(w) }),
    done: async (w, id) => expect((await consultationOf(w, id)).participants).toHaveLength(3),
  },
  {
    name: 'consultation: a remark',
    route: 'POST /api/v1/consultations/:id/remarks',
    prepare: async (w) => {
      const c = await openConsultation(w);
      return { method: 'POST', path: `/api/v1/consultations/${c.id}/remarks`, token: w.tokens.council_member, body: { participantId: c.participants[0].id, text: 'Betrek de huisartsen.' }, dossierId: c.id };
    },
    done: async (w, id) => expect((await consultationOf(w, id)).participants[0].remarks.map((r: { text: string }) => r.text)).toContain('Betrek de huisartsen.'),
  },
  {
    name: 'consultation: close',
    route: 'POST /api/v1/consultations/:id/close',
    prepare: async (w) => {
      const c = await openConsultation(w);
      return { method: 'POST', path: `/api/v1/consultations/${c.id}/close`, token: w.tokens.official, dossierId: c.id };
    },
    done: async (w, id) => expect((await consultationOf(w, id)).status).toBe('closed'),
  },
  {
    name: 'consultation: a response by reference',
    route: 'PUT /api/v1/consultations/:id/remarks/:remarkId/response',
    prepare: async (w) => {
      const c = await openConsultation(w);
      await api('PUT', `/api/v1/consultations/${c.id}/remarks/${c.remarks[0].id}/response`, { token: w.tokens.official, body: { text: 'Huisartsen doen mee.', processing: ['2'], version: 0 } });
      return {
        method: 'PUT',
        path: `/api/v1/consultations/${c.id}/remarks/${c.remarks[1].id}/response`,
        token: w.tokens.official2,
        body: { sameAs: c.remarks[0].id, processing: ['2', 'Algemeen'], version: 0 },
        dossierId: c.id,
      };
    },
    done: async (w, id) => expect((await consultationOf(w, id)).participants[1].remarks[0].response).toMatchObject({ version: 1, text: null, processing: ['2', 'Algemeen'] }),
  },
  {
    name: 'consultation: request approval',
    route: 'POST /api/v1/consultations/:id/request-approval',
    prepare: async (w) => {
      const c = await consultationIn(w, 'closed');
      return { method: 'POST', path: `/api/v1/consultations/${c.id}/request-approval`, token: w.tokens.official, dossierId: c.id };
    },
    done: async (w, id) => expect((await consultationOf(w, id)).status).toBe('in_review'),
  },
  {
    name: 'consultation: return',
    route: 'POST /api/v1/consultations/:id/return',
    prepare: async (w) => {
      const c = await consultationIn(w, 'in_review');
      return { method: 'POST', path: `/api/v1/consultations/${c.id}/return`, token: w.tokens.approver, body: { comment: 'Graag opmerking 3 eigen tekst.' }, dossierId: c.id };
    },
    done: async (w, id) => expect(await consultationOf(w, id)).toMatchObject({ status: 'closed', returnComment: 'Graag opmerking 3 eigen tekst.' }),
  },
  {
    name: 'consultation: approve and sign the list',
    route: 'POST /api/v1/consultations/:id/approve',
    prepare: async (w) => {
      const c = await consultationIn(w, 'in_review');
      return { method: 'POST', path: `/api/v1/consultations/${c.id}/approve`, token: w.tokens.approver, dossierId: c.id };
    },
    done: async (w, id) => expect(await consultationOf(w, id)).toMatchObject({ status: 'signed', list: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } }),
  },
  {
    name: 'consultation: send the list',
    route: 'POST /api/v1/consultations/:id/send',
    prepare: async (w) => {
      const c = await consultationIn(w, 'signed');
      return { method: 'POST', path: `/api/v1/consultations/${c.id}/send`, token: w.tokens.official, dossierId: c.id };
    },
    done: async (w, id) => {
      expect((await consultationOf(w, id)).status).toBe('sent');
      // One list mail per recipient of every participant (council: 2, Oostdorp: 1, Westdorp: 2), never two.
      expect(await rows(`SELECT "to" FROM outbox WHERE consultation_id = ? AND kind = 'list'`, id)).toHaveLength(5);
      // Public from the moment it is sent (the Woo's default).
      expect((await api('GET', `/api/v1/public/${w.slug}/consultations/${id}`)).status).toBe(200);
    },
  },
  {
    name: 'web: start a consultation',
    route: 'POST /consultaties/nieuw',
    prepare: async (w) => ({
      method: 'POST',
      path: '/consultaties/nieuw',
      cookie: await sessionOf(w, 'official'),
      form: {
        title: `Consultatie ${crypto.randomUUID().slice(0, 8)}`,
        document: 'Regiovisie 2027-2030',
        'legend.0.code': '1',
        'legend.0.label': 'Wijkteams versterken',
        councils: w.councilId,
        'bodies.0.name': 'Gemeenteraad Oostdorp',
        'bodies.0.recipients': 'griffie@oostdorp.example',
        action: 'start',
      },
    }),
    done: async () => undefined,
  },
  {
    name: 'web: a council member’s remark',
    route: 'POST /consultaties/:id/opmerkingen',
    prepare: async (w) => {
      const c = await openConsultation(w);
      return { method: 'POST', path: `/consultaties/${c.id}/opmerkingen`, cookie: await sessionOf(w, 'council_member'), form: { section: 'Hoofdstuk 2', text: 'Zorg voor nazorg.' }, dossierId: c.id };
    },
    done: async (w, id) => expect((await consultationOf(w, id)).participants[0].remarks.map((r: { text: string }) => r.text)).toContain('Zorg voor nazorg.'),
  },
  {
    name: 'web: save a response to a remark',
    route: 'POST /consultaties/:id/reacties/:remarkId',
    prepare: async (w) => {
      const c = await openConsultation(w);
      return {
        method: 'POST',
        path: `/consultaties/${c.id}/reacties/${c.remarks[0].id}`,
        cookie: await sessionOf(w, 'official'),
        form: { version: '0', text: 'Wij betrekken de huisartsen.', processing: '2', terug: '' },
        dossierId: c.id,
      };
    },
    done: async (w, id) => expect((await consultationOf(w, id)).participants[0].remarks[0].response).toMatchObject({ version: 1, text: 'Wij betrekken de huisartsen.' }),
  },
  {
    name: 'consultation: withhold a sent list from publication',
    route: 'PUT /api/v1/consultations/:id/publication',
    prepare: async (w) => {
      const c = await consultationIn(w, 'sent');
      return { method: 'PUT', path: `/api/v1/consultations/${c.id}/publication`, token: w.tokens.approver, body: { publish: false, reason: 'Noemt een inspreker bij naam.', ground: '5.1.2.e' }, dossierId: c.id };
    },
    done: async (w, id) => expect((await api('GET', `/api/v1/consultations/${id}/publication`, { token: w.tokens.official })).body).toMatchObject({ publish: false, public: false }),
  },
  {
    name: 'web: send the list',
    route: 'POST /consultaties/:id/verzenden',
    prepare: async (w) => {
      const c = await consultationIn(w, 'signed');
      return { method: 'POST', path: `/consultaties/${c.id}/verzenden`, cookie: await sessionOf(w, 'approver'), form: {}, dossierId: c.id };
    },
    done: async (w, id) => expect((await consultationOf(w, id)).status).toBe('sent'),
  },
];

/**
 * Write routes without a case above, each with the reason. A new write route must get a case or a
 * reason here, or the route-table test below fails.
 */
const NOT_EXERCISED: Record<string, string> = {
  'POST /api/v1/organisations': 'one INSERT batch; exercised through createWorld, and like the user and token cases',
  'PATCH /api/v1/organisations/:slug': 'a single UPDATE: atomic by itself',
  'POST /api/v1/organisations/:slug/councils': 'a single INSERT (with its audit row in the same batch)',
  'DELETE /api/v1/organisations/:slug/users/:userId/tokens/:tokenId': 'a single UPDATE (revocation): atomic by itself',
  'POST /api/v1/holidays': 'a single INSERT',
  'POST /api/v1/organisations/:slug/imports': 'R2 puts, then one batch (the import row and its audit entry); a failed batch leaves only objects nothing refers to',
  'POST /api/v1/webhooks/resend': 'one batch per event, applied once per svix-id (test/resend-webhook.test.ts)',
  'POST /adviezen/:id/bewerken': 'the same service and batch as “replace a draft”',
  'POST /adviezen/registreren': 'the import of POST …/imports behind a form (R2 puts, then one batch)',
  'POST /adviezen/nieuw/document': 'the import of POST …/imports behind a form (R2 puts, then one batch)',
  'POST /adviezen/:id/verzending/:mailId/opnieuw': 'the same service and batch as “retry a failed mail”',
  'POST /inloggen': 'rate-limit counters, then after the answer one batch (the link and its mail); a lost mail means asking again',
  'POST /inloggen/link': 'one batch: a conditional UPDATE spends the token and the user’s other unused links are voided; a lost answer means asking a new link',
  'POST /inloggen/demo': 'local development only',
  'POST /uitloggen': 'a single DELETE',
  'POST /adviezen/:id/ondertekenen':
    'the approval batch of “approve and sign” behind a passkey assertion, whose challenge is spent by the first post: a person retries from a fresh confirmation page (test/web-passkeys.test.ts)',
  'POST /inloggen/passkey': 'the challenge spent, then one batch (new session, audit); a failed post is a new ceremony from the page',
  'POST /inloggen/passkey/registreren': 'the challenge spent, then one batch (passkey, new session, audit); a failed post is a new ceremony from the page',
  'DELETE /api/v1/organisations/:slug/users/:userId/passkeys': 'one batch (passkeys, sessions and challenges deleted, audit row)',
  'POST /organisaties/:slug/beheer/gebruikers/:userId/passkeys': 'the passkey DELETE behind a form',
  'POST /organisaties/:slug/beheer': 'the organisation PATCH behind a form',
  'POST /organisaties/:slug/beheer/logo': 'R2 put, then a single UPDATE',
  'POST /organisaties/:slug/beheer/adviesraden/nieuw': 'the council POST behind a form',
  'POST /organisaties/:slug/beheer/adviesraden/:councilId': 'a single UPDATE',
  'POST /organisaties/:slug/beheer/gebruikers/nieuw': 'the user POST behind a form',
  'POST /adviezen/:id/openbaarmaking': 'the same service and batch as “withhold a sent dossier from publication”',
  'POST /consultaties/:id/openbaarmaking': 'the same service and batch as “consultation: withhold a sent list from publication”',
  'PUT /api/v1/organisations/:slug/publication-settings': 'one batch (the settings and their audit row)',
  'POST /organisaties/:slug/beheer/gebruikers/:userId': 'one batch (role, blocking; a new role revokes the user’s tokens; audit rows)',
  'POST /mijn/api-tokens': 'the challenge spent, then one batch (the token, the passkey’s counter, audit); a failed post is a new ceremony from the page',
  'POST /mijn/api-tokens/:tokenId/intrekken': 'one batch (the revocation and its audit row)',
  'POST /consultaties/:id/sluiten': 'the same service and batch as “consultation: close”',
  'POST /consultaties/:id/goedkeuring': 'the same service and batch as “consultation: request approval”',
  'POST /consultaties/:id/terugsturen': 'the same service and batch as “consultation: return”',
  'POST /consultaties/:id/ondertekenen':
    'the approval batch of “consultation: approve and sign the list” behind a passkey assertion, whose challenge is spent by the first post: a person retries from a fresh confirmation page (test/web-consultations.test.ts)',
};

/** SQL rows of a query, read straight from D1. */
async function rows<T = Record<string, unknown>>(sql: string, ...params: unknown[]) {
  return (await env.DB.prepare(sql).bind(...params).all<T>()).results;
}

/** Rules every dossier of an organisation keeps, whatever failed when: each query lists the offenders. */
const RULES: Record<string, string> = {
  'submitted without reference or dates': `SELECT id FROM advice WHERE org_id = ?1 AND status <> 'draft' AND (reference IS NULL OR received_on IS NULL OR due_on IS NULL)`,
  'a dossier without items, or with gaps in positions or numbers': `SELECT a.id FROM advice a LEFT JOIN (
       SELECT advice_id, count(*) AS n, min(position) AS lo, max(position) AS hi FROM advice_items GROUP BY advice_id
     ) i ON i.advice_id = a.id
     WHERE a.org_id = ?1 AND (i.n IS NULL OR i.lo <> 0 OR i.hi <> i.n - 1 OR EXISTS (
       SELECT 1 FROM advice_items x WHERE x.advice_id = a.id GROUP BY x.kind
       HAVING min(x.number) <> 1 OR max(x.number) <> count(*) OR count(DISTINCT x.number) <> count(*)))`,
  'a response without its revision': `SELECT r.item_id FROM responses r JOIN advice a ON a.id = r.advice_id WHERE a.org_id = ?1 AND NOT EXISTS (
       SELECT 1 FROM response_revisions v WHERE v.item_id = r.item_id AND v.version = r.version AND v.text = r.text AND v.status = r.status)`,
  'revisions that are not the chain 1..version of a response': `SELECT v.item_id FROM response_revisions v
     JOIN advice_items i ON i.id = v.item_id JOIN advice a ON a.id = i.advice_id LEFT JOIN responses r ON r.item_id = v.item_id
     WHERE a.org_id = ?1 GROUP BY v.item_id
     HAVING max(r.version) IS NULL OR count(*) <> max(r.version) OR min(v.version) <> 1 OR max(v.version) <> max(r.version)`,
  'responses on a dossier that is not being answered': `SELECT a.id FROM advice a WHERE a.org_id = ?1 AND a.status IN ('draft', 'submitted')
     AND EXISTS (SELECT 1 FROM responses r WHERE r.advice_id = a.id)`,
  'in progress without a response': `SELECT a.id FROM advice a WHERE a.org_id = ?1 AND a.status = 'in_progress'
     AND NOT EXISTS (SELECT 1 FROM responses r WHERE r.advice_id = a.id)`,
  'in review or signed with an unanswered item': `SELECT a.id FROM advice a WHERE a.org_id = ?1 AND a.status IN ('in_review', 'signed', 'sent') AND EXISTS (
       SELECT 1 FROM advice_items i LEFT JOIN responses r ON r.item_id = i.id WHERE i.advice_id = a.id AND r.item_id IS NULL)`,
  // Publication (Woo): public exactly when sent and not withheld, and the search index exactly the public rows.
  'sent and published, but not public': `SELECT id FROM advice WHERE org_id = ?1 AND status = 'sent'
     AND coalesce(json_extract(publication, '$.publish'), 1) = 1 AND id NOT IN (SELECT advice_id FROM public_advice)`,
  'public, but not sent and published': `SELECT p.advice_id FROM public_advice p JOIN advice a ON a.id = p.advice_id
     WHERE p.org_id = ?1 AND (a.status <> 'sent' OR coalesce(json_extract(a.publication, '$.publish'), 1) <> 1)`,
  'search index not matching the public list': `SELECT p.advice_id FROM public_advice p WHERE p.org_id = ?1 AND p.seq NOT IN (SELECT rowid FROM public_search)
     UNION ALL SELECT s.rowid FROM public_search s WHERE s.rowid NOT IN (SELECT seq FROM public_advice)`,
  // The figures' day of sending and the letter's counts are written with the status, never apart.
  'sent without its day, or a day without being sent': `SELECT id FROM advice WHERE org_id = ?1 AND (status = 'sent') <> (sent_on IS NOT NULL)`,
  'sent counts that are not the responses': `SELECT a.id FROM advice a WHERE a.org_id = ?1 AND a.status = 'sent'
     AND a.sent_adopted + a.sent_partly + a.sent_declined + a.sent_already_done + a.sent_answered <> (SELECT count(*) FROM responses r WHERE r.advice_id = a.id)`,
  // The figures' monthly summary is what the dossiers say (both ways: a row it lacks, a row it has too many).
  'monthly summary not matching the dossiers': `WITH d AS (
       SELECT substr(received_on, 1, 7) AS m, council_id AS c, coalesce(substr(sent_on, 1, 7), '') AS s, count(*) AS n, count(sent_on) AS sent,
         sum(sent_adopted) AS a, sum(sent_partly) AS p, sum(sent_declined) AS d, sum(sent_already_done) AS x, sum(sent_answered) AS q
       FROM advice WHERE org_id = ?1 AND received_on IS NOT NULL GROUP BY 1, 2, 3),
     f AS (SELECT received_month AS m, council_id AS c, sent_month AS s, received AS n, sent, adopted AS a, partly AS p, declined AS d, already_done AS x, answered AS q
       FROM figure_months WHERE org_id = ?1 AND received <> 0)
     SELECT * FROM (SELECT * FROM d EXCEPT SELECT * FROM f) UNION ALL SELECT * FROM (SELECT * FROM f EXCEPT SELECT * FROM d)`,
  'half signed': `SELECT id FROM advice WHERE org_id = ?1 AND (
       (status IN ('signed', 'sent') AND (snapshot IS NULL OR letter_sha256 IS NULL OR signed_at IS NULL OR signed_by IS NULL))
       OR (status NOT IN ('signed', 'sent') AND (snapshot IS NOT NULL OR letter_sha256 IS NOT NULL OR signed_at IS NOT NULL)))`,
};

/** Rules every consultation of an organisation keeps, whatever failed when: each query lists the offenders. */
const CONSULTATION_RULES: Record<string, string> = {
  'a consultation without participants or legend': `SELECT c.id FROM consultations c WHERE c.org_id = ?1 AND (json_array_length(c.legend) = 0
       OR NOT EXISTS (SELECT 1 FROM consultation_participants p WHERE p.consultation_id = c.id))`,
  'remarks not numbered 1..n': `SELECT m.consultation_id FROM consultation_remarks m JOIN consultations c ON c.id = m.consultation_id
     WHERE c.org_id = ?1 GROUP BY m.consultation_id HAVING min(m.number) <> 1 OR max(m.number) <> count(*) OR count(DISTINCT m.number) <> count(*)`,
  'a response without its revision': `SELECT r.remark_id FROM consultation_responses r JOIN consultations c ON c.id = r.consultation_id WHERE c.org_id = ?1 AND NOT EXISTS (
       SELECT 1 FROM consultation_response_revisions v WHERE v.remark_id = r.remark_id AND v.version = r.version
         AND v.text IS r.text AND v.same_as IS r.same_as AND v.processing = r.processing)`,
  'revisions that are not the chain 1..version of a response': `SELECT v.remark_id FROM consultation_response_revisions v
     JOIN consultation_remarks m ON m.id = v.remark_id JOIN consultations c ON c.id = m.consultation_id
     LEFT JOIN consultation_responses r ON r.remark_id = v.remark_id
     WHERE c.org_id = ?1 GROUP BY v.remark_id
     HAVING max(r.version) IS NULL OR count(*) <> max(r.version) OR min(v.version) <> 1 OR max(v.version) <> max(r.version)`,
  'a response that is neither its own text nor a reference to one': `SELECT r.remark_id FROM consultation_responses r JOIN consultations c ON c.id = r.consultation_id
     WHERE c.org_id = ?1 AND ((r.text IS NULL) = (r.same_as IS NULL) OR (r.same_as IS NOT NULL AND NOT EXISTS (
       SELECT 1 FROM consultation_responses t WHERE t.remark_id = r.same_as AND t.text IS NOT NULL)))`,
  'in review or signed with an unanswered remark': `SELECT c.id FROM consultations c WHERE c.org_id = ?1 AND c.status IN ('in_review', 'signed', 'sent') AND EXISTS (
       SELECT 1 FROM consultation_remarks m LEFT JOIN consultation_responses r ON r.remark_id = m.id WHERE m.consultation_id = c.id AND r.remark_id IS NULL)`,
  'a list half signed': `SELECT id FROM consultations WHERE org_id = ?1 AND (
       (status IN ('signed', 'sent') AND (snapshot IS NULL OR list_sha256 IS NULL OR signed_at IS NULL OR signed_by IS NULL))
       OR (status NOT IN ('signed', 'sent') AND (snapshot IS NOT NULL OR list_sha256 IS NOT NULL OR signed_at IS NOT NULL)))`,
  // Publication (Woo): a list is public exactly when its consultation is sent and not withheld.
  'list sent and published, but not public': `SELECT id FROM consultations WHERE org_id = ?1 AND status = 'sent'
     AND coalesce(json_extract(publication, '$.publish'), 1) = 1 AND id NOT IN (SELECT consultation_id FROM public_consultations)`,
  'list public, but not sent and published': `SELECT p.consultation_id FROM public_consultations p JOIN consultations c ON c.id = p.consultation_id
     WHERE p.org_id = ?1 AND (c.status <> 'sent' OR coalesce(json_extract(c.publication, '$.publish'), 1) <> 1)`,
  'sent without the list mails, or list mails before sending': `SELECT c.id FROM consultations c WHERE c.org_id = ?1
     AND (c.status = 'sent') <> EXISTS (SELECT 1 FROM outbox o WHERE o.consultation_id = c.id AND o.kind = 'list')`,
};

/** A consultation's audit trail: one unbroken chain of transitions from open to its status, and its signed list stored. */
async function expectConsultationsConsistent(w: World) {
  const [trail, statuses, signed, ...broken] = (
    await env.DB.batch([
      env.DB.prepare(
        `SELECT l.entity_id, l.from_status, l.to_status FROM audit_log l JOIN consultations c ON c.id = l.entity_id
         WHERE c.org_id = ?1 AND l.entity = 'consultation' AND l.to_status IS NOT NULL ORDER BY l.id`,
      ).bind(w.orgId),
      env.DB.prepare(`SELECT id, status FROM consultations WHERE org_id = ?1`).bind(w.orgId),
      env.DB.prepare(`SELECT list_sha256 FROM consultations WHERE org_id = ?1 AND list_sha256 IS NOT NULL`).bind(w.orgId),
      ...Object.values(CONSULTATION_RULES).map((sql) => env.DB.prepare(sql).bind(w.orgId)),
    ])
  ).map((r) => r.results as any[]);
  const offenders: Record<string, unknown[]> = Object.fromEntries(Object.keys(CONSULTATION_RULES).map((rule, i) => [rule, broken[i]]));
  const chains = new Map<string, { from_status: string | null; to_status: string }[]>();
  for (const row of trail) chains.set(row.entity_id, [...(chains.get(row.entity_id) ?? []), row]);
  offenders['consultation audit trail not matching the transitions'] = statuses.filter(({ id, status }: { id: string; status: string }) => {
    const chain = chains.get(id) ?? [];
    if (chain[0]?.from_status !== null || chain[0]?.to_status !== 'open') return true;
    if (chain.some((row, i) => i > 0 && row.from_status !== chain[i - 1].to_status)) return true;
    return chain.at(-1)!.to_status !== status;
  });
  const stored = (await env.DOCUMENTS.list({ prefix: 'lists/' })).objects.map((o) => o.key);
  offenders['a signed list not stored'] = signed.filter((s: { list_sha256: string }) => !stored.includes(`lists/${s.list_sha256}.pdf`));
  expect(Object.fromEntries(Object.entries(offenders).filter(([, list]) => list.length))).toEqual({});
}

/** Never half a write: the rules above, gapless references, stored letters and unbroken audit trails. */
async function expectConsistent(w: World) {
  const org = w.orgId;
  const [refs, counters, signed, trail, statuses, ...broken] = (
    await env.DB.batch([
      env.DB.prepare(`SELECT reference FROM advice WHERE org_id = ?1 AND reference IS NOT NULL`).bind(org),
      env.DB.prepare(`SELECT year, last FROM reference_counters WHERE org_id = ?1`).bind(org),
      env.DB.prepare(`SELECT letter_sha256 FROM advice WHERE org_id = ?1 AND letter_sha256 IS NOT NULL`).bind(org),
      env.DB.prepare(
        `SELECT l.entity_id, l.from_status, l.to_status FROM audit_log l JOIN advice a ON a.id = l.entity_id
         WHERE a.org_id = ?1 AND l.entity = 'advice' AND l.to_status IS NOT NULL ORDER BY l.id`,
      ).bind(org),
      env.DB.prepare(`SELECT id, status FROM advice WHERE org_id = ?1`).bind(org),
      ...Object.values(RULES).map((sql) => env.DB.prepare(sql).bind(org)),
    ])
  ).map((r) => r.results as any[]);
  const offenders: Record<string, unknown[]> = Object.fromEntries(Object.keys(RULES).map((rule, i) => [rule, broken[i]]));

  // References: gapless 1..n, and the counter says n (no number taken without a dossier).
  const numbers = refs.map((r: { reference: string }) => Number(r.reference.slice(-5))).sort((a: number, b: number) => a - b);
  const gapless = numbers.join() === numbers.map((_: number, i: number) => i + 1).join() && (counters[0]?.last ?? 0) === numbers.length;
  offenders['references not gapless or not matching the counter'] = gapless ? [] : [{ numbers, counters }];

  // Signed letters are stored.
  const stored = (await env.DOCUMENTS.list()).objects.map((o) => o.key);
  offenders['signed without a stored letter'] = signed.filter((s: { letter_sha256: string }) => !stored.some((k) => k.includes(s.letter_sha256)));

  // The audit trail of each dossier is one unbroken chain of transitions ending in its status.
  const chains = new Map<string, { from_status: string | null; to_status: string }[]>();
  for (const row of trail) chains.set(row.entity_id, [...(chains.get(row.entity_id) ?? []), row]);
  offenders['audit trail not matching the transitions'] = statuses.filter(({ id, status }: { id: string; status: string }) => {
    const chain = chains.get(id) ?? [];
    // A dossier starts as a draft, or (registered from a received letter) submitted.
    if (chain[0]?.from_status !== null || !['draft', 'submitted'].includes(chain[0]?.to_status)) return true;
    if (chain.some((row, i) => i > 0 && row.from_status !== chain[i - 1].to_status)) return true;
    return chain.at(-1)!.to_status !== status;
  });

  expect(Object.fromEntries(Object.entries(offenders).filter(([, list]) => list.length))).toEqual({});
  await expectConsultationsConsistent(w);
}

const isWrite = (call: D1Call) => call.sql.some((s) => /^\s*(insert|update|delete)\b/i.test(s));

function expectCleanAnswer(res: { status: number; body: any; headers: Headers }, what: string, web = false) {
  if (res.status < 400 && (web || res.status < 300)) return;
  if (web) {
    // The web's answer: a page in Dutch saying the service is briefly unavailable.
    expect(res.status, `${what}: ${String(res.body).slice(0, 300)}`).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(String(res.body)).toContain(nl.problems.unavailable);
    return;
  }
  expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(503);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status: 503, title: 'Service Unavailable', detail: expect.any(String) });
}

describe('transient D1 errors', () => {
  it('recognises D1’s transient messages, also wrapped by drizzle, and nothing else', () => {
    for (const message of TRANSIENT_D1_MESSAGES) {
      expect(isTransientD1Error(transientD1Error(message)), message).toBe(true);
      const wrapped = Object.assign(new Error(`Failed query: select 1\nparams: `), { query: 'select 1', params: [], cause: transientD1Error(message) });
      expect(isTransientD1Error(wrapped), `wrapped ${message}`).toBe(true);
    }
    for (const message of [
      'D1_ERROR: UNIQUE constraint failed: organisations.slug: SQLITE_CONSTRAINT',
      'D1_ERROR: no such column: reset_at: SQLITE_ERROR',
      'D1_ERROR: NOT NULL constraint failed: batch_guard.ok: SQLITE_CONSTRAINT',
      'D1_TYPE_ERROR: Type undefined not supported for value undefined',
    ]) {
      expect(isTransientD1Error(new Error(message)), message).toBe(false);
    }
    // A user's text in drizzle's message (the query's parameters) does not make an error transient.
    const mention = Object.assign(new Error('Failed query: insert …\nparams: Network connection lost.'), {
      query: 'insert …',
      params: ['Network connection lost.'],
      cause: new Error('D1_ERROR: UNIQUE constraint failed: x'),
    });
    expect(isTransientD1Error(mention)).toBe(false);
  });
});

describe('the readiness check', () => {
  it('answers 200 while the database answers, and a clean 503 problem when it does not', async () => {
    const ok = await fetchWith(probeD1(env.DB).db, 'GET', '/api/v1/health/database');
    expect(ok).toMatchObject({ status: 200, body: { status: 'ok' } });
    const down = probeD1(env.DB, {
      before: () => {
        throw transientD1Error();
      },
    });
    const res = await fetchWith(down.db, 'GET', '/api/v1/health/database');
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(down.calls).toHaveLength(1);
    // Any other database failure is "not ready" too, not a 500.
    const broken = probeD1(env.DB, {
      before: () => {
        throw new Error('D1_ERROR: no such table');
      },
    });
    expect((await fetchWith(broken.db, 'GET', '/api/v1/health/database')).status).toBe(503);
  });
});

/**
 * A web session for the role's user (as signing in by mail would start it), last seen a little in
 * the future: so no run refreshes it (a write once a minute) and each run makes the same D1 calls.
 */
async function sessionOf(w: World, role: string) {
  // Approvers and admins: a session opened by the passkey ceremony (test/web-passkeys.test.ts covers the ceremony).
  const id = await startSession(createDb(env.DB), w.ids[role], Date.now(), undefined, { passkeyVerified: true });
  await env.DB.prepare('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?').bind(Date.now() + 10 * 60_000, await sha256Hex(id!)).run();
  return `__Host-session=${id}`;
}

/** One request of a case: an API call with its Idempotency-Key, or a web form post. */
function send(db: D1Database, req: Request, key: string) {
  if (isWeb(req)) return fetchWith(db, req.method, req.path, { form: req.form ?? {}, headers: { cookie: req.cookie!, accept: 'text/html' } });
  return fetchWith(db, req.method, req.path, { token: req.token, body: req.body, headers: { 'idempotency-key': key } });
}

describe('the fault cases', () => {
  it('exercise every write route, or say why not', () => {
    createApp();
    const writes = [...routePolicies.keys()].filter((k) => /^(POST|PUT|PATCH|DELETE) /.test(k));
    const exercised = new Set(CASES.map((c) => c.route));
    expect(writes.filter((k) => !exercised.has(k) && !(k in NOT_EXERCISED))).toEqual([]);
    expect(Object.keys(NOT_EXERCISED).filter((k) => !writes.includes(k)), 'stale entries').toEqual([]);
    expect(Object.keys(NOT_EXERCISED).filter((k) => exercised.has(k)), 'both exercised and excused').toEqual([]);
    expect([...exercised].filter((k) => !writes.includes(k)), 'cases for routes that do not exist').toEqual([]);
  });
});

describe('a D1 failure at every call of every write', () => {
  let w: World;
  beforeAll(async () => {
    // The idempotency table's occasional cleanup would add a call at random; it has its own test below.
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    w = await createWorld('FLT');
  });
  afterAll(() => vi.restoreAllMocks());

  for (const c of CASES) {
    it(c.name, async () => {
      // A clean run first, to learn the calls this write makes.
      const dry = await c.prepare(w);
      // The case exercises the route it names (the coverage test below trusts these names).
      const [method, pattern] = c.route.split(' ');
      expect(`${dry.method} ${dry.path.split('?')[0]}`).toMatch(new RegExp(`^${method} ${pattern.replace(/:[A-Za-z]+/g, '[^/]+')}$`));
      const counted = probeD1(env.DB);
      const clean = await send(counted.db, dry, crypto.randomUUID());
      expect(clean.status, JSON.stringify(clean.body).slice(0, 500)).toBeLessThan(isWeb(dry) ? 400 : 300);
      const calls = counted.calls;
      expect(calls.length).toBeGreaterThanOrEqual(2);

      const runs = calls.flatMap((call) => [{ at: call.index, mode: 'before' as const }, ...(isWrite(call) ? [{ at: call.index, mode: 'lost' as const }] : [])]);
      // The fixtures of all runs at once (they are independent); the runs themselves one by one.
      const fixtures = await Promise.all(runs.map(() => c.prepare(w)));
      const outcomes: string[] = [];
      for (const [n, { at, mode }] of runs.entries()) {
        const what = `${c.name}: call ${at} (${calls[at].kind} ${calls[at].sql[0].slice(0, 60)}) fails ${mode}`;
        const req = fixtures[n];
        const key = crypto.randomUUID();
        const fail = (call: D1Call) => {
          if (call.index === at) throw transientD1Error(TRANSIENT_D1_MESSAGES[n % TRANSIENT_D1_MESSAGES.length]);
        };
        const probe = probeD1(env.DB, mode === 'before' ? { before: fail } : { after: fail });
        const first = await send(probe.db, req, key);
        const web = isWeb(req);
        expectCleanAnswer(first, what, web);
        expect(probe.calls.length, `${what}: the failed call was reached`).toBeGreaterThan(at);
        await expectConsistent(w);
        expect(await rows(`SELECT state FROM idempotency_keys WHERE key = ? AND state = 'pending'`, key), `${what}: key left reserved`).toEqual([]);

        const retry = await send(env.DB, req, key);
        const ok = (status: number) => status < (web ? 400 : 300);
        if (web) {
          // A person posts the form again: it works, or (the first post landed) the page says why not.
          if (ok(first.status) || mode === 'before') expect(ok(retry.status) || (ok(first.status) && retry.status === 409), `${what}: retry ${retry.status}`).toBe(true);
          else expect(ok(retry.status) || retry.status === 409, `${what}: retry ${retry.status}`).toBe(true);
        } else if (ok(first.status)) {
          expect(retry.status, what).toBe(first.status);
          expect(retry.headers.get('idempotent-replayed'), what).toBe('true');
          expect(retry.body, what).toEqual(c.replayed ? c.replayed(first.body) : first.body);
        } else if (mode === 'before') {
          expect(retry.status, `${what}: retry ${JSON.stringify(retry.body)}`).toBeLessThan(300);
        } else {
          // The write landed and only its answer was lost: the retry sees it landed.
          expect([200, 201, 202, 409], `${what}: retry ${JSON.stringify(retry.body)}`).toContain(retry.status);
        }
        const id = req.dossierId ?? (retry.body?.id as string | undefined) ?? (first.body?.id as string | undefined);
        if (id) await c.done(w, id);
        outcomes.push(`${at}/${mode}: ${first.status} → ${retry.status}`);
      }
      // Every call failed once, and at least one failure was answered 503.
      expect(outcomes.some((o) => / 503 → /.test(o)), outcomes.join('\n')).toBe(true);
      await expectConsistent(w);
    }, 120_000);
  }
});

describe('the idempotency reservation', () => {
  it('a failing cleanup of old keys does not change the answer', async () => {
    const w = await createWorld('FLC');
    const d = await submittedDossier(w);
    const path = `/api/v1/advice/${d.id}/items/${d.items[0].id}/response`;
    const key = crypto.randomUUID();
    const spy = vi.spyOn(Math, 'random').mockReturnValue(0);
    try {
      const probe = probeD1(env.DB, {
        before: (call) => {
          if (call.sql.some((s) => /^delete from "idempotency_keys" where "idempotency_keys"."created_at" </i.test(s))) throw transientD1Error();
        },
      });
      const res = await fetchWith(probe.db, 'PUT', path, { token: w.tokens.official, body: answer('question', 0), headers: { 'idempotency-key': key } });
      expect(res.status).toBe(200);
      expect(probe.calls.some((c) => /^delete/i.test(c.sql[0]))).toBe(true);
    } finally {
      spy.mockRestore();
    }
    const replay = await api('PUT', path, { token: w.tokens.official, body: answer('question', 0), headers: { 'idempotency-key': key } });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
  });

  it('a reservation left by a request that died is taken over after its lease, not before', async () => {
    const w = await createWorld('FLL');
    const d = await submittedDossier(w);
    const path = `/api/v1/advice/${d.id}/items/${d.items[0].id}/response`;
    const body = answer('question', 0);
    const requestHash = await sha256Hex(`PUT ${path}\n${JSON.stringify(body)}`);
    const reserve = (key: string, createdAt: number) =>
      env.DB.prepare(`INSERT INTO idempotency_keys (principal, key, request_hash, state, created_at) VALUES (?, ?, ?, 'pending', ?)`)
        .bind(w.ids.official, key, requestHash, createdAt)
        .run();

    await reserve('recent', Date.now() - 1000);
    const busy = await api('PUT', path, { token: w.tokens.official, body, headers: { 'idempotency-key': 'recent' } });
    expect(busy.status).toBe(409);

    await reserve('abandoned', Date.now() - PENDING_LEASE_MS - 1000);
    const taken = await api('PUT', path, { token: w.tokens.official, body, headers: { 'idempotency-key': 'abandoned' } });
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    const replay = await api('PUT', path, { token: w.tokens.official, body, headers: { 'idempotency-key': 'abandoned' } });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(taken.body);
  });
});

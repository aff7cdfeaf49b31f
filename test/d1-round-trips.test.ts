import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, adviceInput, api, createWorld, submittedDossier, type World, fetchWith, probeD1, mailsOf, signedDossier, signInByLink, signInByMail, DEVELOPMENT, consultationBody, consultationIn } from './support';
import { createApp } from '../worker/app';
import { routePolicies } from '../worker/routing';
import type { Env } from '../worker/env';

/**
 * D1 round trips per request, counted on the binding itself. Every read (API, and the web pages
 * once they exist) costs at most MAX round trips, and the same for a small and a large dossier:
 * a read whose cost grows with the items is an N+1 query.
 *
 * `npm run bench` reads the counts recorded in `task.meta` from this file's JSON report.
 */
const MAX = 3;
/**
 * Tighter ceilings for the hot paths: the dossier is read in the same batch as the caller's token
 * or session (worker/routing.ts: what a route loads), and a response is saved with one more batch.
 */
const HOT_READS: Record<string, number> = {
  'GET /api/v1/advice/:id': 1,
  'GET /adviezen/:id': 1,
  'GET /adviezen/:id/bewerken': 1,
  'GET /adviezen/:id/brief.pdf': 1,
  // The public archive: the organisation and the page (or the search) in one batch (issue 15: at most 2).
  'GET /api/v1/public/:slug/advice': 1,
  'GET /api/v1/public/:slug/advice/:id': 1,
  'GET /openbaar/:slug': 1,
  'GET /openbaar/:slug/:id': 1,
  'GET /api/v1/public/:slug/consultations': 1,
  'GET /api/v1/public/:slug/consultations/:id': 1,
  'GET /openbaar/:slug/consultaties': 1,
  'GET /openbaar/:slug/consultaties/:id': 1,
  // The figures: the credential, then one batch of aggregates (whatever the period's length).
  'GET /api/v1/organisations/:slug/stats': 2,
  'GET /overzicht': 2,
  'GET /overzicht.csv': 2,
  // The whole consultation is one statement, read in the credential's batch (routing.ts, load 'consultation').
  'GET /api/v1/consultations/:id': 1,
  'GET /consultaties/:id/beantwoorden': 1,
};
const HOT_WRITES: Record<string, number> = {
  'PUT /api/v1/advice/:id/items/:itemId/response': 2,
  // The credential with the consultation's row (for the policy), then the guarded write batch.
  'PUT /api/v1/consultations/:id/remarks/:remarkId/response': 2,
};

type Fixture = {
  w: World;
  dossier: { id: string; items: { id: string; kind: string }[] };
  draftId: string;
  sentId: string;
  mailId: string;
  letterMailId: string;
  cookies: Record<'official' | 'approver' | 'admin' | 'council_member' | 'council_secretary', string>;
  /** An approver after the e-mail link, before the passkey step. */
  pendingApprover: string;
  /** A letter the official read (issue 14), and a dossier registered from another. */
  importId: string;
  sourcedId: string;
  /** An open consultation with as many remarks as the dossier has items, half of them answered; one in review; one sent (public). */
  consultation: { id: string; inReview: string; sent: string };
};
type Read = (f: Fixture) => { path: string; token?: string; cookie?: string; expect?: number; env?: Partial<Env> };

/** One request per GET route of the app. A new GET route without an entry here fails the test below. */
const READS: Record<string, Read> = {
  'GET /api/v1/health': () => ({ path: '/api/v1/health' }),
  'GET /api/v1/health/database': () => ({ path: '/api/v1/health/database' }),
  'GET /api/v1/openapi.json': () => ({ path: '/api/v1/openapi.json' }),
  'GET /api/v1/organisations': () => ({ path: '/api/v1/organisations', token: ADMIN }),
  'GET /api/v1/organisations/:slug': ({ w }) => ({ path: `/api/v1/organisations/${w.slug}`, token: w.tokens.official }),
  'GET /api/v1/organisations/:slug/councils': ({ w }) => ({ path: `/api/v1/organisations/${w.slug}/councils`, token: w.tokens.official }),
  'GET /api/v1/organisations/:slug/users': ({ w }) => ({ path: `/api/v1/organisations/${w.slug}/users`, token: w.tokens.admin }),
  'GET /api/v1/organisations/:slug/advice': ({ w }) => ({ path: `/api/v1/organisations/${w.slug}/advice`, token: w.tokens.official }),
  'GET /api/v1/advice/:id': ({ w, dossier }) => ({ path: `/api/v1/advice/${dossier.id}`, token: w.tokens.official }),
  // Before signing the letter is a concept rendered from the dossier; the reads are the same.
  'GET /api/v1/advice/:id/letter.html': ({ w, dossier }) => ({ path: `/api/v1/advice/${dossier.id}/letter.html`, token: w.tokens.official }),
  'GET /api/v1/advice/:id/letter.pdf': ({ w, dossier }) => ({ path: `/api/v1/advice/${dossier.id}/letter.pdf`, token: w.tokens.official }),
  'GET /api/v1/verify': () => ({ path: `/api/v1/verify?sha256=${'a'.repeat(64)}` }),
  'GET /verify': () => ({ path: `/verify?sha256=${'a'.repeat(64)}` }),
  'GET /api/v1/advice/:id/deliveries': ({ w, dossier }) => ({ path: `/api/v1/advice/${dossier.id}/deliveries`, token: w.tokens.official }),
  // The local mailbox exists in local development only.
  'GET /api/v1/dev/outbox': () => ({ path: '/api/v1/dev/outbox', env: DEVELOPMENT }),
  'GET /api/v1/dev/outbox/:id': ({ mailId }) => ({ path: `/api/v1/dev/outbox/${mailId}`, env: DEVELOPMENT }),
  'GET /api/v1/dev/outbox/:id/attachments/:n': ({ letterMailId }) => ({ path: `/api/v1/dev/outbox/${letterMailId}/attachments/0`, env: DEVELOPMENT }),
  'GET /dev/outbox': () => ({ path: '/dev/outbox', env: DEVELOPMENT }),
  'GET /dev/outbox/:id': ({ mailId }) => ({ path: `/dev/outbox/${mailId}`, env: DEVELOPMENT }),
  'GET /dev/outbox/:id/html': ({ mailId }) => ({ path: `/dev/outbox/${mailId}/html`, env: DEVELOPMENT }),
  // Web pages, each as the user who works on it (signed in through the e-mail link).
  'GET /': ({ cookies }) => ({ path: '/', cookie: cookies.official, expect: 303 }),
  'GET /login': () => ({ path: '/login', expect: 303 }),
  'GET /inloggen': () => ({ path: '/inloggen' }),
  'GET /inloggen/link': () => ({ path: '/inloggen/link?token=onbekend', expect: 400 }),
  // The passkey step: a challenge stored and the user's passkeys read in one batch.
  'GET /inloggen/passkey': ({ pendingApprover }) => ({ path: '/inloggen/passkey', cookie: pendingApprover }),
  'GET /adviezen': ({ cookies }) => ({ path: '/adviezen', cookie: cookies.official }),
  'GET /adviezen/nieuw': ({ cookies }) => ({ path: '/adviezen/nieuw', cookie: cookies.council_member }),
  'GET /adviezen/:id/bewerken': ({ cookies, draftId }) => ({ path: `/adviezen/${draftId}/bewerken`, cookie: cookies.council_member }),
  'GET /adviezen/:id': ({ cookies, dossier }) => ({ path: `/adviezen/${dossier.id}`, cookie: cookies.official }),
  'GET /adviezen/:id/indienen': ({ cookies, draftId }) => ({ path: `/adviezen/${draftId}/indienen`, cookie: cookies.council_secretary }),
  'GET /adviezen/:id/ondertekenen': ({ cookies, dossier }) => ({ path: `/adviezen/${dossier.id}/ondertekenen`, cookie: cookies.approver, expect: 303 }),
  // The signed letter as the council downloads it once it has been sent.
  'GET /adviezen/:id/brief.pdf': ({ cookies, sentId }) => ({ path: `/adviezen/${sentId}/brief.pdf`, cookie: cookies.council_member }),
  // The framed letter: a concept rendered from the dossier for staff before signing.
  'GET /adviezen/:id/brief.html': ({ cookies, dossier }) => ({ path: `/adviezen/${dossier.id}/brief.html`, cookie: cookies.official }),
  'GET /organisaties/:slug/beheer': ({ cookies, w }) => ({ path: `/organisaties/${w.slug}/beheer`, cookie: cookies.admin }),
  'GET /mijn/api-tokens': ({ cookies }) => ({ path: '/mijn/api-tokens', cookie: cookies.approver }),
  'GET /organisaties/:slug/beheer/adviesraden': ({ cookies, w }) => ({ path: `/organisaties/${w.slug}/beheer/adviesraden`, cookie: cookies.admin }),
  'GET /organisaties/:slug/beheer/adviesraden/nieuw': ({ cookies, w }) => ({ path: `/organisaties/${w.slug}/beheer/adviesraden/nieuw`, cookie: cookies.admin }),
  'GET /organisaties/:slug/beheer/adviesraden/:councilId': ({ cookies, w }) => ({ path: `/organisaties/${w.slug}/beheer/adviesraden/${w.councilId}`, cookie: cookies.admin }),
  'GET /organisaties/:slug/beheer/gebruikers': ({ cookies, w }) => ({ path: `/organisaties/${w.slug}/beheer/gebruikers`, cookie: cookies.admin }),
  'GET /organisaties/:slug/beheer/gebruikers/nieuw': ({ cookies, w }) => ({ path: `/organisaties/${w.slug}/beheer/gebruikers/nieuw`, cookie: cookies.admin }),
  'GET /organisaties/:slug/beheer/gebruikers/:userId': ({ cookies, w }) => ({ path: `/organisaties/${w.slug}/beheer/gebruikers/${w.ids.official}`, cookie: cookies.admin }),
  'GET /organisaties/:slug/logo': ({ w }) => ({ path: `/organisaties/${w.slug}/logo`, expect: 404 }),
  // Importing and registering a letter (issue 14): the originals come from R2, not D1.
  'GET /api/v1/imports/:id/file': ({ w, importId }) => ({ path: `/api/v1/imports/${importId}/file`, token: w.tokens.official }),
  'GET /api/v1/advice/:id/source': ({ w, sourcedId }) => ({ path: `/api/v1/advice/${sourcedId}/source`, token: w.tokens.council_member }),
  'GET /adviezen/registreren': ({ cookies }) => ({ path: '/adviezen/registreren', cookie: cookies.official }),
  'GET /adviezen/registreren/:importId': ({ cookies, importId }) => ({ path: `/adviezen/registreren/${importId}`, cookie: cookies.official }),
  'GET /documenten/:importId': ({ cookies, importId }) => ({ path: `/documenten/${importId}`, cookie: cookies.official }),
  'GET /adviezen/:id/origineel': ({ cookies, sourcedId }) => ({ path: `/adviezen/${sourcedId}/origineel`, cookie: cookies.council_member }),
  // Publication (Woo): the decision, and the public archive (the sent dossier is public), read by anyone.
  'GET /api/v1/advice/:id/publication': ({ w, dossier }) => ({ path: `/api/v1/advice/${dossier.id}/publication`, token: w.tokens.official }),
  'GET /api/v1/organisations/:slug/publication-settings': ({ w }) => ({ path: `/api/v1/organisations/${w.slug}/publication-settings`, token: w.tokens.admin }),
  'GET /api/v1/public/:slug/advice': ({ w }) => ({ path: `/api/v1/public/${w.slug}/advice?q=wijkgericht` }),
  'GET /api/v1/public/:slug/advice/:id': ({ w, sentId }) => ({ path: `/api/v1/public/${w.slug}/advice/${sentId}` }),
  'GET /api/v1/public/:slug/advice/:id/letter.pdf': ({ w, sentId }) => ({ path: `/api/v1/public/${w.slug}/advice/${sentId}/letter.pdf` }),
  'GET /robots.txt': () => ({ path: '/robots.txt' }),
  'GET /openbaar/:slug': ({ w }) => ({ path: `/openbaar/${w.slug}?q=wijkgericht` }),
  'GET /openbaar/:slug/feed.xml': ({ w }) => ({ path: `/openbaar/${w.slug}/feed.xml` }),
  'GET /openbaar/:slug/sitemapindex-diwoo-infocat010.xml': ({ w }) => ({ path: `/openbaar/${w.slug}/sitemapindex-diwoo-infocat010.xml` }),
  'GET /openbaar/:slug/sitemaps/:file': ({ w }) => ({ path: `/openbaar/${w.slug}/sitemaps/${new Date().getFullYear()}.xml` }),
  'GET /openbaar/:slug/:id': ({ w, sentId }) => ({ path: `/openbaar/${w.slug}/${sentId}` }),
  'GET /openbaar/:slug/:id/advies': ({ w, sentId }) => ({ path: `/openbaar/${w.slug}/${sentId}/advies` }),
  'GET /openbaar/:slug/:id/reactie.pdf': ({ w, sentId }) => ({ path: `/openbaar/${w.slug}/${sentId}/reactie.pdf` }),
  'GET /api/v1/organisations/:slug/stats': ({ w }) => ({ path: `/api/v1/organisations/${w.slug}/stats?from=2000-01-01&to=2099-12-31`, token: w.tokens.official }),
  'GET /overzicht': ({ cookies }) => ({ path: '/overzicht?van=&tot=', cookie: cookies.official }),
  'GET /overzicht.csv': ({ cookies }) => ({ path: '/overzicht.csv', cookie: cookies.council_member }),
  // Consultations: a whole consultation is one statement, whatever its number of remarks.
  'GET /api/v1/organisations/:slug/consultations': ({ w }) => ({ path: `/api/v1/organisations/${w.slug}/consultations`, token: w.tokens.official }),
  'GET /api/v1/consultations/:id': ({ w, consultation }) => ({ path: `/api/v1/consultations/${consultation.id}`, token: w.tokens.official }),
  'GET /api/v1/consultations/:id/list.pdf': ({ w, consultation }) => ({ path: `/api/v1/consultations/${consultation.id}/list.pdf`, token: w.tokens.official }),
  'GET /api/v1/consultations/:id/list.html': ({ w, consultation }) => ({ path: `/api/v1/consultations/${consultation.id}/list.html`, token: w.tokens.official }),
  'GET /consultaties': ({ cookies }) => ({ path: '/consultaties', cookie: cookies.official }),
  'GET /consultaties/nieuw': ({ cookies }) => ({ path: '/consultaties/nieuw', cookie: cookies.official }),
  'GET /consultaties/:id': ({ cookies, consultation }) => ({ path: `/consultaties/${consultation.id}`, cookie: cookies.official }),
  'GET /consultaties/:id/opmerkingen': ({ cookies, consultation }) => ({ path: `/consultaties/${consultation.id}/opmerkingen`, cookie: cookies.official }),
  // The answering page: the remarks, their responses and the look-alikes (computed in the Worker).
  'GET /consultaties/:id/beantwoorden': ({ cookies, consultation }) => ({ path: `/consultaties/${consultation.id}/beantwoorden`, cookie: cookies.official }),
  'GET /consultaties/:id/lijst.html': ({ cookies, consultation }) => ({ path: `/consultaties/${consultation.id}/lijst.html`, cookie: cookies.official }),
  'GET /consultaties/:id/lijst.pdf': ({ cookies, consultation }) => ({ path: `/consultaties/${consultation.id}/lijst.pdf`, cookie: cookies.official }),
  // The confirmation: the list as it would be signed, and a challenge stored with the approver's passkeys.
  'GET /consultaties/:id/ondertekenen': ({ cookies, consultation }) => ({ path: `/consultaties/${consultation.inReview}/ondertekenen`, cookie: cookies.approver }),
  // Publication of the signed list: the decision, and the public archive's lists (the sent one is public).
  'GET /api/v1/consultations/:id/publication': ({ w, consultation }) => ({ path: `/api/v1/consultations/${consultation.id}/publication`, token: w.tokens.official }),
  'GET /api/v1/public/:slug/consultations': ({ w }) => ({ path: `/api/v1/public/${w.slug}/consultations` }),
  'GET /api/v1/public/:slug/consultations/:id': ({ w, consultation }) => ({ path: `/api/v1/public/${w.slug}/consultations/${consultation.sent}` }),
  'GET /api/v1/public/:slug/consultations/:id/list.pdf': ({ w, consultation }) => ({ path: `/api/v1/public/${w.slug}/consultations/${consultation.sent}/list.pdf` }),
  'GET /openbaar/:slug/consultaties': ({ w }) => ({ path: `/openbaar/${w.slug}/consultaties` }),
  'GET /openbaar/:slug/consultaties/:id': ({ w, consultation }) => ({ path: `/openbaar/${w.slug}/consultaties/${consultation.sent}` }),
  'GET /openbaar/:slug/consultaties/:id/lijst.pdf': ({ w, consultation }) => ({ path: `/openbaar/${w.slug}/consultaties/${consultation.sent}/lijst.pdf` }),
};

const items = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    kind: (i % 4 === 0 ? 'question' : 'advice') as 'question' | 'advice',
    section: `Thema ${Math.floor(i / 10) + 1}`,
    text: `Onderdeel ${i + 1}: de adviesraad vraagt aandacht voor de bereikbaarheid van het wijkteam.`,
  }));

/** A world with one submitted dossier of `n` items, every item answered. */
async function fixture(n: number, extraDossiers: number): Promise<Fixture> {
  const w = await createWorld('RTT');
  const dossier = await submittedDossier(w, items(n));
  // Answered concurrently in small groups: the answers are fixtures, their speed is not measured here.
  for (let i = 0; i < dossier.items.length; i += 25) {
    await Promise.all(
      dossier.items.slice(i, i + 25).map(async (item) => {
        const body = { text: `Reactie ${item.id.slice(0, 6)}.`, status: item.kind === 'question' ? 'answered' : 'partly', version: 0 };
        const r = await api('PUT', `/api/v1/advice/${dossier.id}/items/${item.id}/response`, { token: w.tokens.official, body });
        if (r.status !== 200) throw new Error(`response: ${r.status} ${JSON.stringify(r.body)}`);
      }),
    );
  }
  for (let i = 0; i < extraDossiers; i++) await submittedDossier(w);
  // A mail of this dossier (its acknowledgement) and a sent letter with its PDF attached.
  const [ack] = await mailsOf(dossier.id);
  const sent = await signedDossier(w);
  await api('POST', `/api/v1/advice/${sent.id}/send`, { token: w.tokens.official });
  const letterMail = (await mailsOf(sent.id)).find((m) => m.kind === 'letter')!;
  const draft = await api('POST', `/api/v1/organisations/${w.slug}/advice`, { token: w.tokens.council_member, body: adviceInput(w.councilId) });
  const cookies = {} as Fixture['cookies'];
  for (const role of ['official', 'approver', 'admin', 'council_member', 'council_secretary'] as const) cookies[role] = await signInByMail(`${role}@${w.slug}.example`);
  const pendingApprover = await signInByLink(`approver2@${w.slug}.example`);
  const letter = () =>
    api('POST', `/api/v1/organisations/${w.slug}/imports`, { token: w.tokens.official, raw: new TextEncoder().encode('Geacht college,\n\nAdvies 1: Plant meer bomen.\n'), headers: { 'content-type': 'text/plain' } });
  const [imported, registered] = await Promise.all([letter(), letter()]);
  const sourced = await api('POST', `/api/v1/organisations/${w.slug}/advice/register`, { token: w.tokens.official, body: { ...adviceInput(w.councilId), importId: registered.body.id } });
  if (sourced.status !== 201) throw new Error(`register: ${sourced.status} ${JSON.stringify(sourced.body)}`);
  const consultation = { id: await consultationOf(w, n, 'open'), inReview: await consultationOf(w, 5, 'in_review'), sent: (await consultationIn(w, 'sent')).id };
  return {
    w,
    dossier,
    draftId: draft.body.id,
    sentId: sent.id,
    mailId: ack.id,
    letterMailId: letterMail.id,
    cookies,
    pendingApprover,
    importId: imported.body.id,
    sourcedId: sourced.body.id,
    consultation,
  };
}

/** A consultation of `n` remarks (from its three participants in turn, some alike), half answered; or `in_review` with all answered. */
async function consultationOf(w: World, n: number, state: 'open' | 'in_review') {
  const ok = async (res: Promise<{ status: number; body: any }>) => {
    const r = await res;
    if (r.status >= 300) throw new Error(`consultation fixture: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const c = await ok(api('POST', `/api/v1/organisations/${w.slug}/consultations`, { token: w.tokens.official, body: consultationBody(w) }));
  const remark = (i: number) =>
    ok(
      api('POST', `/api/v1/consultations/${c.id}/remarks`, {
        token: w.tokens.official,
        body: { participantId: c.participants[i % 3].id, text: `Opmerking ${i + 1}: betrek de huisartsen en de wijkteams bij het signaleren in kern ${i % 7}.`, section: `Hoofdstuk ${(i % 5) + 1}` },
      }),
    ) as Promise<{ id: string }>;
  const remarks: { id: string }[] = [];
  for (let i = 0; i < n; i += 25) remarks.push(...(await Promise.all(Array.from({ length: Math.min(25, n - i) }, (_, k) => remark(i + k)))));
  const answered = state === 'open' ? remarks.filter((_, i) => i % 2 === 0) : remarks;
  for (let i = 0; i < answered.length; i += 25) {
    await Promise.all(
      answered.slice(i, i + 25).map((r) => ok(api('PUT', `/api/v1/consultations/${c.id}/remarks/${r.id}/response`, { token: w.tokens.official, body: { text: 'Wij nemen dit mee in de werkgroep.', processing: ['1'], version: 0 } }))),
    );
  }
  if (state === 'in_review') {
    await ok(api('POST', `/api/v1/consultations/${c.id}/close`, { token: w.tokens.official }));
    await ok(api('POST', `/api/v1/consultations/${c.id}/request-approval`, { token: w.tokens.official }));
  }
  return c.id as string;
}

async function roundTrips(f: Fixture, read: Read) {
  const { path, token, cookie, expect: status = 200, env: bindings } = read(f);
  const probe = probeD1(env.DB);
  const res = await fetchWith(probe.db, 'GET', path, { token, env: bindings, headers: cookie ? { cookie, accept: 'text/html' } : { accept: 'text/html' } });
  expect(res.status, `${path}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(status);
  return probe.calls.length;
}

describe('D1 round trips per request', () => {
  let small: Fixture;
  let large: Fixture;
  beforeAll(async () => {
    [small, large] = await Promise.all([fixture(10, 0), fixture(200, 5)]);
  }, 120_000);

  it('has a measured request for every GET route', () => {
    createApp();
    const gets = [...routePolicies.keys()].filter((k) => k.startsWith('GET '));
    expect(
      gets.filter((k) => !(k in READS)),
      'GET routes without an entry in READS (test/d1-round-trips.test.ts)',
    ).toEqual([]);
  });

  it(`costs every read at most ${MAX} round trips, the same for 10 and 200 items`, async ({ task }) => {
    const counts: Record<string, { items10: number; items200: number }> = {};
    for (const [route, read] of Object.entries(READS)) {
      counts[route] = { items10: await roundTrips(small, read), items200: await roundTrips(large, read) };
    }
    task.meta.d1RoundTrips = counts;
    for (const [route, c] of Object.entries(counts)) {
      expect(c.items10, route).toBeLessThanOrEqual(HOT_READS[route] ?? MAX);
      expect(c.items200, route).toBe(c.items10);
    }
    // The dossier read is the one that grows with items: it must really have read all 200.
    const read = await api('GET', `/api/v1/advice/${large.dossier.id}`, { token: large.w.tokens.official });
    expect(read.body.items).toHaveLength(200);
    expect(read.body.items.every((i: { response: unknown }) => i.response !== null)).toBe(true);
  });

  it('reports the cost of the cycle’s writes (no target; for the bench)', async ({ task }) => {
    const w = small.w;
    const count = async (method: string, path: string, token: string, body?: unknown, headers?: Record<string, string>) => {
      const probe = probeD1(env.DB);
      const res = await fetchWith(probe.db, method, path, { token, body, headers });
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
      return { status: res.status, roundTrips: probe.calls.length, res };
    };
    const created = await count('POST', `/api/v1/organisations/${w.slug}/advice`, w.tokens.council_member, adviceInput(w.councilId));
    const id = created.res.body.id as string;
    const itemIds = (created.res.body.items as { id: string }[]).map((i) => i.id);
    const writes = {
      'POST /api/v1/organisations/:slug/advice': created.roundTrips,
      'PUT /api/v1/advice/:id': (await count('PUT', `/api/v1/advice/${id}`, w.tokens.council_member, adviceInput(w.councilId))).roundTrips,
      'POST /api/v1/advice/:id/submit': (await count('POST', `/api/v1/advice/${id}/submit`, w.tokens.council_secretary)).roundTrips,
    } as Record<string, number>;
    const fresh = (await api('GET', `/api/v1/advice/${id}`, { token: w.tokens.official })).body.items as { id: string; kind: string }[];
    expect(fresh.map((i) => i.id)).toHaveLength(itemIds.length);
    const answer = (i: { kind: string }, version: number) => ({ text: 'Reactie.', status: i.kind === 'question' ? 'answered' : 'adopted', version });
    writes['PUT /api/v1/advice/:id/items/:itemId/response'] = (
      await count('PUT', `/api/v1/advice/${id}/items/${fresh[0].id}/response`, w.tokens.official, answer(fresh[0], 0))
    ).roundTrips;
    writes['PUT /api/v1/advice/:id/items/:itemId/response (Idempotency-Key)'] = (
      await count('PUT', `/api/v1/advice/${id}/items/${fresh[0].id}/response`, w.tokens.official, answer(fresh[0], 1), { 'idempotency-key': crypto.randomUUID() })
    ).roundTrips;
    for (const item of fresh.slice(1)) await api('PUT', `/api/v1/advice/${id}/items/${item.id}/response`, { token: w.tokens.official, body: answer(item, 0) });
    writes['POST /api/v1/advice/:id/request-approval'] = (await count('POST', `/api/v1/advice/${id}/request-approval`, w.tokens.official)).roundTrips;
    writes['POST /api/v1/advice/:id/return'] = (await count('POST', `/api/v1/advice/${id}/return`, w.tokens.approver, { comment: 'Graag aanvullen.' })).roundTrips;
    await api('POST', `/api/v1/advice/${id}/request-approval`, { token: w.tokens.official });
    writes['POST /api/v1/advice/:id/approve'] = (await count('POST', `/api/v1/advice/${id}/approve`, w.tokens.approver)).roundTrips;
    task.meta.d1WriteRoundTrips = writes;
    // The advice cycle's writes (the consultation's save is counted in the next test).
    for (const [route, max] of Object.entries(HOT_WRITES).filter(([route]) => route.includes('/advice/'))) expect(writes[route], route).toBeLessThanOrEqual(max);
  });

  it('saves a response in the same round trips on a 10-item and a 200-item dossier, and on a 10-remark and a 200-remark consultation', async ({ task }) => {
    // Every item of both dossiers was answered once (version 1); this answers the second again.
    const save = async (f: Fixture) => {
      const item = f.dossier.items[1];
      const body = { text: 'Reactie, herzien.', status: item.kind === 'question' ? 'answered' : 'adopted', version: 1 };
      const probe = probeD1(env.DB);
      const res = await fetchWith(probe.db, 'PUT', `/api/v1/advice/${f.dossier.id}/items/${item.id}/response`, { token: f.w.tokens.official, body });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return probe.calls.length;
    };
    // Half of each open consultation's remarks were answered once (version 1); this answers the first again.
    const saveRemark = async (f: Fixture) => {
      const read = await api('GET', `/api/v1/consultations/${f.consultation.id}`, { token: f.w.tokens.official });
      const remark = read.body.participants.flatMap((p: { remarks: { id: string; response: unknown }[] }) => p.remarks).find((r: { response: unknown }) => r.response);
      const probe = probeD1(env.DB);
      const res = await fetchWith(probe.db, 'PUT', `/api/v1/consultations/${f.consultation.id}/remarks/${remark.id}/response`, {
        token: f.w.tokens.official,
        body: { text: 'Reactie, herzien.', processing: ['1'], version: 1 },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return probe.calls.length;
    };
    const counts = {
      'PUT /api/v1/advice/:id/items/:itemId/response': { items10: await save(small), items200: await save(large) },
      'PUT /api/v1/consultations/:id/remarks/:remarkId/response': { items10: await saveRemark(small), items200: await saveRemark(large) },
    };
    task.meta.d1SaveRoundTrips = counts;
    for (const [route, c] of Object.entries(counts)) {
      expect(c.items10, route).toBeLessThanOrEqual(HOT_WRITES[route]);
      expect(c.items200, route).toBe(c.items10);
    }
  });
});

declare module 'vitest' {
  interface TaskMeta {
    d1RoundTrips?: Record<string, { items10: number; items200: number }>;
    d1WriteRoundTrips?: Record<string, number>;
    d1SaveRoundTrips?: Record<string, { items10: number; items200: number }>;
  }
}

describe('what a refused caller reads', () => {
  /** The rows each statement of the request's one batch returned: the credential's, then the dossier's (its items inside its row). */
  async function rowsRead(path: string, opts: { token?: string; cookie?: string }) {
    const rows: number[][] = [];
    const probe = probeD1(env.DB, {
      after: (call, result) => {
        if (call.kind === 'batch') rows.push((result as D1Result[]).map((r) => r.results.length));
      },
    });
    const res = await fetchWith(probe.db, 'GET', path, { token: opts.token, headers: opts.cookie ? { cookie: opts.cookie } : {} });
    return { status: res.status, rows };
  }

  it('reads the dossier with the credential, and nothing of it for a bad token, an expired session or another organisation', async () => {
    const w = await createWorld('RRD');
    const other = await createWorld('RRO');
    const d = await submittedDossier(w);
    // The token and the dossier, in one batch.
    expect(await rowsRead(`/api/v1/advice/${d.id}`, { token: w.tokens.official })).toEqual({ status: 200, rows: [[1, 1]] });
    expect(await rowsRead(`/api/v1/advice/${d.id}`, { token: 'not-a-token' })).toEqual({ status: 401, rows: [[0, 0]] });
    expect(await rowsRead(`/api/v1/advice/${d.id}`, { token: other.tokens.official })).toEqual({ status: 404, rows: [[1, 0]] });
    const cookie = await signInByMail(`official@${w.slug}.example`);
    expect((await rowsRead(`/adviezen/${d.id}`, { cookie })).rows[0]).toEqual([1, 1]);
    await env.DB.prepare('UPDATE sessions SET last_seen_at = 0').run();
    const expired = await rowsRead(`/adviezen/${d.id}`, { cookie });
    expect(expired.status).toBe(303);
    expect(expired.rows[0]).toEqual([1, 0]);
  });

  it('reads a consultation the same way: with the credential, and nothing of it for a bad token or another organisation', async () => {
    const w = await createWorld('RRC');
    const other = await createWorld('RRP');
    const started = await api('POST', `/api/v1/organisations/${w.slug}/consultations`, { token: w.tokens.official, body: consultationBody(w) });
    expect(started.status).toBe(201);
    const path = `/api/v1/consultations/${started.body.id}`;
    expect(await rowsRead(path, { token: w.tokens.official })).toEqual({ status: 200, rows: [[1, 1]] });
    expect(await rowsRead(path, { token: 'not-a-token' })).toEqual({ status: 401, rows: [[0, 0]] });
    expect(await rowsRead(path, { token: other.tokens.official })).toEqual({ status: 404, rows: [[1, 0]] });
    // A write on it: the row for the policy in the credential's batch, nothing for another organisation.
    const close = await fetchWith(probeD1(env.DB).db, 'POST', `${path}/close`, { token: other.tokens.official });
    expect(close.status).toBe(404);
  });
});

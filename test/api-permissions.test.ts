import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, adviceInput, answerAll, api, createWorld, organisationInput, submittedDossier, type World } from './helpers';
import { addCouncil, auditOf, draftDossier, inReviewDossier } from './support';
import { createApp } from '../worker/app';
import { routePolicies } from '../worker/routing';
import { env } from 'cloudflare:workers';
import { mailsOf, signedDossier } from './mail-helpers';

/** Who calls: nobody, the platform, each role of the organisation, another council's roles, another organisation's roles. */
const CALLERS = ['anon', 'platform', 'admin', 'official', 'approver', 'council_member', 'council_secretary', 'otherCouncil', 'otherOrg'] as const;
type Caller = (typeof CALLERS)[number];
type Call = { path: string; body?: unknown };
type Row = { setup: (w: World) => Promise<Call>; expected: number[] };

let w: World;
let other: World;
let second: Awaited<ReturnType<typeof addCouncil>>;

/** A setup that runs once per world and then returns the same call. */
function once(setup: (w: World) => Promise<Call>): (w: World) => Promise<Call> {
  const made = new Map<string, Promise<Call>>();
  return (x) => {
    if (!made.has(x.slug)) made.set(x.slug, setup(x));
    return made.get(x.slug)!;
  };
}
const uniq = () => crypto.randomUUID().slice(0, 8);
const submitted = async (x: World) => (await submittedDossier(x)).id;
const inProgress = async (x: World) => {
  const d = await submittedDossier(x);
  await answerAll(x, d);
  return d;
};

/**
 * The role × route table: the status each caller gets, in the order of CALLERS.
 * Every API route of the app must have a row (see the last test of this file).
 */
//                                                   anon plat  admin offi  appr  memb  secr  othC  othO
const TABLE: Record<string, Row> = {
  'GET /api/v1/openapi.json': { setup: async () => ({ path: '/api/v1/openapi.json' }), expected: [200, 200, 200, 200, 200, 200, 200, 200, 200] },
  'GET /api/v1/health': { setup: async () => ({ path: '/api/v1/health' }), expected: [200, 200, 200, 200, 200, 200, 200, 200, 200] },
  'POST /api/v1/organisations': {
    setup: async () => ({ path: '/api/v1/organisations', body: organisationInput(`perm-${uniq()}`, 'PRM') }),
    expected: [401, 201, 403, 403, 403, 403, 403, 403, 403],
  },
  'GET /api/v1/organisations': { setup: async () => ({ path: '/api/v1/organisations' }), expected: [401, 200, 403, 403, 403, 403, 403, 403, 403] },
  'GET /api/v1/organisations/:slug': { setup: async (x) => ({ path: `/api/v1/organisations/${x.slug}` }), expected: [401, 200, 200, 200, 200, 200, 200, 200, 404] },
  'PATCH /api/v1/organisations/:slug': {
    setup: async (x) => ({ path: `/api/v1/organisations/${x.slug}`, body: { contact: { name: 'K. Kok' } } }),
    expected: [401, 200, 200, 403, 403, 403, 403, 403, 404],
  },
  'POST /api/v1/organisations/:slug/councils': {
    setup: async (x) => ({ path: `/api/v1/organisations/${x.slug}/councils`, body: { name: 'Cliëntenraad', recipients: ['c@x.example'] } }),
    expected: [401, 201, 201, 403, 403, 403, 403, 403, 404],
  },
  'GET /api/v1/organisations/:slug/councils': {
    setup: async (x) => ({ path: `/api/v1/organisations/${x.slug}/councils` }),
    expected: [401, 200, 200, 200, 200, 200, 200, 200, 404],
  },
  'POST /api/v1/organisations/:slug/users': {
    setup: async (x) => ({ path: `/api/v1/organisations/${x.slug}/users`, body: { email: `u-${uniq()}@x.example`, name: 'Nieuw', role: 'official' } }),
    expected: [401, 201, 201, 403, 403, 403, 403, 403, 404],
  },
  'GET /api/v1/organisations/:slug/users': {
    setup: async (x) => ({ path: `/api/v1/organisations/${x.slug}/users` }),
    expected: [401, 200, 200, 403, 403, 403, 403, 403, 404],
  },
  'POST /api/v1/organisations/:slug/users/:userId/tokens': {
    setup: async (x) => ({ path: `/api/v1/organisations/${x.slug}/users/${x.ids.official2}/tokens` }),
    expected: [401, 201, 201, 403, 403, 403, 403, 403, 404],
  },
  'DELETE /api/v1/organisations/:slug/users/:userId/tokens/:tokenId': {
    setup: async (x) => {
      const t = await api('POST', `/api/v1/organisations/${x.slug}/users/${x.ids.official2}/tokens`, { token: ADMIN });
      return { path: `/api/v1/organisations/${x.slug}/users/${x.ids.official2}/tokens/${t.body.id}` };
    },
    expected: [401, 204, 204, 403, 403, 403, 403, 403, 404],
  },
  'DELETE /api/v1/organisations/:slug/users/:userId/passkeys': {
    setup: async (x) => ({ path: `/api/v1/organisations/${x.slug}/users/${x.ids.approver2}/passkeys` }),
    expected: [401, 204, 204, 403, 403, 403, 403, 403, 404],
  },
  'POST /api/v1/holidays': {
    // Scoped to the organisation and long ago, so that no other test's due date moves.
    setup: async (x) => ({ path: '/api/v1/holidays', body: { date: '1999-06-01', name: 'Sluitingsdag', orgSlug: x.slug } }),
    expected: [401, 201, 403, 403, 403, 403, 403, 403, 403],
  },
  'POST /api/v1/organisations/:slug/advice': {
    setup: async (x) => ({ path: `/api/v1/organisations/${x.slug}/advice`, body: adviceInput(x.councilId) }),
    expected: [401, 403, 403, 403, 403, 201, 201, 403, 404],
  },
  'GET /api/v1/organisations/:slug/advice': {
    setup: async (x) => ({ path: `/api/v1/organisations/${x.slug}/advice` }),
    expected: [401, 403, 200, 200, 200, 200, 200, 200, 404],
  },
  'GET /api/v1/advice/:id': {
    setup: async (x) => ({ path: `/api/v1/advice/${await submitted(x)}` }),
    expected: [401, 403, 200, 200, 200, 200, 200, 404, 404],
  },
  'PUT /api/v1/advice/:id': {
    // A draft: staff do not see it yet (404), only its council does.
    setup: async (x) => ({ path: `/api/v1/advice/${(await draftDossier(x)).id}`, body: adviceInput(x.councilId) }),
    expected: [401, 403, 404, 404, 404, 200, 200, 404, 404],
  },
  'POST /api/v1/advice/:id/submit': {
    setup: async (x) => ({ path: `/api/v1/advice/${(await draftDossier(x)).id}/submit` }),
    expected: [401, 403, 404, 404, 404, 403, 200, 404, 404],
  },
  'PUT /api/v1/advice/:id/items/:itemId/response': {
    setup: async (x) => {
      const d = await submittedDossier(x);
      return { path: `/api/v1/advice/${d.id}/items/${d.items[1].id}/response`, body: { text: 'Overgenomen.', status: 'adopted', version: 0 } };
    },
    expected: [401, 403, 403, 200, 200, 403, 403, 404, 404],
  },
  'POST /api/v1/advice/:id/request-approval': {
    setup: async (x) => ({ path: `/api/v1/advice/${(await inProgress(x)).id}/request-approval` }),
    expected: [401, 403, 403, 200, 403, 403, 403, 404, 404],
  },
  'POST /api/v1/advice/:id/return': {
    setup: async (x) => ({ path: `/api/v1/advice/${(await inReviewDossier(x)).id}/return`, body: { comment: 'Graag aanvullen.' } }),
    expected: [401, 403, 403, 403, 200, 403, 403, 404, 404],
  },
  'POST /api/v1/advice/:id/approve': {
    setup: async (x) => ({ path: `/api/v1/advice/${(await inReviewDossier(x)).id}/approve` }),
    expected: [401, 403, 403, 403, 200, 403, 403, 404, 404],
  },
  // Before sending, the council does not read the letter yet (a concept preview for staff only).
  'GET /api/v1/advice/:id/letter.pdf': {
    setup: async (x) => ({ path: `/api/v1/advice/${await submitted(x)}/letter.pdf` }),
    expected: [401, 403, 200, 200, 200, 403, 403, 404, 404],
  },
  'GET /api/v1/advice/:id/letter.html': {
    setup: async (x) => ({ path: `/api/v1/advice/${await submitted(x)}/letter.html` }),
    expected: [401, 403, 200, 200, 200, 403, 403, 404, 404],
  },
  'POST /api/v1/advice/:id/send': {
    setup: async (x) => ({ path: `/api/v1/advice/${(await signedDossier(x)).id}/send` }),
    expected: [401, 403, 403, 202, 202, 403, 403, 404, 404],
  },
  'GET /api/v1/advice/:id/deliveries': {
    setup: async (x) => ({ path: `/api/v1/advice/${await submitted(x)}/deliveries` }),
    expected: [401, 403, 200, 200, 200, 403, 403, 404, 404],
  },
  'POST /api/v1/advice/:id/deliveries/:mailId/retry': {
    setup: async (x) => {
      const id = await submitted(x);
      const [mail] = await mailsOf(id);
      await env.DB.prepare("UPDATE outbox SET status = 'failed', last_error = 'test' WHERE id = ?").bind(mail.id).run();
      return { path: `/api/v1/advice/${id}/deliveries/${mail.id}/retry` };
    },
    expected: [401, 403, 403, 202, 202, 403, 403, 404, 404],
  },
  // Without a valid Svix signature every caller is refused, whatever token it carries.
  'POST /api/v1/webhooks/resend': {
    setup: async () => ({ path: '/api/v1/webhooks/resend', body: { type: 'email.delivered', data: { email_id: 'x' } } }),
    expected: [401, 401, 401, 401, 401, 401, 401, 401, 401],
  },
  // The local mailbox (no Resend key in tests): open to anyone on a developer's machine.
  'GET /api/v1/dev/outbox': { setup: async () => ({ path: '/api/v1/dev/outbox' }), expected: [200, 200, 200, 200, 200, 200, 200, 200, 200] },
  'GET /api/v1/dev/outbox/:id': {
    setup: async (x) => ({ path: `/api/v1/dev/outbox/${(await mailsOf(await submitted(x)))[0].id}` }),
    expected: [200, 200, 200, 200, 200, 200, 200, 200, 200],
  },
  'GET /api/v1/dev/outbox/:id/attachments/:n': {
    // A read: every caller shares one sent letter (signing renders a PDF, too slow to repeat per caller).
    setup: once(async (x) => {
      const d = await signedDossier(x);
      await api('POST', `/api/v1/advice/${d.id}/send`, { token: x.tokens.official });
      const mail = (await mailsOf(d.id)).find((m) => m.kind === 'letter')!;
      return { path: `/api/v1/dev/outbox/${mail.id}/attachments/0` };
    }),
    expected: [200, 200, 200, 200, 200, 200, 200, 200, 200],
  },
  'GET /api/v1/verify': {
    setup: async () => ({ path: `/api/v1/verify?sha256=${'0'.repeat(64)}` }),
    expected: [200, 200, 200, 200, 200, 200, 200, 200, 200],
  },
};

function tokensOf(caller: Caller): (string | undefined)[] {
  switch (caller) {
    case 'anon':
      return [undefined];
    case 'platform':
      return [ADMIN];
    case 'otherCouncil':
      return [second.member.token, second.secretary.token];
    case 'otherOrg':
      return ['admin', 'official', 'approver', 'council_member', 'council_secretary'].map((r) => other.tokens[r]);
    default:
      return [w.tokens[caller]];
  }
}

beforeAll(async () => {
  [w, other] = await Promise.all([createWorld('PRA'), createWorld('PRB')]);
  second = await addCouncil(w);
});

describe('role × route', () => {
  it.each(Object.keys(TABLE))('%s', async (route) => {
    const [method] = route.split(' ');
    const row = TABLE[route];
    // Refusals change nothing, so they share one fixture; every allowed call gets its own.
    const shared = await row.setup(w);
    const actual: Record<string, number[]> = {};
    const expected: Record<string, number[]> = {};
    for (const [i, caller] of CALLERS.entries()) {
      const tokens = tokensOf(caller);
      expected[caller] = tokens.map(() => row.expected[i]);
      actual[caller] = [];
      for (const token of tokens) {
        const call = row.expected[i] < 300 ? await row.setup(w) : shared;
        actual[caller].push((await api(method, call.path, { token, body: call.body })).status);
      }
    }
    expect(actual).toEqual(expected);
  });
});

describe('the route table', () => {
  const app = createApp();
  const routes = [...new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))];

  it('has a declared policy for every route', () => {
    expect(routes.length).toBeGreaterThan(15);
    const missing = routes.filter((r) => !routePolicies.has(r));
    expect(missing, 'routes without a policy').toEqual([]);
  });

  it('declares no policy for a route that does not exist', () => {
    expect([...routePolicies.keys()].filter((k) => !routes.includes(k))).toEqual([]);
  });

  it('has a row in the role × route table for every API route', () => {
    const api = routes.filter((r) => r.split(' ')[1].startsWith('/api/'));
    expect(api.filter((r) => !(r in TABLE)), 'API routes missing from TABLE').toEqual([]);
    expect(Object.keys(TABLE).filter((r) => !api.includes(r)), 'TABLE rows without a route').toEqual([]);
  });
});

describe('tenancy', () => {
  it('another organisation’s dossier is 404 for every method, even with valid bodies', async () => {
    const [a, b] = await Promise.all([createWorld('TNA'), createWorld('TNB')]);
    const draft = await draftDossier(a);
    const fresh = await submittedDossier(a);
    const started = await inProgress(a);
    const review = await inReviewDossier(a);
    const before = await Promise.all([draft, fresh, started, review].map(async (d) => [await api('GET', `/api/v1/advice/${d.id}`, { token: a.tokens.council_member }), await auditOf(d.id)]));

    // Each request would succeed for the right role of organisation a; b's same role gets 404.
    const probes: [string, string, string, unknown?][] = [
      ['GET', `/api/v1/advice/${fresh.id}`, 'official'],
      ['GET', `/api/v1/advice/${draft.id}`, 'council_member'],
      ['PUT', `/api/v1/advice/${draft.id}`, 'council_member', adviceInput(b.councilId)],
      ['PUT', `/api/v1/advice/${draft.id}`, 'council_secretary', adviceInput(a.councilId)],
      ['POST', `/api/v1/advice/${draft.id}/submit`, 'council_secretary'],
      ['PUT', `/api/v1/advice/${fresh.id}/items/${fresh.items[0].id}/response`, 'official', { text: 'Antwoord.', status: 'answered', version: 0 }],
      ['PUT', `/api/v1/advice/${started.id}/items/${started.items[1].id}/response`, 'approver', { text: 'Anders.', status: 'partly', version: 1 }],
      ['POST', `/api/v1/advice/${started.id}/request-approval`, 'official'],
      ['POST', `/api/v1/advice/${review.id}/return`, 'approver', { comment: 'Terug.' }],
      ['POST', `/api/v1/advice/${review.id}/approve`, 'approver'],
      ['POST', `/api/v1/advice/${review.id}/send`, 'official'],
      ['GET', `/api/v1/advice/${review.id}/letter.pdf`, 'official'],
      ['GET', `/api/v1/advice/${review.id}/letter.html`, 'approver'],
    ];
    for (const [method, path, role, body] of probes) {
      const res = await api(method, path, { token: b.tokens[role], body });
      expect(res.status, `${method} ${path} as ${role}`).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    // The same answer as for a dossier that does not exist: nothing tells the two apart.
    const missing = await api('GET', `/api/v1/advice/${crypto.randomUUID()}`, { token: b.tokens.official });
    const foreign = await api('GET', `/api/v1/advice/${fresh.id}`, { token: b.tokens.official });
    const { instance: _i1, ...m } = missing.body;
    const { instance: _i2, ...f } = foreign.body;
    expect(f).toEqual(m);
    // And nothing changed.
    const after = await Promise.all([draft, fresh, started, review].map(async (d) => [await api('GET', `/api/v1/advice/${d.id}`, { token: a.tokens.council_member }), await auditOf(d.id)]));
    expect(after.map(([r, audit]) => [(r as { body: unknown }).body, audit])).toEqual(before.map(([r, audit]) => [(r as { body: unknown }).body, audit]));
  });

  it('another organisation’s lists and settings are 404', async () => {
    const [a, b] = await Promise.all([createWorld('TLA'), createWorld('TLB')]);
    for (const path of [`/api/v1/organisations/${a.slug}`, `/api/v1/organisations/${a.slug}/advice`, `/api/v1/organisations/${a.slug}/councils`, `/api/v1/organisations/${a.slug}/users`]) {
      expect((await api('GET', path, { token: b.tokens.admin })).status, path).toBe(404);
    }
    expect((await api('POST', `/api/v1/organisations/${a.slug}/advice`, { token: b.tokens.council_member, body: adviceInput(b.councilId) })).status).toBe(404);
  });

  it('members of another council of the same organisation get 404', async () => {
    const a = await createWorld('TCA');
    const c2 = await addCouncil(a);
    const draft = await draftDossier(a);
    const fresh = await submittedDossier(a);
    for (const token of [c2.member.token, c2.secretary.token]) {
      expect((await api('GET', `/api/v1/advice/${draft.id}`, { token })).status).toBe(404);
      expect((await api('GET', `/api/v1/advice/${fresh.id}`, { token })).status).toBe(404);
      expect((await api('PUT', `/api/v1/advice/${draft.id}`, { token, body: adviceInput(c2.councilId) })).status).toBe(404);
      expect((await api('POST', `/api/v1/advice/${draft.id}/submit`, { token })).status).toBe(404);
    }
    expect((await api('GET', `/api/v1/advice/${draft.id}`, { token: a.tokens.council_member })).body).toMatchObject({ status: 'draft', council: { id: a.councilId } });
  });

  it('officials, approvers and admins do not see drafts', async () => {
    const a = await createWorld('TDR');
    const draft = await draftDossier(a);
    for (const role of ['official', 'approver', 'admin']) {
      expect((await api('GET', `/api/v1/advice/${draft.id}`, { token: a.tokens[role] })).status, role).toBe(404);
      expect(
        (await api('PUT', `/api/v1/advice/${draft.id}/items/${draft.items[0].id}/response`, { token: a.tokens[role], body: { text: 'Vroeg.', status: 'answered', version: 0 } }))
          .status,
        role,
      ).toBe(404);
    }
  });
});

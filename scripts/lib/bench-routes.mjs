// The routes `npm run bench` measures, and the data they need. scripts/profile-route.mjs profiles
// the same entries on the same data.
//
// Adding a route (a feature's page or API read) is one entry in ROUTES:
//
//   {
//     name: 'figures-page',                          // for --only and the JSON; unique
//     route: 'GET /adviezen/{id}/cijfers (…)',        // what the table shows
//     minRatio: 0.4,                                  // target: req/s ≥ 0.4 × the floor beside it (null: reported only)
//     roundTrips: { route: 'GET /adviezen/:id/cijfers', max: 1 }, // optional: the key in
//                                                     // test/d1-round-trips.test.ts and its ceiling, at 10 and 200 items
//     setup: async (ctx) => ({ requests: [{ method: 'GET', path: `/adviezen/${(await ctx.readDossier()).id}/cijfers`,
//                                           headers: { cookie: await ctx.session('official'), accept: 'text/html' } }] }),
//   }
//
// `setup` runs once, only when the route is measured, and returns autocannon options, or a function
// that returns fresh ones before every measurement (writes that need new versions do). Data that
// only one route needs is made in its setup (through the public API, with `ctx.call`); `ctx.once`
// shares it between entries. Every route's p99 is held to MAX_P99_RATIO × the floor's p99.
import { client, createWorld, openConsultation, remarkResponseWrites, responseWrites, signInByMail, submittedDossier } from './fixtures.mjs';

/** Each route's p99 at most this many times the floor's p99 beside it. */
export const MAX_P99_RATIO = 2.5;

/**
 * The floor: the app's own readiness route, one `SELECT 1` on D1 behind the app's whole middleware.
 * Every route is measured between two measurements of it, and every target is a ratio to it.
 */
export const FLOOR = {
  name: 'floor',
  route: 'GET /api/v1/health/database (one SELECT 1 behind the app’s middleware)',
  setup: () => ({ requests: [{ method: 'GET', path: '/api/v1/health/database' }] }),
};

export const ROUTES = [
  {
    name: 'json-read',
    route: 'GET /api/v1/advice/{id} (50 items, every item answered)',
    minRatio: 0.65,
    roundTrips: { route: 'GET /api/v1/advice/:id', max: 1 },
    setup: async (ctx) => ({
      requests: [{ method: 'GET', path: `/api/v1/advice/${(await ctx.readDossier()).id}`, headers: { authorization: `Bearer ${ctx.token('official')}` } }],
    }),
  },
  {
    name: 'dossier-page',
    route: 'GET /adviezen/{id} (officials’ dossier page, same dossier, session cookie)',
    minRatio: 0.4,
    roundTrips: { route: 'GET /adviezen/:id', max: 1 },
    setup: async (ctx) => ({
      requests: [{ method: 'GET', path: `/adviezen/${(await ctx.readDossier()).id}`, headers: { cookie: await ctx.session('official'), accept: 'text/html' } }],
    }),
  },
  {
    name: 'response-write',
    route: 'PUT /api/v1/advice/{id}/items/{itemId}/response (officials, each on an item nobody else writes)',
    minRatio: 0.4,
    roundTrips: { route: 'PUT /api/v1/advice/:id/items/:itemId/response', max: 2 },
    setup: async (ctx) => {
      const writeDossiers = [];
      for (let i = 0; i < 8; i++) writeDossiers.push(await submittedDossier(ctx.call, ctx.world, { items: 20, seed: 10 + i }));
      return responseWrites({ world: ctx.world, writeDossiers, call: ctx.call });
    },
  },
  // Consultations (issue 13): the same targets as the advice read and save.
  {
    name: 'consultation-read',
    route: 'GET /api/v1/consultations/{id} (8 participants, 50 remarks, every remark answered, every sixth by reference)',
    minRatio: 0.65,
    roundTrips: { route: 'GET /api/v1/consultations/:id', max: 1 },
    setup: async (ctx) => ({
      requests: [{ method: 'GET', path: `/api/v1/consultations/${(await ctx.readConsultation()).id}`, headers: { authorization: `Bearer ${ctx.token('official')}` } }],
    }),
  },
  {
    name: 'consultation-response-write',
    route: 'PUT /api/v1/consultations/{id}/remarks/{remarkId}/response (officials answering one 160-remark consultation, each on a remark nobody else writes)',
    minRatio: 0.4,
    roundTrips: { route: 'PUT /api/v1/consultations/:id/remarks/:remarkId/response', max: 2 },
    setup: async (ctx) => {
      const consultation = await openConsultation(ctx.call, ctx.world, { remarks: 160, seed: 20 });
      return remarkResponseWrites({ world: ctx.world, consultation, call: ctx.call });
    },
  },
];

/**
 * What every `setup` receives: an organisation with officials, council members, an approver and a
 * secretary (each with an API token), made through the API of the running server, and lazily made
 * shared data.
 */
export async function benchContext(server) {
  const call = client(server.base);
  const world = await createWorld(call, server.token, { officials: 8, members: 2 });
  const made = new Map();
  const once = (key, make) => {
    if (!made.has(key)) made.set(key, make());
    return made.get(key);
  };
  return {
    base: server.base,
    call,
    world,
    once,
    /** The API token of the first user with `role`. */
    token: (role) => world.tokensOf(role)[0],
    /** A web session of the first user with `role`, signed in through the e-mail link (the Cookie header). */
    session: (role) => once(`session:${role}`, () => signInByMail(server.base, `${world.users.find((u) => u.role === role).name}@${world.slug}.example`)),
    /** The dossier the reads measure: submitted, 50 items, every item answered (checked). */
    readDossier: () =>
      once('read-dossier', async () => {
        const dossier = await submittedDossier(call, world, { items: 50, answered: true, seed: 1 });
        const read = await call('GET', `/api/v1/advice/${dossier.id}`, world.tokensOf('official')[0]);
        if (read.body?.items?.length !== 50 || !read.body.items.every((i) => i.response)) throw new Error('the read dossier does not have 50 answered items');
        return dossier;
      }),
    /** The consultation the reads measure: open, 8 participants, 50 remarks, every remark answered (checked). */
    readConsultation: () =>
      once('read-consultation', async () => {
        const consultation = await openConsultation(call, world, { remarks: 50, answered: true, seed: 1 });
        const read = await call('GET', `/api/v1/consultations/${consultation.id}`, world.tokensOf('official')[0]);
        const remarks = read.body?.participants?.flatMap((p) => p.remarks) ?? [];
        if (read.body?.participants?.length !== 8 || remarks.length !== 50 || !remarks.every((r) => r.response) || !remarks.some((r) => r.response.sameAs)) {
          throw new Error('the read consultation does not have 8 participants and 50 answered remarks, some by reference');
        }
        return consultation;
      }),
  };
}

/** The entries named by `names` (all when null), the floor first; throws on an unknown name. */
export function routesNamed(names) {
  const unknown = (names ?? []).filter((n) => n !== FLOOR.name && !ROUTES.some((r) => r.name === n));
  if (unknown.length) throw new Error(`no route named ${unknown.join(', ')} (choose from ${[FLOOR, ...ROUTES].map((r) => r.name).join(', ')})`);
  return [FLOOR, ...ROUTES.filter((r) => !names || names.includes(r.name))];
}

// The publication section of `npm run bench` (issue 15): the public archive and the staff lists
// over 1,000 and then 10,000 sent, published dossiers (about 150,000 items and responses), each
// route measured between two measurements of the floor exactly as the http section does (its
// `rounds`). The dossiers are bulk-written as SQL (scripts/lib/publication-seed.mjs) into the
// server's local D1 while it is stopped, the search index is rebuilt with the operator's script,
// and the same server state is served again.
//
// Targets: at 10,000 dossiers a public search ≥ 0.30 × the floor with p99 ≤ 3 × the floor's p99,
// the public list ≥ 0.50 ×, the staff lists (API page and /adviezen) ≥ 0.50 ×; a search at 10,000
// costs at most 2 × its cost at 1,000 (the Worker's CPU per request: locally D1 runs inside the same
// workerd process, so this is the query's cost as well). Round trips are counted by
// test/d1-round-trips.test.ts (PUBLICATION_ROUND_TRIPS, judged in the d1 section).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, startLocalServer, toolEnv } from './local-server.mjs';
import { client, createWorld, signInByMail } from './fixtures.mjs';
import { seedSql } from './publication-seed.mjs';
import { FLOOR } from './bench-routes.mjs';

export const SIZES = [1_000, 10_000];

/** The routes this section measures, as test/d1-round-trips.test.ts names them, with their ceiling (issue 15: at most 2). */
export const PUBLICATION_ROUND_TRIPS = [
  { name: 'public-search', route: 'GET /api/v1/public/:slug/advice', max: 2 },
  { name: 'public-list', route: 'GET /api/v1/public/:slug/advice', max: 2 },
  { name: 'public-page', route: 'GET /openbaar/:slug', max: 2 },
  { name: 'staff-list', route: 'GET /api/v1/organisations/:slug/advice', max: 2 },
  { name: 'staff-page', route: 'GET /adviezen', max: 2 },
];

/** What residents type: subjects (each the topic of 1 in 40 dossiers), a prefix, and two words. */
const SEARCHES = ['eenzaam', 'mantelzorgers', 'schuldhulp', 'dementie wijk', 'respijtzorg', 'statushouders werk'];
/** A word in nearly every dossier: reported, no target (ranking scores every match). */
const BROAD = 'inwoners';

const TARGETS = {
  'public-search': { minRatio: 0.3, maxP99Ratio: 3 },
  'public-list': { minRatio: 0.5, maxP99Ratio: 2.5 },
  'staff-list': { minRatio: 0.5, maxP99Ratio: 2.5 },
  'staff-page': { minRatio: 0.5, maxP99Ratio: 2.5 },
};
const GROWTH_LIMIT = 2;

function routes(world, cookie, size) {
  const pub = `/api/v1/public/${world.slug}/advice`;
  const official = world.tokensOf('official')[0];
  const all = [
    { name: 'public-search', route: `GET ${pub}?q=… (${SEARCHES.length} searches in turn)`, requests: SEARCHES.map((q) => ({ method: 'GET', path: `${pub}?q=${encodeURIComponent(q)}` })) },
    { name: 'public-list', route: `GET ${pub} (newest first, 50)`, requests: [{ method: 'GET', path: pub }] },
    { name: 'public-page', route: `GET /openbaar/{slug}?q=… (the search page)`, requests: SEARCHES.map((q) => ({ method: 'GET', path: `/openbaar/${world.slug}?q=${encodeURIComponent(q)}` })) },
    { name: 'broad-search', route: `GET ${pub}?q=${BROAD} (matches nearly every dossier; no target)`, requests: [{ method: 'GET', path: `${pub}?q=${BROAD}` }] },
    {
      name: 'staff-list',
      route: 'GET /api/v1/organisations/{slug}/advice?limit=50 (official)',
      requests: [{ method: 'GET', path: `/api/v1/organisations/${world.slug}/advice?limit=50`, headers: { authorization: `Bearer ${official}` } }],
    },
    { name: 'staff-page', route: 'GET /adviezen (official, 50 a page)', requests: [{ method: 'GET', path: '/adviezen', headers: { cookie, accept: 'text/html' } }] },
  ];
  // At 1,000 dossiers only the search: its cost is compared with the cost at 10,000.
  return size === SIZES[0] ? all.filter((r) => r.name === 'public-search') : all;
}

/** The section for bench.mjs; `h` lends it the http section's `rounds`, `median`, `log`, `say` and `table`. */
export function publicationSection(h) {
  async function run() {
    const first = await startLocalServer({ log: h.log, label: 'wederwoord-bench-pub' });
    const state = { state: first.state, token: first.token };
    const tmp = mkdtempSync(join(tmpdir(), 'wederwoord-bench-pub-sql-'));
    let server = first;
    try {
      h.log('Publication: an organisation, two councils and their people, through the API …');
      const call = client(first.base);
      const world = await createWorld(call, first.token, { officials: 1, members: 1, label: 'woo' });
      const second = await call('POST', `/api/v1/organisations/${world.slug}/councils`, first.token, { name: 'Participatieraad Meetstad', recipients: ['raad@meetstad.example'] });
      const official = world.users.find((u) => u.role === 'official');
      const approver = world.users.find((u) => u.role === 'approver');
      const orgId = (await call('GET', `/api/v1/organisations/${world.slug}`, first.token)).body.id;
      const cookie = await signInByMail(first.base, `${official.name}@${world.slug}.example`);
      let seeded = 0;
      const bySize = {};
      for (const size of SIZES) {
        await server.stop({ keepState: true });
        h.log(`Publication: seeding dossiers ${seeded + 1}–${size} as SQL, then rebuilding the search index …`);
        const file = join(tmp, `seed-${size}.sql`);
        writeFileSync(file, seedSql({ orgId, councilIds: [world.councilId, second.body.id], officialId: official.id, approverId: approver.id, prefix: 'MST', from: seeded, to: size }));
        const t0 = Date.now();
        first.executeFile(file);
        const rebuilt = spawnSync(join(root, 'node_modules/.bin/tsx'), ['scripts/rebuild-search-index.ts', '--local', '--persist-to', state.state], { cwd: root, env: toolEnv, encoding: 'utf8', timeout: 900_000 });
        if (rebuilt.status !== 0) throw new Error(`rebuild-search-index: ${rebuilt.status}\n${rebuilt.stderr}`.slice(0, 4000));
        const [[counts]] = first.query(
          "SELECT (SELECT count(*) FROM public_advice) AS public, (SELECT count(*) FROM public_search) AS indexed, (SELECT count(*) FROM advice_items) + (SELECT count(*) FROM responses) AS itemsAndResponses",
        );
        h.log(`Publication: ${counts.public} public dossiers, ${counts.indexed} indexed, ${counts.itemsAndResponses} items and responses (${Math.round((Date.now() - t0) / 1000)} s)`);
        if (counts.public < size || counts.indexed !== counts.public) throw new Error(`seeding left ${counts.public} public and ${counts.indexed} indexed dossiers, not ${size}`);
        seeded = size;
        server = await startLocalServer({ log: h.log, label: 'wederwoord-bench-pub', reuse: state });
        const measured = [FLOOR, ...routes(world, cookie, size)].map((r) => ({ ...r, options: () => ({ requests: r.requests ?? FLOOR.setup().requests }) }));
        // Each route answers 200 before it is measured.
        for (const r of measured.slice(1)) {
          for (const req of r.requests) {
            const res = await fetch(`${server.base}${req.path}`, { headers: req.headers });
            if (res.status !== 200) throw new Error(`${r.name}: ${req.path} answered ${res.status}`);
          }
        }
        h.log(`Publication at ${size} dossiers: ${h.ROUNDS} rounds …`);
        const rows = await h.rounds(server.base, server.workerPid(), measured);
        const summary = (name) => {
          const rs = rows.map((row) => row[name]);
          return { rps: h.median(rs.map((x) => x.rps)), p50: h.median(rs.map((x) => x.p50)), p99: h.median(rs.map((x) => x.p99)), cpuMsPerRequest: h.median(rs.map((x) => x.cpuMsPerRequest)) };
        };
        bySize[size] = {
          dossiers: counts.public,
          itemsAndResponses: counts.itemsAndResponses,
          floor: summary(FLOOR.name),
          routes: measured.slice(1).map((r) => ({
            name: r.name,
            route: r.route,
            ...summary(r.name),
            ratio: h.median(rows.map((row) => row[r.name].rps / row[r.name].beside.rps)),
            p99Ratio: h.median(rows.map((row) => row[r.name].p99 / row[r.name].beside.p99)),
            errors: rows.reduce((n, row) => n + (row[r.name].non2xx ?? 0) + (row[r.name].errors ?? 0) + (row[r.name].timeouts ?? 0), 0),
          })),
          perRound: rows,
        };
      }
      return { sizes: SIZES, searches: SEARCHES, broad: BROAD, bySize };
    } finally {
      await server.stop();
      rmSync(state.state, { recursive: true, force: true });
      rmSync(tmp, { recursive: true, force: true });
    }
  }

  function targets(p) {
    const large = p.bySize[SIZES[1]];
    const small = p.bySize[SIZES[0]];
    const route = (size, name) => size.routes.find((r) => r.name === name);
    const out = [];
    for (const [name, t] of Object.entries(TARGETS)) {
      const r = route(large, name);
      out.push({ name: `publication ${name} at ${SIZES[1]}: req/s ≥ ${t.minRatio} × floor`, value: r.ratio, limit: t.minRatio, pass: r.ratio >= t.minRatio && r.errors === 0 });
      out.push({ name: `publication ${name} at ${SIZES[1]}: p99 ≤ ${t.maxP99Ratio} × floor p99`, value: r.p99Ratio, limit: t.maxP99Ratio, pass: r.p99Ratio <= t.maxP99Ratio });
    }
    const growth = route(large, 'public-search').cpuMsPerRequest / route(small, 'public-search').cpuMsPerRequest;
    out.push({ name: `publication search: CPU per request at ${SIZES[1]} ≤ ${GROWTH_LIMIT} × at ${SIZES[0]}`, value: growth, limit: GROWTH_LIMIT, pass: growth <= GROWTH_LIMIT });
    return out;
  }

  function print(p) {
    for (const size of p.sizes) {
      const s = p.bySize[size];
      h.say(`Publication at ${s.dossiers} public dossiers (${s.itemsAndResponses} items and responses); searches: ${p.searches.map((q) => `“${q}”`).join(', ')}`);
      h.table([
        ['route', 'req/s', 'p50 ms', 'p99 ms', 'CPU ms', '× floor', 'p99 × floor'],
        [`floor: ${FLOOR.route}`, s.floor.rps, s.floor.p50, s.floor.p99, s.floor.cpuMsPerRequest.toFixed(2), '1', '1'],
        ...s.routes.map((r) => [`${r.name}: ${r.route}`, r.rps, r.p50, r.p99, r.cpuMsPerRequest.toFixed(2), r.ratio.toFixed(3), r.p99Ratio.toFixed(3)]),
      ]);
      h.say('');
    }
  }

  return { name: 'publication', title: `publication (the public archive and the staff lists at ${SIZES.join(' and ')} dossiers)`, run, targets, print };
}

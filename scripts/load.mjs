#!/usr/bin/env node
// `npm run test:load [-- --seconds 20]`: a bounded mixed run against a private `wrangler dev` on
// 127.0.0.1 — many users reading dossiers and lists and writing responses at once, with real
// version conflicts between writers and some idempotent repeats — then proof that nothing was lost:
//
// - no 5xx and no failed request at all, reads always 200, writes 200 or 409 (a stale version);
// - every acknowledged write (a 200 to a PUT) is in the database: each item's current version
//   equals the number of 200s it got, its text is the last acknowledged one, and every
//   acknowledged version is a revision with the text that was sent;
// - every version chain is intact: revisions 1..n without gaps, n = the current version;
// - the first response moved each dossier to in_progress exactly once (one `advice.start` audit row);
// - a repeated request with the same Idempotency-Key got the first answer back.
//
// Exits 1 on any violation, 2 when the run itself could not be done.
import { parseArgs } from 'node:util';
import { startLocalServer } from './lib/local-server.mjs';
import { client, createWorld, inParallel, ITEM_STATUS, prose, submittedDossier } from './lib/fixtures.mjs';

const { values: opts } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    connections: { type: 'string', default: '50' },
    dossiers: { type: 'string', default: '10' },
    items: { type: 'string', default: '20' },
    json: { type: 'boolean', default: false },
    'keep-state': { type: 'boolean', default: false },
  },
});
const SECONDS = Number(opts.seconds);
const CONNECTIONS = Number(opts.connections);
const log = (line) => process.stderr.write(`${line}\n`);

// Bounded: the run, plus setup and checks, never takes more than this.
const limitMs = (SECONDS + 300) * 1000;
setTimeout(() => {
  log(`load: time limit of ${limitMs / 1000} s exceeded; stopping`);
  process.exit(2);
}, limitMs).unref();

const violations = [];
const violate = (text) => {
  if (violations.length < 200) violations.push(text);
};

let server;
try {
  server = await startLocalServer({ log, label: 'wederwoord-load' });
} catch (err) {
  log(String(err instanceof Error ? err.message : err));
  process.exit(2);
}

let summary;
try {
  summary = await run(server);
} catch (err) {
  log(`load: ${err instanceof Error ? err.stack : String(err)}`);
  await server.stop({ keepState: opts['keep-state'] });
  process.exit(2);
}
if (opts.json) process.stdout.write(`${JSON.stringify({ ...summary, violations }, null, 2)}\n`);
else report(summary);
process.exit(violations.length ? 1 : 0);

async function run(server) {
  const call = client(server.base);
  log('Seeding through the API …');
  const world = await createWorld(call, server.token, { officials: 12, members: 6, label: 'load' });
  const dossiers = [];
  for (let i = 0; i < Number(opts.dossiers); i++) dossiers.push(await submittedDossier(call, world, { items: Number(opts.items), seed: i }));
  const items = dossiers.flatMap((d) => d.items.map((item) => ({ ...item, dossierId: d.id, known: 0, acked: [] })));
  const officials = world.tokensOf('official');
  const readers = [...officials, ...world.tokensOf('council_member'), ...world.tokensOf('council_secretary')];
  const pick = (xs) => xs[Math.floor(Math.random() * xs.length)];

  const stats = { requests: 0, byOp: {}, statuses: {}, latencies: {} };
  const record = (op, status, ms) => {
    stats.requests += 1;
    stats.byOp[op] = (stats.byOp[op] ?? 0) + 1;
    const key = `${op} ${status}`;
    stats.statuses[key] = (stats.statuses[key] ?? 0) + 1;
    (stats.latencies[op] ??= []).push(ms);
    if (typeof status === 'number' && status >= 500) violate(`${op}: ${status}`);
  };

  async function request(op, method, path, token, body, headers) {
    const t = performance.now();
    try {
      const res = await fetch(`${server.base}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      record(op, res.status, performance.now() - t);
      return { status: res.status, text, headers: res.headers };
    } catch (err) {
      // A request without an answer is a failure of the run: its write may or may not have landed.
      record(op, 'no answer', performance.now() - t);
      violate(`${op} ${method} ${path}: no answer (${err instanceof Error ? err.message : err})`);
      return null;
    }
  }

  let writes = 0;
  async function write() {
    const item = pick(items);
    const n = ++writes;
    const body = { text: `${prose(n, 2)} [schrijfactie ${n}]`, status: ITEM_STATUS(item.kind), version: item.known };
    const path = `/api/v1/advice/${item.dossierId}/items/${item.id}/response`;
    const token = pick(officials);
    const idempotent = n % 10 === 0;
    const headers = idempotent ? { 'idempotency-key': `load-${n}` } : {};
    const res = await request('write', 'PUT', path, token, body, headers);
    if (!res) return;
    if (res.status === 200) {
      const { version } = JSON.parse(res.text);
      if (version !== body.version + 1) violate(`write ${n}: sent version ${body.version}, got ${version}`);
      item.acked.push({ version, text: body.text });
      item.known = Math.max(item.known, version);
    } else if (res.status === 409) {
      const current = JSON.parse(res.text).current;
      if (current) item.known = Math.max(item.known, current.version);
    } else {
      violate(`write ${n}: unexpected ${res.status} ${res.text.slice(0, 200)}`);
    }
    if (idempotent) {
      const again = await request('idempotent repeat', 'PUT', path, token, body, headers);
      if (!again) return;
      if (again.status !== res.status || again.text !== res.text || again.headers.get('idempotent-replayed') !== 'true') {
        violate(`write ${n}: the repeat answered ${again.status} ${again.text.slice(0, 120)} instead of replaying ${res.status}`);
      }
    }
  }

  async function readDossier() {
    const d = pick(dossiers);
    const res = await request('read dossier', 'GET', `/api/v1/advice/${d.id}`, pick(readers));
    if (!res) return;
    if (res.status !== 200) return violate(`read dossier: ${res.status} ${res.text.slice(0, 200)}`);
    const items = JSON.parse(res.text).items;
    if (items.length !== Number(opts.items)) violate(`read dossier ${d.id}: ${items.length} items`);
  }

  async function readList() {
    const res = await request('read list', 'GET', `/api/v1/organisations/${world.slug}/advice`, pick(readers));
    if (res && res.status !== 200) violate(`read list: ${res.status} ${res.text.slice(0, 200)}`);
  }

  log(`Running ${SECONDS} s with ${CONNECTIONS} connections …`);
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  // Every worker finishes the request it has started: afterwards nothing is in flight, so each
  // write's outcome is known.
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < deadline) {
        const r = Math.random();
        if (r < 0.35) await write();
        else if (r < 0.9) await readDossier();
        else await readList();
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  log(`Done: ${stats.requests} requests in ${elapsed.toFixed(1)} s. Checking …`);

  // 1. Through the API: each item's current response is its last acknowledged write.
  await inParallel(dossiers, 4, async (d) => {
    const res = await call('GET', `/api/v1/advice/${d.id}`, officials[0]);
    if (res.status !== 200) return violate(`check ${d.id}: ${res.status}`);
    const anyAcked = items.some((i) => i.dossierId === d.id && i.acked.length > 0);
    if (anyAcked && res.body.status !== 'in_progress') violate(`dossier ${d.id} is ${res.body.status} after acknowledged responses`);
    for (const got of res.body.items) {
      const item = items.find((i) => i.id === got.id);
      const version = got.response?.version ?? 0;
      if (version !== item.acked.length) violate(`item ${item.id}: version ${version}, but ${item.acked.length} writes were acknowledged`);
      const last = item.acked.at(-1);
      if (last && got.response?.text !== last.text) violate(`item ${item.id}: current text is not the last acknowledged write`);
    }
  });

  // 2. In the database: version chains and revisions, read after the server has stopped.
  await server.stop({ keepState: true });
  const ids = items.map((i) => `'${i.id}'`).join(',');
  const [revisions, current, starts] = server.query(
    `SELECT item_id, version, text FROM response_revisions WHERE item_id IN (${ids}) ORDER BY item_id, version`,
    `SELECT item_id, version, text FROM responses WHERE item_id IN (${ids})`,
    `SELECT entity_id, count(*) AS n FROM audit_log WHERE action = 'advice.start' AND entity_id IN (${dossiers.map((d) => `'${d.id}'`).join(',')}) GROUP BY entity_id`,
  );
  if (!opts['keep-state']) await server.stop();
  else log(`State kept in ${server.state}`);

  const byItem = new Map(items.map((i) => [i.id, []]));
  for (const r of revisions) byItem.get(r.item_id).push(r);
  const currentByItem = new Map(current.map((r) => [r.item_id, r]));
  for (const item of items) {
    const chain = byItem.get(item.id);
    const versions = chain.map((r) => r.version);
    const expected = Array.from({ length: chain.length }, (_, i) => i + 1);
    if (versions.join(',') !== expected.join(',')) violate(`item ${item.id}: revision versions ${versions.join(',')} have gaps`);
    const head = currentByItem.get(item.id);
    if ((head?.version ?? 0) !== chain.length) violate(`item ${item.id}: current version ${head?.version ?? 0}, ${chain.length} revisions`);
    if (head && chain.at(-1)?.text !== head.text) violate(`item ${item.id}: current text differs from its last revision`);
    for (const w of item.acked) {
      const rev = chain.find((r) => r.version === w.version);
      if (!rev || rev.text !== w.text) violate(`item ${item.id}: acknowledged version ${w.version} is not stored as sent`);
    }
  }
  const startsBy = new Map(starts.map((s) => [s.entity_id, s.n]));
  for (const d of dossiers) {
    const anyAcked = items.some((i) => i.dossierId === d.id && i.acked.length > 0);
    const n = startsBy.get(d.id) ?? 0;
    if (n !== (anyAcked ? 1 : 0)) violate(`dossier ${d.id}: ${n} advice.start audit rows`);
  }

  const percentile = (xs, p) => {
    const s = [...xs].sort((a, b) => a - b);
    return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0);
  };
  const acknowledged = items.reduce((s, i) => s + i.acked.length, 0);
  return {
    seconds: Math.round(elapsed * 10) / 10,
    connections: CONNECTIONS,
    users: { officials: officials.length, readers: readers.length },
    dossiers: dossiers.length,
    items: items.length,
    requests: stats.requests,
    requestsPerSecond: Math.round(stats.requests / elapsed),
    statuses: stats.statuses,
    latencyMs: Object.fromEntries(Object.entries(stats.latencies).map(([op, xs]) => [op, { p50: percentile(xs, 50), p99: percentile(xs, 99) }])),
    acknowledgedWrites: acknowledged,
    revisionsChecked: revisions.length,
    itemsWritten: items.filter((i) => i.acked.length > 0).length,
  };
}

function report(s) {
  const say = (line) => process.stdout.write(`${line}\n`);
  say('');
  say(`Load: ${s.seconds} s, ${s.connections} connections, ${s.users.officials} officials writing, ${s.users.readers} users reading, ${s.dossiers} dossiers × ${s.items / s.dossiers} items`);
  say(`${s.requests} requests (${s.requestsPerSecond}/s)`);
  for (const [k, n] of Object.entries(s.statuses).sort()) say(`  ${k.padEnd(28)} ${n}`);
  for (const [op, l] of Object.entries(s.latencyMs)) say(`  ${op.padEnd(28)} p50 ${l.p50} ms, p99 ${l.p99} ms`);
  say(`${s.acknowledgedWrites} acknowledged writes to ${s.itemsWritten} items; ${s.revisionsChecked} revisions checked`);
  if (violations.length) {
    say(`FAIL: ${violations.length} violation(s)`);
    for (const v of violations) say(`  ${v}`);
  } else {
    say('PASS: no 5xx, every acknowledged write stored, every version chain intact');
  }
  say('');
}

#!/usr/bin/env node
// `npm run bench [-- --json]`: how fast, measured the same way every time.
//
// - HTTP: each measured route beside the trivial route (GET /api/v1/health) of the same Worker,
//   in rounds where the trivial route is measured before and after every other route (its ratio
//   is to those two), at the same concurrency, against a private `wrangler dev` on 127.0.0.1.
//   The local floor is the runtime, so the ratios are what the targets are about. One D1 query
//   (GET /api/v1/health/database) is measured alongside as a reference: no route that reads the
//   database can beat it, and each route's ratio to it is reported too (no target).
// - D1 round trips per read, counted on the binding by test/d1-round-trips.test.ts.
// - The runtime reference: a bare Worker with no app (scripts/bench-runtime/), its trivial route
//   beside one D1 query, measured the same way right after. No target: it shows what one local D1
//   round trip costs against a trivial request on this machine, whatever the app does.
// - The Worker's gzip bundle size (wrangler deploy --dry-run).
// - The letter's figures, from scripts/bench-letter.ts --json when it exists.
//
// Prints a table (or, with --json, one JSON object on stdout; progress goes to stderr).
// Exits non-zero only when the measurement itself failed; a missed target is reported as FAIL.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem, type as osType, release } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { root, runWrangler, startLocalServer, toolEnv } from './lib/local-server.mjs';
import { client, createWorld, responseWrites, signInByMail, submittedDossier } from './lib/fixtures.mjs';

const { values: opts } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    connections: { type: 'string', default: '32' },
    duration: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '5' },
    'time-limit': { type: 'string', default: '1200' },
    'skip-d1': { type: 'boolean', default: false },
    'skip-letter': { type: 'boolean', default: false },
    'skip-http': { type: 'boolean', default: false },
    'skip-runtime': { type: 'boolean', default: false },
    // While working on one route: measure only these scenarios (comma-separated names).
    only: { type: 'string' },
  },
});
const CONNECTIONS = Number(opts.connections);
const DURATION = Number(opts.duration);
const ROUNDS = Number(opts.rounds);
const MAX_P99_RATIO = 2;
const MAX_D1_ROUND_TRIPS = 3;
const MAX_BUNDLE_GZIP = 3 * 1024 * 1024;

const log = (line) => process.stderr.write(`${line}\n`);
const say = opts.json ? log : (line) => process.stdout.write(`${line}\n`);
const started = Date.now();
const errors = [];

// The whole run is bounded: past the limit it stops (and with it the server) and fails.
setTimeout(() => {
  log(`bench: time limit of ${opts['time-limit']} s exceeded; stopping`);
  process.exit(2);
}, Number(opts['time-limit']) * 1000).unref();

/**
 * What is measured against the trivial route. To add a route (the officials' dossier page once the
 * web app exists), add an entry: `setup` runs once with the seeded data and returns autocannon
 * request options (or a function returning fresh ones per round).
 */
const SCENARIOS = [
  {
    // Not a target: what one D1 round trip costs here, so that the figures below can be read
    // against the floor that no route reading the database can pass.
    name: 'd1-floor',
    route: 'GET /api/v1/health/database (one D1 query, reference)',
    reference: true,
    setup: () => ({ requests: [{ method: 'GET', path: '/api/v1/health/database' }] }),
  },
  {
    name: 'json-read',
    route: 'GET /api/v1/advice/{id} (50 items, answered)',
    minRatio: 0.5,
    setup: ({ world, readDossier }) => ({
      requests: [{ method: 'GET', path: `/api/v1/advice/${readDossier.id}`, headers: { authorization: `Bearer ${world.tokensOf('official')[0]}` } }],
    }),
  },
  {
    name: 'dossier-page',
    route: 'GET /adviezen/{id} (officials’ dossier page, 50 items, session cookie)',
    minRatio: 0.35,
    setup: ({ readDossier, sessionCookie }) => ({
      requests: [{ method: 'GET', path: `/adviezen/${readDossier.id}`, headers: { cookie: sessionCookie, accept: 'text/html' } }],
    }),
  },
  {
    name: 'response-write',
    route: 'PUT /api/v1/advice/{id}/items/{itemId}/response',
    minRatio: 0.3,
    setup: responseWrites,
  },
];

/** `--only a,b`: the scenarios (and `runtime`) to measure; null measures everything. */
const ONLY = opts.only ? opts.only.split(',').map((n) => n.trim()).filter(Boolean) : null;
const unknown = ONLY?.filter((n) => n !== 'runtime' && !SCENARIOS.some((x) => x.name === n)) ?? [];
if (unknown.length) {
  log(`bench: --only names no scenario ${unknown.join(', ')} (choose from ${[...SCENARIOS.map((x) => x.name), 'runtime'].join(', ')})`);
  process.exit(2);
}

function machine() {
  const wranglerVersion = spawnSync(join(root, 'node_modules/.bin/wrangler'), ['--version'], { encoding: 'utf8', env: toolEnv })
    .stdout.trim()
    .split('\n')
    .pop();
  return {
    nproc: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
    os: `${osType()} ${release()}`,
    node: process.version,
    wrangler: wranglerVersion,
  };
}

/** The Worker as it would be uploaded: wrangler's dry-run bundle, each file and its gzip size. */
function bundleSize() {
  const outdir = mkdtempSync(join(tmpdir(), 'wederwoord-bundle-'));
  try {
    runWrangler(['deploy', '--dry-run', '--outdir', outdir]);
    const files = [];
    const walk = (dir) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (!name.endsWith('.map') && name !== 'README.md') {
          const bytes = readFileSync(path);
          files.push({ name: relative(outdir, path), bytes: bytes.length, gzipBytes: gzipSync(bytes).length });
        }
      }
    };
    walk(outdir);
    return { files, bytes: files.reduce((s, f) => s + f.bytes, 0), gzipBytes: files.reduce((s, f) => s + f.gzipBytes, 0) };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Runs the round-trip test and takes the counts it recorded; its assertions are the targets. */
function d1RoundTrips() {
  const dir = mkdtempSync(join(tmpdir(), 'wederwoord-d1-'));
  const report = join(dir, 'report.json');
  try {
    const res = spawnSync(join(root, 'node_modules/.bin/vitest'), ['run', 'test/d1-round-trips.test.ts', '--reporter=json', `--outputFile=${report}`], {
      cwd: root,
      encoding: 'utf8',
      env: toolEnv,
      timeout: 300_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    if (!existsSync(report)) throw new Error(`vitest wrote no report (${res.status ?? res.signal}):\n${res.stdout}\n${res.stderr}`.slice(0, 4000));
    const tests = JSON.parse(readFileSync(report, 'utf8')).testResults.flatMap((f) => f.assertionResults);
    const reads = tests.find((t) => t.meta?.d1RoundTrips)?.meta.d1RoundTrips;
    const writes = tests.find((t) => t.meta?.d1WriteRoundTrips)?.meta.d1WriteRoundTrips ?? null;
    if (!reads) throw new Error(`the round-trip test recorded no counts:\n${tests.map((t) => `${t.status} ${t.fullName}\n${t.failureMessages.join('\n')}`).join('\n')}`.slice(0, 4000));
    const failures = tests.filter((t) => t.status !== 'passed').map((t) => `${t.fullName}: ${t.failureMessages[0]?.split('\n')[0] ?? t.status}`);
    return { maxAllowed: MAX_D1_ROUND_TRIPS, reads, writes, testsPassed: failures.length === 0, failures };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The letter issue's own bench, when it exists: its JSON object, folded in as it is. */
function letterBench() {
  const script = join(root, 'scripts/bench-letter.ts');
  if (!existsSync(script)) return null;
  const res = spawnSync(join(root, 'node_modules/.bin/tsx'), [script, '--json'], { cwd: root, env: toolEnv, encoding: 'utf8', timeout: 600_000, maxBuffer: 64 * 1024 * 1024 });
  if (res.status !== 0) throw new Error(`bench-letter failed (${res.status ?? res.signal}):\n${res.stderr}`.slice(0, 4000));
  const text = res.stdout.trim();
  return JSON.parse(text.slice(text.indexOf('{')));
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

async function measure(base, options, seconds) {
  const result = await autocannon({ url: base, connections: CONNECTIONS, duration: seconds, timeout: 30, ...options });
  const figures = { rps: round(result.requests.average, 1), p50: result.latency.p50, p99: result.latency.p99, requests: result.requests.total, non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts };
  if (result.non2xx || result.errors || result.timeouts) {
    figures.statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([k, v]) => [k, v.count]));
  }
  return figures;
}

async function httpFigures() {
  const server = await startLocalServer({ log, label: 'wederwoord-bench', vars: { ENVIRONMENT: 'development' } });
  try {
    const call = client(server.base);
    log('Seeding through the API …');
    const world = await createWorld(call, server.token, { officials: 8, members: 2 });
    const readDossier = await submittedDossier(call, world, { items: 50, answered: true, seed: 1 });
    const writeDossiers = [];
    for (let i = 0; i < 8; i++) writeDossiers.push(await submittedDossier(call, world, { items: 20, seed: 10 + i }));
    // An official's web session, signed in through the e-mail link as a person would.
    const official = world.users.find((u) => u.role === 'official');
    const sessionCookie = await signInByMail(server.base, `${official.name}@${world.slug}.example`);
    const context = { world, readDossier, writeDossiers, call, base: server.base, sessionCookie };

    const trivial = { name: 'trivial', route: 'GET /api/v1/health', options: () => ({ requests: [{ method: 'GET', path: '/api/v1/health' }] }) };
    const scenarios = [];
    for (const s of SCENARIOS.filter((x) => x.reference || !ONLY || ONLY.includes(x.name))) {
      const made = await s.setup(context);
      scenarios.push({ ...s, options: typeof made === 'function' ? made : () => made });
    }

    log(`Warming up (${CONNECTIONS} connections), then ${ROUNDS} rounds …`);
    const allRounds = await rounds(server.base, Object.fromEntries([trivial, ...scenarios].map((s) => [s.name, s.options])));

    const summary = (name) => {
      const rs = allRounds.map((row) => row[name]);
      return { rps: median(rs.map((x) => x.rps)), p50: median(rs.map((x) => x.p50)), p99: median(rs.map((x) => x.p99)), rounds: rs };
    };
    const http = { connections: CONNECTIONS, secondsPerMeasurement: DURATION, rounds: ROUNDS, trivial: { route: trivial.route, ...summary('trivial') }, scenarios: [] };
    for (const s of scenarios) {
      // Each round's ratio is to the trivial measurements just before and after; the median of
      // those is steadier on a shared machine than a ratio of medians.
      // Against the floor too, each through the trivial route beside it (the two were measured apart).
      const beside = (row, name) => row[name].rps / row[name].beside.rps;
      const floor = !s.reference ? { ratioToD1Floor: round(median(allRounds.map((row) => beside(row, s.name) / beside(row, 'd1-floor')))) } : {};
      http.scenarios.push({ name: s.name, route: s.route, reference: !!s.reference, minRatio: s.minRatio ?? null, ...summary(s.name), ...ratios(allRounds, s.name), ...floor });
    }
    for (const row of allRounds) {
      for (const [name, f] of Object.entries(row)) {
        if (f.non2xx || f.errors || f.timeouts) errors.push(`${name}: ${f.non2xx} non-2xx, ${f.errors} errors, ${f.timeouts} timeouts ${JSON.stringify(f.statusCodes)}`);
      }
    }
    return http;
  } finally {
    await server.stop();
  }
}

/**
 * A one-second warm-up of each named route, then ROUNDS rounds of DURATION seconds each in which
 * the `trivial` route brackets every other: trivial, A, trivial, B, trivial, … Each measurement
 * carries `beside`, the mean of the trivial measurements just before and after it, so that its
 * ratio compares requests seconds apart even when the machine's speed drifts during a round.
 * A route is autocannon options, or a function that makes fresh ones (writes need new versions).
 */
async function rounds(base, routes) {
  const names = Object.keys(routes).filter((n) => n !== 'trivial');
  const options = async (name) => (typeof routes[name] === 'function' ? await routes[name]() : routes[name]);
  for (const name of ['trivial', ...names]) await measure(base, await options(name), 1);
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const rows = [];
  for (let r = 0; r < ROUNDS; r++) {
    const trivials = [await measure(base, await options('trivial'), DURATION)];
    const row = {};
    for (const name of names) {
      row[name] = await measure(base, await options(name), DURATION);
      trivials.push(await measure(base, await options('trivial'), DURATION));
      const around = trivials.slice(-2);
      row[name].beside = { rps: round(mean(around.map((t) => t.rps)), 1), p99: round(mean(around.map((t) => t.p99)), 1) };
    }
    const sum = (key) => trivials.reduce((a, t) => a + (t[key] ?? 0), 0);
    row.trivial = {
      rps: round(mean(trivials.map((t) => t.rps)), 1),
      p50: median(trivials.map((t) => t.p50)),
      p99: median(trivials.map((t) => t.p99)),
      requests: sum('requests'),
      non2xx: sum('non2xx'),
      errors: sum('errors'),
      timeouts: sum('timeouts'),
      each: trivials.map((t) => t.rps),
    };
    const codes = {};
    for (const t of trivials) for (const [code, n] of Object.entries(t.statusCodes ?? {})) codes[code] = (codes[code] ?? 0) + n;
    if (Object.keys(codes).length) row.trivial.statusCodes = codes;
    log(`round ${r + 1}/${ROUNDS}: trivial ${row.trivial.each.join('/')} req/s; ${names.map((n) => `${n} ${row[n].rps}`).join(', ')} req/s`);
    rows.push(row);
  }
  return rows;
}

/** Median over the rounds of a measurement's ratio to the trivial route beside it (throughput and p99). */
function ratios(rows, name) {
  // Unrounded: the targets are judged on these (0.4983 is not 0.5); the table shows three decimals.
  return {
    ratio: median(rows.map((row) => row[name].rps / row[name].beside.rps)),
    p99Ratio: median(rows.map((row) => row[name].p99 / row[name].beside.p99)),
  };
}

/** The bare runtime Worker: its trivial route and one D1 query, in the same rounds. */
async function runtimeFigures() {
  const server = await startLocalServer({ log, label: 'wederwoord-bench-runtime', config: join(root, 'scripts/bench-runtime/wrangler.toml'), readyPath: '/' });
  try {
    const rows = await rounds(server.base, { trivial: { requests: [{ method: 'GET', path: '/' }] }, d1: { requests: [{ method: 'GET', path: '/d1' }] } });
    for (const row of rows) for (const [name, f] of Object.entries(row)) if (f.non2xx || f.errors || f.timeouts) errors.push(`runtime ${name}: ${f.non2xx} non-2xx, ${f.errors} errors, ${f.timeouts} timeouts`);
    const pick = (name) => ({ rps: median(rows.map((row) => row[name].rps)), p50: median(rows.map((row) => row[name].p50)), p99: median(rows.map((row) => row[name].p99)) });
    return {
      worker: 'scripts/bench-runtime/worker.js (no app, no assets)',
      trivial: { route: 'GET /', ...pick('trivial') },
      d1: { route: 'GET /d1 (one D1 query)', ...pick('d1') },
      ...ratios(rows, 'd1'),
      rounds: rows,
    };
  } finally {
    await server.stop();
  }
}

async function step(name, fn) {
  log(`── ${name}`);
  try {
    return await fn();
  } catch (err) {
    errors.push(`${name}: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
}

const result = { schema: 'wederwoord-bench/2', startedAt: new Date(started).toISOString(), machine: machine() };
result.bundle = await step('bundle size', async () => bundleSize());
result.d1 = opts['skip-d1'] ? null : await step('D1 round trips (vitest)', async () => d1RoundTrips());
result.letter = opts['skip-letter'] ? null : await step('letter', async () => letterBench());
result.http = opts['skip-http'] ? null : await step('HTTP', () => httpFigures());
const runtimeWanted = !opts['skip-runtime'] && !opts['skip-http'] && (!ONLY || ONLY.includes('runtime'));
result.runtime = runtimeWanted ? await step('runtime reference (bare Worker)', () => runtimeFigures()) : null;
result.machine.loadAverageAtEnd = loadavg().map((l) => Math.round(l * 100) / 100);
result.seconds = Math.round((Date.now() - started) / 1000);

const targets = [];
if (result.http) {
  for (const s of result.http.scenarios.filter((x) => !x.reference)) {
    targets.push({ name: `${s.name}: throughput ≥ ${s.minRatio}× trivial`, value: s.ratio, limit: s.minRatio, pass: s.ratio >= s.minRatio });
    targets.push({ name: `${s.name}: p99 ≤ ${MAX_P99_RATIO}× trivial p99`, value: s.p99Ratio, limit: MAX_P99_RATIO, pass: s.p99Ratio <= MAX_P99_RATIO });
  }
}
if (result.d1) {
  const worst = Math.max(...Object.values(result.d1.reads).map((c) => Math.max(c.items10, c.items200)));
  const independent = Object.values(result.d1.reads).every((c) => c.items10 === c.items200);
  targets.push({ name: `D1 round trips per read ≤ ${MAX_D1_ROUND_TRIPS}`, value: worst, limit: MAX_D1_ROUND_TRIPS, pass: worst <= MAX_D1_ROUND_TRIPS && result.d1.testsPassed });
  targets.push({ name: 'D1 round trips: 10 items = 200 items', value: independent ? 'same' : 'differ', limit: 'same', pass: independent });
}
if (result.bundle) targets.push({ name: 'Worker bundle ≤ 3 MiB gzip', value: result.bundle.gzipBytes, limit: MAX_BUNDLE_GZIP, pass: result.bundle.gzipBytes <= MAX_BUNDLE_GZIP });
// The letter bench may report its own targets as [{ name, value, limit, pass }].
if (Array.isArray(result.letter?.targets)) for (const t of result.letter.targets) targets.push({ ...t, name: `letter: ${t.name}` });
result.targets = targets;
result.errors = errors;
// A partial run (--only) answers for what it measured, not for the targets it left out.
result.only = ONLY;
result.pass = errors.length === 0 && targets.every((t) => t.pass) && !ONLY;

if (opts.json) {
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} else {
  printTable(result);
}
process.exit(errors.length ? 1 : 0);

function printTable(r) {
  const m = r.machine;
  say('');
  say(`Wederwoord bench — ${r.startedAt}, ${r.seconds} s`);
  say(`machine: ${m.nproc} CPUs (${m.cpu}), ${m.memoryGiB} GiB, load ${m.loadAverageAtStart.join(' ')} → ${m.loadAverageAtEnd.join(' ')}; node ${m.node}; wrangler ${m.wrangler}`);
  if (r.http) {
    say('');
    say(`HTTP through wrangler dev on 127.0.0.1, ${r.http.connections} connections, ${r.http.rounds} rounds, ${r.http.secondsPerMeasurement} s a measurement, the trivial route before and after each route (medians; ratios to the trivial route beside)`);
    const rows = [['route', 'req/s', 'p50 ms', 'p99 ms', '× trivial', 'p99 ×', '× D1 floor'], [r.http.trivial.route, r.http.trivial.rps, r.http.trivial.p50, r.http.trivial.p99, '1.00', '1.00', '']];
    for (const s of r.http.scenarios) rows.push([s.route, s.rps, s.p50, s.p99, s.ratio.toFixed(3), s.p99Ratio.toFixed(3), s.ratioToD1Floor?.toFixed(2) ?? '']);
    table(rows);
  }
  if (r.runtime) {
    const t = r.runtime;
    say('');
    say(`Runtime reference, a bare Worker with no app (${t.worker}), same connections and rounds:`);
    say(`  trivial ${t.trivial.rps} req/s (p99 ${t.trivial.p99} ms); one D1 query ${t.d1.rps} req/s (p99 ${t.d1.p99} ms): ${t.ratio.toFixed(3)} × its trivial route, p99 ${t.p99Ratio.toFixed(3)} ×`);
  }
  if (r.d1) {
    say('');
    say('D1 round trips per request (counted on the binding)');
    table([['read', '10 items', '200 items'], ...Object.entries(r.d1.reads).map(([k, c]) => [k, c.items10, c.items200])]);
    if (r.d1.writes) table([['write (no target)', 'round trips'], ...Object.entries(r.d1.writes)]);
  }
  if (r.bundle) {
    say('');
    say(`Worker bundle: ${kib(r.bundle.bytes)} KiB, ${kib(r.bundle.gzipBytes)} KiB gzip (${r.bundle.files.map((f) => f.name).join(', ')})`);
  }
  if (r.letter) {
    say('');
    say(`Letter: ${JSON.stringify(r.letter)}`);
  }
  say('');
  table([['target', 'value', 'limit', ''], ...r.targets.map((t) => [t.name, typeof t.value === 'number' && !Number.isInteger(t.value) ? t.value.toFixed(3) : t.value, t.limit, t.pass ? 'PASS' : 'FAIL'])]);
  for (const e of r.errors) say(`ERROR ${e}`);
  say('');
}

function kib(bytes) {
  return (bytes / 1024).toFixed(1);
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
  for (const [n, row] of rows.entries()) {
    say(row.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  '));
    if (n === 0) say(widths.map((w) => '─'.repeat(w)).join('  '));
  }
}

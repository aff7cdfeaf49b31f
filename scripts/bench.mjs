#!/usr/bin/env node
// `npm run bench [-- --json] [-- --only a,b]`: how fast, measured the same way every time.
//
// Sections (SECTIONS below; `--only` names sections or routes):
// - http: each route of scripts/lib/bench-routes.mjs against a private `wrangler dev` on 127.0.0.1,
//   in rounds where the floor (the app's readiness route: one `SELECT 1` behind the app's
//   middleware) is measured before and after every route: floor, A, floor, B, floor, … A route's
//   ratio in a round is to the mean of the two floor measurements beside it; the reported ratio is
//   the median of the rounds', judged unrounded. Also each route's Worker CPU time per request: the
//   user and system time of the workerd process that runs the Worker (/proc/<pid>/stat) over the
//   measurement, divided by the requests answered in it.
// - d1: D1 round trips per request, counted on the binding by test/d1-round-trips.test.ts, at 10
//   and 200 items.
// - bundle: the Worker's gzip size as `wrangler deploy --dry-run` builds it.
// - letter: the letter's own bench (scripts/bench-letter.ts --json), folded in.
// - consultation-list: the integral list's own bench (scripts/bench-consultation-list.ts --json),
//   folded in: 8 participants, 30 and 300 remarks, against pdfmake's floor of the same table text.
// - figures: the figures' own bench (scripts/bench-figures.mjs): its own server with 10,000 dossiers
//   over 10 years, the overview page and the API's figures beside the floor, folded in.
//
// A section is an entry { name, title, run, targets, print }: `run()` returns its figures (kept in
// the JSON under `name`), `targets(figures)` returns [{ name, value, limit, pass }], and `print`
// writes its part of the table. A feature with a new route adds an entry to ROUTES in
// scripts/lib/bench-routes.mjs; one with its own non-HTTP bench (like the letter's) adds a section.
//
// Prints a table (or, with --json, one JSON object on stdout; progress goes to stderr).
// Exit codes: 0 when everything was measured (a missed target is reported as FAIL and in `pass`),
// 1 when a measurement failed, 2 for bad arguments or the time limit.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem, type as osType, release } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { cpuSeconds, root, runWrangler, startLocalServer, toolEnv } from './lib/local-server.mjs';
import { benchContext, FLOOR, MAX_P99_RATIO, ROUTES, routesNamed } from './lib/bench-routes.mjs';
import { publicationSection, PUBLICATION_ROUND_TRIPS } from './lib/bench-publication.mjs';
import { figuresBench, printFigures } from './bench-figures.mjs';

const { values: opts } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    connections: { type: 'string', default: '32' },
    duration: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '5' },
    // About 6 minutes for the routes, sections and letter, 5 more for the figures' own server and data.
    'time-limit': { type: 'string', default: '1800' },
    // Measure only these sections and/or routes (comma-separated; a route name implies `http`).
    only: { type: 'string' },
  },
});
const CONNECTIONS = Number(opts.connections);
const DURATION = Number(opts.duration);
const ROUNDS = Number(opts.rounds);
/** Cloudflare's upload limit for a Worker on the free plan (compressed). */
const MAX_BUNDLE_GZIP = 3 * 1024 * 1024;
/** Every GET route (test/d1-round-trips.test.ts asserts it); the measured routes declare their own. */
const MAX_D1_ROUND_TRIPS = 3;

const log = (line) => process.stderr.write(`${line}\n`);
const say = opts.json ? log : (line) => process.stdout.write(`${line}\n`);
const started = Date.now();
const errors = [];

// The whole run is bounded: past the limit it stops (and with it the server) and fails.
setTimeout(() => {
  log(`bench: time limit of ${opts['time-limit']} s exceeded; stopping`);
  process.exit(2);
}, Number(opts['time-limit']) * 1000).unref();

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const round = (x, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const kib = (bytes) => (bytes / 1024).toFixed(1);

// ── http ────────────────────────────────────────────────────────────────────────────────────────

/** One measurement: autocannon's figures and the Worker's CPU milliseconds per answered request. */
async function measure(base, pid, options, seconds) {
  const cpu0 = cpuSeconds(pid);
  const result = await autocannon({ url: base, connections: CONNECTIONS, duration: seconds, timeout: 30, ...options });
  const cpuMs = (cpuSeconds(pid) - cpu0) * 1000;
  const figures = {
    rps: round(result.requests.average, 1),
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    cpuMsPerRequest: round(cpuMs / Math.max(1, result.requests.total), 3),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
  if (result.non2xx || result.errors || result.timeouts) {
    figures.statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([k, v]) => [k, v.count]));
  }
  return figures;
}

/**
 * A one-second warm-up of each route, then ROUNDS rounds of DURATION seconds a measurement in
 * which the floor brackets every other route. Each route's measurement carries `beside`: the mean
 * of the floor measurements just before and after it, so that its ratio compares requests seconds
 * apart even when the shared machine's speed drifts during a round.
 */
async function rounds(base, pid, [floor, ...routes]) {
  for (const r of [floor, ...routes]) await measure(base, pid, await r.options(), 1);
  const rows = [];
  for (let n = 0; n < ROUNDS; n++) {
    const floors = [await measure(base, pid, await floor.options(), DURATION)];
    const row = {};
    for (const r of routes) {
      row[r.name] = await measure(base, pid, await r.options(), DURATION);
      floors.push(await measure(base, pid, await floor.options(), DURATION));
      const around = floors.slice(-2);
      row[r.name].beside = { rps: mean(around.map((f) => f.rps)), p99: mean(around.map((f) => f.p99)) };
    }
    const sum = (key) => floors.reduce((a, f) => a + (f[key] ?? 0), 0);
    row[floor.name] = {
      rps: round(mean(floors.map((f) => f.rps)), 1),
      p50: median(floors.map((f) => f.p50)),
      p99: median(floors.map((f) => f.p99)),
      requests: sum('requests'),
      cpuMsPerRequest: round(median(floors.map((f) => f.cpuMsPerRequest)), 3),
      non2xx: sum('non2xx'),
      errors: sum('errors'),
      timeouts: sum('timeouts'),
      each: floors.map((f) => f.rps),
    };
    log(`round ${n + 1}/${ROUNDS}: floor ${row[floor.name].each.join('/')} req/s; ${routes.map((r) => `${r.name} ${row[r.name].rps}`).join(', ')} req/s`);
    rows.push(row);
  }
  return rows;
}

async function httpFigures(only) {
  const named = only?.filter((n) => !SECTIONS.some((s) => s.name === n)) ?? [];
  const routes = routesNamed(named.length ? named : null);
  const server = await startLocalServer({ log, label: 'wederwoord-bench' });
  try {
    log('Seeding through the API …');
    const ctx = await benchContext(server);
    const prepared = [];
    for (const r of routes) {
      const made = await r.setup(ctx);
      prepared.push({ ...r, options: typeof made === 'function' ? made : () => made });
    }
    const pid = server.workerPid();
    log(`Warming up (${CONNECTIONS} connections), then ${ROUNDS} rounds …`);
    const rows = await rounds(server.base, pid, prepared);
    for (const row of rows) {
      for (const [name, f] of Object.entries(row)) {
        if (f.non2xx || f.errors || f.timeouts) errors.push(`${name}: ${f.non2xx} non-2xx, ${f.errors} errors, ${f.timeouts} timeouts ${JSON.stringify(f.statusCodes ?? {})}`);
      }
    }
    const summary = (name) => {
      const rs = rows.map((row) => row[name]);
      return { rps: median(rs.map((x) => x.rps)), p50: median(rs.map((x) => x.p50)), p99: median(rs.map((x) => x.p99)), cpuMsPerRequest: median(rs.map((x) => x.cpuMsPerRequest)) };
    };
    return {
      connections: CONNECTIONS,
      secondsPerMeasurement: DURATION,
      rounds: ROUNDS,
      floor: { name: FLOOR.name, route: FLOOR.route, ...summary(FLOOR.name) },
      routes: prepared.slice(1).map((r) => ({
        name: r.name,
        route: r.route,
        minRatio: r.minRatio ?? null,
        maxP99Ratio: MAX_P99_RATIO,
        ...summary(r.name),
        // Unrounded: the targets are judged on these (0.6498 is not 0.65); the table shows three decimals.
        ratio: median(rows.map((row) => row[r.name].rps / row[r.name].beside.rps)),
        p99Ratio: median(rows.map((row) => row[r.name].p99 / row[r.name].beside.p99)),
      })),
      perRound: rows,
    };
  } finally {
    await server.stop();
  }
}

function httpTargets(http) {
  return http.routes.flatMap((r) => [
    ...(r.minRatio !== null ? [{ name: `${r.name}: req/s ≥ ${r.minRatio} × floor`, value: r.ratio, limit: r.minRatio, pass: r.ratio >= r.minRatio }] : []),
    { name: `${r.name}: p99 ≤ ${r.maxP99Ratio} × floor p99`, value: r.p99Ratio, limit: r.maxP99Ratio, pass: r.p99Ratio <= r.maxP99Ratio },
  ]);
}

function printHttp(http) {
  say(`HTTP through wrangler dev on 127.0.0.1, ${http.connections} connections, ${http.rounds} rounds, ${http.secondsPerMeasurement} s a measurement, the floor before and after each route (medians of the rounds; ratios to the floor beside; CPU = the Worker's workerd process per request)`);
  const f = http.floor;
  table([
    ['route', 'req/s', 'p50 ms', 'p99 ms', 'CPU ms', '× floor', 'p99 × floor'],
    [`floor: ${f.route}`, f.rps, f.p50, f.p99, f.cpuMsPerRequest.toFixed(2), '1', '1'],
    ...http.routes.map((r) => [`${r.name}: ${r.route}`, r.rps, r.p50, r.p99, r.cpuMsPerRequest.toFixed(2), r.ratio.toFixed(3), r.p99Ratio.toFixed(3)]),
  ]);
}

// ── d1 ──────────────────────────────────────────────────────────────────────────────────────────

/** Runs the round-trip test and takes the counts it recorded in `task.meta`. */
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
    const meta = (key) => tests.find((t) => t.meta?.[key])?.meta[key] ?? null;
    const reads = meta('d1RoundTrips');
    if (!reads) throw new Error(`the round-trip test recorded no counts:\n${tests.map((t) => `${t.status} ${t.fullName}\n${t.failureMessages.join('\n')}`).join('\n')}`.slice(0, 4000));
    const failures = tests.filter((t) => t.status !== 'passed').map((t) => `${t.fullName}: ${t.failureMessages[0]?.split('\n')[0] ?? t.status}`);
    // Writes counted at 10 and 200 items, beside the reads; the other writes once (no target).
    return { reads, savesBySize: meta('d1SaveRoundTrips') ?? {}, writes: meta('d1WriteRoundTrips'), testsPassed: failures.length === 0, failures };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function d1Targets(d1) {
  const counts = { ...d1.reads, ...d1.savesBySize };
  return [
    ...ROUTES.filter((r) => r.roundTrips).map((r) => {
      const c = counts[r.roundTrips.route];
      return {
        name: `${r.name}: D1 round trips ≤ ${r.roundTrips.max}, 10 items = 200 items`,
        value: c ? `${c.items10} / ${c.items200}` : 'not counted',
        limit: r.roundTrips.max,
        pass: !!c && c.items10 <= r.roundTrips.max && c.items200 === c.items10,
      };
    }),
    ...PUBLICATION_ROUND_TRIPS.map((r) => {
      const c = counts[r.route];
      return { name: `publication ${r.name}: D1 round trips ≤ ${r.max}`, value: c ? c.items10 : 'not counted', limit: r.max, pass: !!c && c.items10 <= r.max };
    }),
    { name: `D1 round-trip test (every GET route ≤ ${MAX_D1_ROUND_TRIPS}, 10 items = 200 items)`, value: d1.testsPassed ? 'passed' : 'failed', limit: 'passed', pass: d1.testsPassed },
  ];
}

function printD1(d1) {
  say('D1 round trips per request (counted on the binding)');
  table([['request', '10 items', '200 items'], ...Object.entries({ ...d1.reads, ...d1.savesBySize }).map(([k, c]) => [k, c.items10, c.items200])]);
  if (d1.writes) {
    say('');
    table([['other writes (no target)', 'round trips'], ...Object.entries(d1.writes)]);
  }
  for (const f of d1.failures) say(`  failed: ${f}`);
}

// ── bundle ──────────────────────────────────────────────────────────────────────────────────────

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

// ── letter, consultation-list ───────────────────────────────────────────────────────────────────

/** A renderer's own bench (a tsx script with --json), its JSON object as it is. */
function tsxBench(file, extra = []) {
  const script = join(root, file);
  const res = spawnSync(join(root, 'node_modules/.bin/tsx'), [script, '--json', ...extra], { cwd: root, env: toolEnv, encoding: 'utf8', timeout: 600_000, maxBuffer: 64 * 1024 * 1024 });
  // It exits 1 when it misses a target; that is a FAIL below, not a failed measurement.
  const text = res.stdout?.trim() ?? '';
  if (!text.includes('{')) throw new Error(`${file} failed (${res.status ?? res.signal}):\n${res.stderr}`.slice(0, 4000));
  return JSON.parse(text.slice(text.indexOf('{')));
}

/** The letter's own bench (its bundle size left out: measured above). */
const letterBench = () => tsxBench('scripts/bench-letter.ts', ['--no-bundle']);

function letterTargets(l) {
  const overFloor = Math.max(l.ratios.letterOverFloor20, l.ratios.letterOverFloor200);
  return [
    { name: 'letter: CPU ≤ limit × its pdfmake floor (20 and 200 items)', value: overFloor, limit: l.targets.letterOverFloor, pass: l.pass.letterOverFloor },
    { name: 'letter: 200 items ≤ limit × 20 items (CPU)', value: l.ratios.growth200over20, limit: l.targets.growth200over20, pass: l.pass.growth },
  ];
}

function printLetter(l) {
  const line = (r) => `${r.items} items: ${r.pages} pages, ${kib(r.pdfBytes)} KiB PDF, ${r.letterCpuMs.toFixed(0)} ms CPU (${r.letterOverFloor.toFixed(2)} × its floor)`;
  say(`Letter (scripts/bench-letter.ts, Node): ${line(l.runs.small)}; ${line(l.runs.large)}; growth 20 → 200 items ${l.ratios.growth200over20.toFixed(2)} ×`);
}

/** The integral list's own bench (issue 13): 8 participants, 30 and 300 remarks, against pdfmake's floor. */
function listTargets(l) {
  const overFloor = Math.max(l.ratios.listOverFloor30, l.ratios.listOverFloor300);
  return [
    { name: 'consultation list: CPU ≤ limit × its pdfmake floor (30 and 300 remarks)', value: overFloor, limit: l.targets.listOverFloor, pass: l.pass.listOverFloor },
    { name: 'consultation list: 300 remarks ≤ limit × 30 remarks (CPU)', value: l.ratios.growth300over30, limit: l.targets.growth300over30, pass: l.pass.growth },
  ];
}

function printList(l) {
  const line = (r) => `${r.remarks} remarks: ${r.pages} pages, ${kib(r.pdfBytes)} KiB PDF, ${r.listCpuMs.toFixed(0)} ms CPU (${r.listOverFloor.toFixed(2)} × its floor)`;
  say(
    `Consultation list (scripts/bench-consultation-list.ts, Node, 8 participants, model + PDF + HTML): ${line(l.runs.small)}; ${line(l.runs.large)}; growth 30 → 300 remarks ${l.ratios.growth300over30.toFixed(2)} × (floor ${l.ratios.floorGrowth300over30.toFixed(2)} ×)`,
  );
}

// ── the run ─────────────────────────────────────────────────────────────────────────────────────

const SECTIONS = [
  {
    name: 'bundle',
    title: 'Worker bundle (wrangler deploy --dry-run)',
    run: bundleSize,
    targets: (b) => [{ name: 'Worker bundle ≤ 3 MiB gzip', value: b.gzipBytes, limit: MAX_BUNDLE_GZIP, pass: b.gzipBytes <= MAX_BUNDLE_GZIP }],
    print: (b) => say(`Worker bundle: ${kib(b.bytes)} KiB, ${kib(b.gzipBytes)} KiB gzip (${b.files.map((f) => f.name).join(', ')})`),
  },
  { name: 'd1', title: 'D1 round trips (test/d1-round-trips.test.ts)', run: d1RoundTrips, targets: d1Targets, print: printD1 },
  { name: 'letter', title: 'letter (scripts/bench-letter.ts)', run: letterBench, targets: letterTargets, print: printLetter },
  { name: 'consultation-list', title: 'consultation list (scripts/bench-consultation-list.ts)', run: () => tsxBench('scripts/bench-consultation-list.ts'), targets: listTargets, print: printList },
  { name: 'http', title: 'HTTP (wrangler dev)', run: () => httpFigures(ONLY), targets: httpTargets, print: printHttp },
  // Its own server with 1,000 and then 10,000 bulk-seeded dossiers (scripts/lib/bench-publication.mjs).
  publicationSection({ rounds, median, log, say, table, ROUNDS }),
  {
    name: 'figures',
    title: 'figures (scripts/bench-figures.mjs: 10,000 dossiers over 10 years)',
    run: () => figuresBench({ connections: CONNECTIONS, duration: DURATION, rounds: ROUNDS }),
    targets: (f) => [...f.targets.map((t) => ({ ...t, name: `figures: ${t.name}` })), ...f.errors.map((e) => ({ name: `figures: ${e}`, value: 'error', limit: 'none', pass: false }))],
    print: (f) => printFigures(f, say),
  },
];

/** `--only a,b`: sections and/or routes; a route name measures the floor and that route. */
const ONLY = opts.only ? opts.only.split(',').map((n) => n.trim()).filter(Boolean) : null;
const routeNames = [FLOOR, ...ROUTES].map((r) => r.name);
const unknown = ONLY?.filter((n) => !SECTIONS.some((s) => s.name === n) && !routeNames.includes(n)) ?? [];
if (unknown.length) {
  log(`bench: --only names nothing called ${unknown.join(', ')} (sections: ${SECTIONS.map((s) => s.name).join(', ')}; routes: ${routeNames.join(', ')})`);
  process.exit(2);
}
const wanted = (s) => !ONLY || ONLY.includes(s.name) || (s.name === 'http' && ONLY.some((n) => routeNames.includes(n)));

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

const result = { schema: 'wederwoord-bench/3', startedAt: new Date(started).toISOString(), machine: machine(), only: ONLY };
const targets = [];
for (const s of SECTIONS) {
  result[s.name] = null;
  if (!wanted(s)) continue;
  log(`── ${s.title}`);
  try {
    result[s.name] = await s.run();
    targets.push(...s.targets(result[s.name]));
  } catch (err) {
    errors.push(`${s.name}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
result.machine.loadAverageAtEnd = loadavg().map((l) => Math.round(l * 100) / 100);
result.seconds = Math.round((Date.now() - started) / 1000);
result.targets = targets;
result.errors = errors;
// A partial run (--only) answers for what it measured, not for the targets it left out.
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
  say(`Wederwoord bench — ${r.startedAt}, ${r.seconds} s${r.only ? ` (only ${r.only.join(', ')})` : ''}`);
  say(`machine: ${m.nproc} CPUs (${m.cpu}), ${m.memoryGiB} GiB, load ${m.loadAverageAtStart.join(' ')} → ${m.loadAverageAtEnd.join(' ')}; node ${m.node}; wrangler ${m.wrangler}`);
  for (const s of SECTIONS) {
    if (!r[s.name]) continue;
    say('');
    s.print(r[s.name]);
  }
  say('');
  table([['target', 'value', 'limit', ''], ...r.targets.map((t) => [t.name, typeof t.value === 'number' && !Number.isInteger(t.value) ? t.value.toFixed(3) : t.value, t.limit, t.pass ? 'PASS' : 'FAIL'])]);
  for (const e of r.errors) say(`ERROR ${e}`);
  say('');
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
  for (const [n, row] of rows.entries()) {
    say(row.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  '));
    if (n === 0) say(widths.map((w) => '─'.repeat(w)).join('  '));
  }
}

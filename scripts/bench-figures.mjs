#!/usr/bin/env node
// `node scripts/bench-figures.mjs [--json]`: the figures' own bench (issue 16); `npm run bench` runs it
// as its section "figures" and folds its targets in.
//
// An organisation with 10,000 dossiers received over 10 years (three councils; written into the
// local D1 between two runs of a private `wrangler dev`, see scripts/lib/figures-seed.mjs), then
// the overview page (/overzicht, an official's session) and the API's JSON
// (GET /api/v1/organisations/{slug}/stats, an official's token), each for the current calendar year
// (the default) and for all years. Each is measured beside the same run's one-query floor
// (GET /api/v1/health/database), which is measured just before and after it, at the same concurrency,
// in rounds; the ratios are medians over the rounds.
//
// Targets: the page ≥ 0.20 × the floor, the JSON ≥ 0.25 × the floor (both periods), and all years
// costs at most 3 × one year (throughput of one year ÷ throughput of all years, medians of rounds).
// D1 round trips (at most 2, the same for any period) are counted by test/d1-round-trips.test.ts
// and test/figures.test.ts, not here.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { cpuSeconds, runWrangler, startLocalServer } from './lib/local-server.mjs';
import { client, createWorld, signInByMail } from './lib/fixtures.mjs';
import { figuresSeedSql } from './lib/figures-seed.mjs';

const DEFAULTS = { connections: 32, duration: 5, rounds: 5, dossiers: 10_000, years: 10 };
const TARGETS = { page: 0.2, json: 0.25, allYearsCost: 3 };

const log = (line) => process.stderr.write(`${line}\n`);
const round = (x, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function must(res, what) {
  const r = await res;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${r.text.slice(0, 300)}`);
  return r.body;
}

/** One measurement: autocannon's figures and the Worker's CPU milliseconds per answered request. */
async function measure(base, pid, connections, options, seconds) {
  const cpu0 = cpuSeconds(pid);
  const r = await autocannon({ url: base, connections, duration: seconds, timeout: 30, ...options });
  const cpuMsPerRequest = round(((cpuSeconds(pid) - cpu0) * 1000) / Math.max(1, r.requests.total));
  return { rps: round(r.requests.average, 1), p50: r.latency.p50, p99: r.latency.p99, requests: r.requests.total, cpuMsPerRequest, non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts };
}

/** The organisation, its councils and people through the API; then the years of dossiers straight into D1. */
export async function seeded({ dossiers, years }) {
  const first = await startLocalServer({ log, label: 'wederwoord-bench-figures' });
  let state = null;
  try {
    const call = client(first.base);
    log('Seeding the organisation through the API …');
    const world = await createWorld(call, first.token, { officials: 1, members: 1, label: 'figures' });
    const org = await must(call('GET', `/api/v1/organisations/${world.slug}`, first.token), 'organisation');
    const councilIds = [world.councilId];
    for (const name of ['Jongerenraad Meetstad', 'Participatieraad Meetstad']) {
      councilIds.push((await must(call('POST', `/api/v1/organisations/${world.slug}/councils`, first.token, { name, recipients: ['raad@meetstad.example'] }), 'council')).id);
    }
    const official = world.users.find((u) => u.role === 'official');
    const member = world.users.find((u) => u.role === 'council_member');
    const cookie = await signInByMail(first.base, `${official.name}@${world.slug}.example`);
    await first.stop({ keepState: true });
    state = first.state;

    const today = new Date().toISOString().slice(0, 10);
    const from = `${Number(today.slice(0, 4)) - years + 1}-01-01`;
    log(`Writing ${dossiers} dossiers received ${from} … ${today} into D1 …`);
    const dir = mkdtempSync(join(tmpdir(), 'wederwoord-figures-seed-'));
    try {
      const file = join(dir, 'seed.sql');
      writeFileSync(file, figuresSeedSql({ orgId: org.id, councilIds, userId: member.id, prefix: 'MST', from, to: today, count: dossiers, today, seed: 16 }));
      runWrangler(['d1', 'execute', 'DB', '--local', '--persist-to', state, '--file', file], { timeoutMs: 600_000 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const server = await startLocalServer({ log, label: 'wederwoord-bench-figures', reuse: { state, token: first.token } });
    return { server, world, official, cookie, from, today };
  } catch (err) {
    await first.stop();
    if (state) rmSync(state, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Seeds, measures and judges; returns one JSON-able object with `targets` ([{ name, value, limit,
 * pass }]) for `npm run bench`.
 */
export async function figuresBench(options = {}) {
  const { connections: CONNECTIONS, duration: DURATION, rounds: ROUNDS, dossiers: DOSSIERS, years: YEARS } = { ...DEFAULTS, ...options };
  const { server, world, official, cookie, from, today } = await seeded({ dossiers: DOSSIERS, years: YEARS });
  const errors = [];
  try {
    const api = `/api/v1/organisations/${world.slug}/stats`;
    const bearer = { authorization: `Bearer ${official.token}` };
    // What each view counts, so that the report says what was measured.
    const call = client(server.base);
    const yearFigures = await must(call('GET', api, official.token), 'stats (year)');
    const allFigures = await must(call('GET', `${api}?from=${from}&to=${today}`, official.token), 'stats (all years)');
    if (allFigures.dossiers.received !== DOSSIERS) throw new Error(`all years counts ${allFigures.dossiers.received} dossiers, not ${DOSSIERS}`);

    const routes = {
      floor: { requests: [{ method: 'GET', path: '/api/v1/health/database' }] },
      'page-year': { requests: [{ method: 'GET', path: '/overzicht', headers: { cookie, accept: 'text/html' } }] },
      'page-all': { requests: [{ method: 'GET', path: '/overzicht?van=&tot=', headers: { cookie, accept: 'text/html' } }] },
      'json-year': { requests: [{ method: 'GET', path: api, headers: bearer }] },
      'json-all': { requests: [{ method: 'GET', path: `${api}?from=${from}&to=${today}`, headers: bearer }] },
    };
    const names = Object.keys(routes).filter((n) => n !== 'floor');
    const pid = server.workerPid();
    const run = (name, seconds) => measure(server.base, pid, CONNECTIONS, routes[name], seconds);
    log(`Warming up, then ${ROUNDS} rounds of ${DURATION} s a measurement (${CONNECTIONS} connections), the floor before and after each …`);
    for (const name of Object.keys(routes)) await run(name, 1);
    const rows = [];
    for (let r = 0; r < ROUNDS; r++) {
      const floors = [await run('floor', DURATION)];
      const row = {};
      for (const name of names) {
        row[name] = await run(name, DURATION);
        floors.push(await run('floor', DURATION));
        row[name].floorBeside = round(mean(floors.slice(-2).map((f) => f.rps)), 1);
      }
      row.floor = { rps: round(mean(floors.map((f) => f.rps)), 1), p99: median(floors.map((f) => f.p99)), cpuMsPerRequest: median(floors.map((f) => f.cpuMsPerRequest)), each: floors.map((f) => f.rps) };
      for (const f of [...floors, ...names.map((n) => row[n])]) if (f.non2xx || f.errors || f.timeouts) errors.push(`round ${r + 1}: ${f.non2xx} non-2xx, ${f.errors} errors, ${f.timeouts} timeouts`);
      log(`round ${r + 1}/${ROUNDS}: floor ${row.floor.each.join('/')} req/s; ${names.map((n) => `${n} ${row[n].rps}`).join(', ')} req/s`);
      rows.push(row);
    }
    const summary = (name) => ({
      rps: median(rows.map((row) => row[name].rps)),
      p50: median(rows.map((row) => row[name].p50)),
      p99: median(rows.map((row) => row[name].p99)),
      cpuMsPerRequest: median(rows.map((row) => row[name].cpuMsPerRequest)),
      // Unrounded: the targets are judged on it.
      ratioToFloor: median(rows.map((row) => row[name].rps / row[name].floorBeside)),
    });
    const measured = Object.fromEntries(names.map((n) => [n, summary(n)]));
    // Cost of all years against one year: the ratio of their throughputs, per round, then the median.
    const cost = (kind) => median(rows.map((row) => row[`${kind}-year`].rps / row[`${kind}-all`].rps));
    const allYearsCost = { page: cost('page'), json: cost('json') };
    const targets = [
      ...['page-year', 'page-all'].map((n) => ({ name: `${n}: throughput ≥ ${TARGETS.page}× the one-query floor`, value: measured[n].ratioToFloor, limit: TARGETS.page, pass: measured[n].ratioToFloor >= TARGETS.page })),
      ...['json-year', 'json-all'].map((n) => ({ name: `${n}: throughput ≥ ${TARGETS.json}× the one-query floor`, value: measured[n].ratioToFloor, limit: TARGETS.json, pass: measured[n].ratioToFloor >= TARGETS.json })),
      ...['page', 'json'].map((k) => ({ name: `${k}: all years costs ≤ ${TARGETS.allYearsCost}× one year`, value: allYearsCost[k], limit: TARGETS.allYearsCost, pass: allYearsCost[k] <= TARGETS.allYearsCost })),
    ];
    return {
      dossiers: DOSSIERS,
      years: YEARS,
      period: { year: `${today.slice(0, 4)}-01-01 … ${today.slice(0, 4)}-12-31`, allYears: `${from} … ${today}` },
      received: { year: yearFigures.dossiers.received, allYears: allFigures.dossiers.received },
      connections: CONNECTIONS,
      secondsPerMeasurement: DURATION,
      rounds: ROUNDS,
      floor: { route: 'GET /api/v1/health/database', rps: median(rows.map((r) => r.floor.rps)), p99: median(rows.map((r) => r.floor.p99)), cpuMsPerRequest: median(rows.map((r) => r.floor.cpuMsPerRequest)) },
      routes: {
        'page-year': { route: 'GET /overzicht (this year)', ...measured['page-year'] },
        'page-all': { route: 'GET /overzicht?van=&tot= (all years)', ...measured['page-all'] },
        'json-year': { route: `GET ${api.replace(world.slug, '{slug}')} (this year)`, ...measured['json-year'] },
        'json-all': { route: `GET ${api.replace(world.slug, '{slug}')}?from…to (all years)`, ...measured['json-all'] },
      },
      allYearsCost,
      targets,
      errors,
      pass: errors.length === 0 && targets.every((t) => t.pass),
      raw: rows,
    };
  } finally {
    await server.stop();
  }
}

/** The section's lines in `npm run bench`'s table (and this script's own output). */
export function printFigures(result, say) {
  say(`Figures (scripts/bench-figures.mjs): ${result.dossiers} dossiers over ${result.years} years; this year ${result.received.year} received, all years ${result.received.allYears}; the floor before and after each (medians of ${result.rounds} rounds)`);
  say(`  floor ${result.floor.route}: ${result.floor.rps} req/s, p99 ${result.floor.p99} ms, ${result.floor.cpuMsPerRequest.toFixed(2)} ms CPU`);
  for (const r of Object.values(result.routes)) say(`  ${r.route}: ${r.rps} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.cpuMsPerRequest.toFixed(2)} ms CPU, ${r.ratioToFloor.toFixed(3)} × floor`);
  say(`  all years ÷ one year (cost): page ${result.allYearsCost.page.toFixed(3)}, JSON ${result.allYearsCost.json.toFixed(3)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values: opts } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      connections: { type: 'string', default: String(DEFAULTS.connections) },
      duration: { type: 'string', default: String(DEFAULTS.duration) },
      rounds: { type: 'string', default: String(DEFAULTS.rounds) },
      dossiers: { type: 'string', default: String(DEFAULTS.dossiers) },
      years: { type: 'string', default: String(DEFAULTS.years) },
    },
  });
  const result = await figuresBench(Object.fromEntries(['connections', 'duration', 'rounds', 'dossiers', 'years'].map((k) => [k, Number(opts[k])])));
  if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    const say = (line) => process.stdout.write(`${line}\n`);
    printFigures(result, say);
    for (const t of result.targets) say(`${t.pass ? 'PASS' : 'FAIL'} ${t.name}: ${t.value.toFixed(3)} (limit ${t.limit})`);
    for (const e of result.errors) say(`ERROR ${e}`);
  }
  process.exit(result.errors.length ? 1 : 0);
}

#!/usr/bin/env node
// Dev tool: CPU profile of the Worker (through wrangler dev's inspector) while autocannon drives one
// of the bench's routes (scripts/lib/bench-routes.mjs, same data); prints the functions with the
// most self and inclusive time. Not part of the bench.
//
//   node scripts/profile-route.mjs --route <an entry of scripts/lib/bench-routes.mjs: json-read, consultation-read, …, floor> [--seconds 5] [--out profile.cpuprofile]
import { parseArgs } from 'node:util';
import { writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import WebSocket from 'ws';
import { startLocalServer } from './lib/local-server.mjs';
import { benchContext, routesNamed } from './lib/bench-routes.mjs';

const { values: opts } = parseArgs({ options: { route: { type: 'string', default: 'json-read' }, seconds: { type: 'string', default: '5' }, out: { type: 'string' } } });
const log = (l) => process.stderr.write(`${l}\n`);
const entry = routesNamed([opts.route]).find((r) => r.name === opts.route);
const server = await startLocalServer({ log, label: 'wederwoord-profile' });
try {
  const made = await entry.setup(await benchContext(server));
  const options = typeof made === 'function' ? made : () => made;
  const list = await (await fetch(`http://127.0.0.1:${server.inspectorPort}/json`)).json();
  log(JSON.stringify(list.map((t) => [t.title, t.webSocketDebuggerUrl])));
  const target = list.find((t) => !/proxy/i.test(t.title)) ?? list[0];
  const ws = new WebSocket(target.webSocketDebuggerUrl, { headers: { origin: 'http://127.0.0.1' } });
  await new Promise((r, j) => { ws.on('open', r); ws.on('error', j); });
  let id = 0;
  const pending = new Map();
  ws.on('message', (m) => { const msg = JSON.parse(String(m)); if (msg.id && pending.has(msg.id)) { pending.get(msg.id)(msg); pending.delete(msg.id); } });
  const send = (method, params = {}) => new Promise((r) => { const i = ++id; pending.set(i, r); ws.send(JSON.stringify({ id: i, method, params })); });
  await autocannon({ url: server.base, connections: 16, duration: 2, ...(await options()) });
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: 200 });
  await send('Profiler.start');
  const res = await autocannon({ url: server.base, connections: 32, duration: Number(opts.seconds), ...(await options()) });
  const { result } = await send('Profiler.stop');
  log(`${opts.route}: ${res.requests.average} req/s, ${res.requests.total} requests, non2xx ${res.non2xx}`);
  const profile = result.profile;
  if (opts.out) writeFileSync(opts.out, JSON.stringify(profile));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const counts = new Map();
  for (const s of profile.samples) counts.set(s, (counts.get(s) ?? 0) + 1);
  const total = profile.samples.length;
  for (const [nid, c] of counts) {
    const n = byId.get(nid);
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + c);
  }
  // inclusive by function name
  const parent = new Map();
  for (const n of profile.nodes) for (const ch of n.children ?? []) parent.set(ch, n.id);
  const incl = new Map();
  for (const [nid, c] of counts) {
    const seen = new Set();
    for (let x = nid; x !== undefined; x = parent.get(x)) {
      const n = byId.get(x);
      const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber}`;
      if (seen.has(key)) continue; seen.add(key);
      incl.set(key, (incl.get(key) ?? 0) + c);
    }
  }
  const idle = [...self.entries()].filter(([k]) => /\(idle\)|\(program\)/.test(k)).reduce((s, [, c]) => s + c, 0);
  log(`samples ${total}, idle/program ${idle} (${((idle / total) * 100).toFixed(1)}%)`);
  log('── self');
  for (const [k, c] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30)) log(`${((c / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
  log('── inclusive');
  for (const [k, c] of [...incl.entries()].sort((a, b) => b[1] - a[1]).slice(0, 60)) log(`${((c / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
  ws.close();
} finally {
  await server.stop();
}

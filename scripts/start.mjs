#!/usr/bin/env node
// `npm start`: the product on a laptop. Applies the local D1 migrations, starts `wrangler dev`
// (local D1 and R2, no accounts), seeds the demo through the public API if the database is
// empty, and prints how to sign in and use the API. Running it again never duplicates data.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { seedDemo } from './seed.mjs';

const root = new URL('..', import.meta.url).pathname;
const port = Number(process.env.PORT || 8787);
// Absolute or relative to the repository: wrangler and the demo token file must agree.
const persist = resolve(root, process.env.WEDERWOORD_STATE || '.wrangler/state');
const wrangler = `${root}node_modules/.bin/wrangler`;

function adminToken() {
  if (process.env.ADMIN_TOKEN) return { token: process.env.ADMIN_TOKEN, source: 'ADMIN_TOKEN from the environment' };
  const devVars = `${root}.dev.vars`;
  if (!existsSync(devVars)) {
    copyFileSync(`${root}.dev.vars.example`, devVars);
    const fresh = randomBytes(24).toString('base64url');
    writeFileSync(devVars, readFileSync(devVars, 'utf8').replace(/^ADMIN_TOKEN=.*$/m, `ADMIN_TOKEN=${fresh}`));
    console.log('Created .dev.vars with a fresh ADMIN_TOKEN.');
  }
  const match = readFileSync(devVars, 'utf8').match(/^ADMIN_TOKEN=(.+)$/m);
  if (!match) throw new Error('.dev.vars has no ADMIN_TOKEN line');
  return { token: match[1].trim(), source: '.dev.vars' };
}

/** Whether nothing listens on the port yet (wrangler would fail, and we would seed a stranger). */
function portIsFree(p) {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(p, '127.0.0.1', () => probe.close(() => done(true)));
  });
}

if (!(await portIsFree(port))) {
  console.error(`Port ${port} is already in use. Stop what runs there or choose another port: PORT=8788 npm start`);
  process.exit(1);
}

const { token, source } = adminToken();

const migrate = spawnSync(wrangler, ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' },
});
if (migrate.status !== 0) process.exit(migrate.status ?? 1);

// Local development: the mailbox and demo sign-in exist, and links follow the address in the
// browser (PUBLIC_URL cleared, should wrangler.toml name a deployment's).
const args = ['dev', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', persist, '--var', 'ENVIRONMENT:development', '--var', 'PUBLIC_URL:', '--var', `ADMIN_TOKEN:${token}`, '--test-scheduled'];
const dev = spawn(wrangler, args, { cwd: root, stdio: ['inherit', 'pipe', 'inherit'], env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } });
dev.stdout.pipe(process.stdout);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => dev.kill(signal));
dev.on('exit', (code) => process.exit(code ?? 0));

const base = `http://127.0.0.1:${port}`;
await waitForServer(base);
const demo = await seedDemo(base, token, `${persist}/demo-tokens.json`);
// What people open: localhost, not 127.0.0.1, because passkeys (WebAuthn) need a domain name.
const site = `http://localhost:${port}`;

console.log(`
────────────────────────────────────────────────────────────────────────
 Wederwoord runs at ${site}
 Sign in:      ${site}/login  (local development: pick a demo user; mail lands in ${site}/dev/outbox)
               Approvers and admins then set up a passkey (your browser's or your device's).
 API docs:     ${site}/api/v1/openapi.json
 Admin token:  ${token}   (${source})
   curl -H "Authorization: Bearer ${token}" ${base}/api/v1/organisations
 Demo API tokens (organisation "${demo.slug}"):
${Object.entries(demo.tokens)
  .map(([k, v]) => `   ${k.padEnd(18)} ${v}`)
  .join('\n')}
────────────────────────────────────────────────────────────────────────`);

async function waitForServer(url) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/api/v1/openapi.json`);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  console.error('wrangler dev did not come up within 2 minutes');
  dev.kill();
  process.exit(1);
}


/** A real `wrangler dev` for the browser tests: its own port, its own state directory, a fresh admin token. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

const root = path.resolve(import.meta.dirname, '../..');
const wrangler = path.join(root, 'node_modules/.bin/wrangler');

export type DevServer = { base: string; adminToken: string; persist: string; stop: (opts?: { keepState?: boolean }) => Promise<void> };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

const env = { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' };

/** `persist`: the state of a server stopped with `keepState` (to write data into D1 between two runs). */
export async function startDevServer(opts: { persist?: string } = {}): Promise<DevServer> {
  const persist = opts.persist ?? mkdtempSync(path.join(tmpdir(), 'wederwoord-browser-'));
  const adminToken = randomBytes(24).toString('base64url');
  const migrate = spawnSync(wrangler, ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist], { cwd: root, env, encoding: 'utf8' });
  if (migrate.status !== 0) throw new Error(`migrations failed: ${migrate.stdout}\n${migrate.stderr}`);

  const port = await freePort();
  // localhost, not 127.0.0.1: passkeys (WebAuthn) need a domain name as the relying party's id.
  const base = `http://localhost:${port}`;
  // As under npm start: local development (mailbox, demo sign-in), links follow the browser's address.
  const args = ['dev', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', persist, '--var', 'ENVIRONMENT:development', '--var', 'PUBLIC_URL:', '--var', `ADMIN_TOKEN:${adminToken}`];
  // Its own process group, so that stopping it stops workerd too (and nothing else).
  const child: ChildProcess = spawn(wrangler, args, { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));

  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited:\n${log}`);
    try {
      const res = await fetch(`${base}/api/v1/openapi.json`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`wrangler dev did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 300));
  }

  const stop = async ({ keepState = false } = {}) => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    }
    if (!keepState) rmSync(persist, { recursive: true, force: true });
  };
  return { base, adminToken, persist, stop };
}

// A private `wrangler dev` for the bench and the load run: a free port on 127.0.0.1, a fresh
// temporary D1/R2 state with the app's migrations applied, a random ADMIN_TOKEN passed as a var. It
// is always stopped (with its whole process group) when the caller stops it, exits or is interrupted.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export const root = new URL('../..', import.meta.url).pathname;
export const wrangler = join(root, 'node_modules/.bin/wrangler');
// node_modules/.bin first, so that wrangler runs on the Node it needs also outside `npm run`.
export const toolEnv = { ...process.env, PATH: `${join(root, 'node_modules/.bin')}:${process.env.PATH}`, WRANGLER_SEND_METRICS: 'false' };
const quietEnv = { ...toolEnv, CI: 'true', NO_COLOR: '1' };

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs wrangler to completion; throws with its output when it fails. */
export function runWrangler(args, { timeoutMs = 120_000 } = {}) {
  const res = spawnSync(wrangler, args, { cwd: root, env: quietEnv, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024 });
  if (res.status !== 0) throw new Error(`wrangler ${args.join(' ')} failed (${res.status ?? res.signal}):\n${res.stdout}\n${res.stderr}`);
  return res.stdout;
}

/** Clock ticks per second, the unit of utime and stime in /proc/<pid>/stat. */
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces): [state, ppid, pgrp, …]. */
function procStat(pid) {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

/** User plus system CPU seconds that process `pid` (all its threads) has spent so far. */
export function cpuSeconds(pid) {
  const f = procStat(pid);
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the command name.
  return (Number(f[11]) + Number(f[12])) / CLOCK_TICKS;
}

/**
 * Starts the Worker in local development (ENVIRONMENT=development, as under npm start: the local
 * mailbox, links to the address called). `log` receives progress lines (stderr by default); `vars`
 * are passed as `--var NAME:value` after those. Returns the base URL,
 * the admin token, the state directory, `query(sql)` (wrangler d1 execute on that state; only
 * after `stop()`, so that no two processes write the database), `workerPid()` and `stop()`.
 */
export async function startLocalServer({ log = (line) => process.stderr.write(`${line}\n`), startTimeoutMs = 120_000, label = 'wederwoord', vars = {}, reuse = null } = {}) {
  // `reuse`: { state, token } of a server stopped with keepState (its data, e.g. bulk-seeded with
  // query(), served again); otherwise a fresh state with the migrations applied.
  const state = reuse?.state ?? mkdtempSync(join(tmpdir(), `${label}-`));
  const token = reuse?.token ?? randomBytes(24).toString('base64url');
  const [port, inspectorPort] = [await freePort(), await freePort()];
  const persist = ['--persist-to', state];

  if (!reuse) {
    log(`Applying migrations to a fresh local D1 in ${state} …`);
    runWrangler(['d1', 'migrations', 'apply', 'DB', '--local', ...persist]);
  }

  const logFile = join(state, 'wrangler-dev.log');
  const out = createWriteStream(logFile);
  const args = [
    'dev',
    '--ip', '127.0.0.1',
    '--port', String(port),
    '--inspector-port', String(inspectorPort),
    ...persist,
    '--var', `ADMIN_TOKEN:${token}`,
    // A local server on 127.0.0.1: local development, where links follow the address the server is
    // called at (outside it PUBLIC_URL is required and the Worker answers 503 without one).
    '--var', 'ENVIRONMENT:development',
    '--var', 'PUBLIC_URL:',
    ...Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]),
    // Per-request log lines would cost the dev server CPU that production never spends.
    '--log-level', 'warn',
    '--show-interactive-dev-session=false',
  ];
  // A process group of its own, so that stopping it also stops workerd underneath.
  // NODE_ENV=production: wrangler bundles as `wrangler deploy` does (React in production mode); the
  // default for `wrangler dev` is a development build, whose React costs many times the CPU per page.
  const child = spawn(wrangler, args, { cwd: root, env: { ...quietEnv, NODE_ENV: 'production' }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  let exited = null;
  const exitedPromise = new Promise((resolve) => child.on('exit', (code, signal) => resolve((exited = { code, signal }))));

  const killGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      /* already gone */
    }
  };
  const onExit = () => killGroup('SIGKILL');
  const onSignal = (signal) => {
    killGroup('SIGKILL');
    rmSync(state, { recursive: true, force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('exit', onExit);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let stopped = false;
  async function stop({ keepState = false } = {}) {
    if (!stopped) {
      stopped = true;
      if (!exited) {
        killGroup('SIGTERM');
        const timer = setTimeout(() => killGroup('SIGKILL'), 5_000);
        await exitedPromise;
        clearTimeout(timer);
        // Whatever is left of the group (workerd) goes too.
        killGroup('SIGKILL');
      }
      out.end();
      process.off('exit', onExit);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
    if (!keepState) rmSync(state, { recursive: true, force: true });
  }

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + startTimeoutMs;
  log(`Starting wrangler dev on ${base} …`);
  for (;;) {
    if (exited) {
      const tail = readFileSync(logFile, 'utf8').slice(-4000);
      await stop();
      throw new Error(`wrangler dev exited (${exited.code ?? exited.signal}) before it answered:\n${tail}`);
    }
    let answer = null;
    try {
      const res = await fetch(`${base}/api/v1/health`);
      if (res.ok) break;
      // Listening, but not serving (a 503 names the configuration it misses): say so at once.
      answer = `${res.status} ${await res.text()}`;
      if (res.status === 503) {
        await stop();
        throw new Error(`wrangler dev answers ${answer}`);
      }
    } catch (err) {
      if (answer) throw err;
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`wrangler dev did not answer within ${startTimeoutMs / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  /**
   * SQL against the server's D1 state, one result list per statement (call after
   * stop({ keepState: true }), so that no two processes write the database).
   */
  function query(...statements) {
    const outText = runWrangler(['d1', 'execute', 'DB', '--local', ...persist, '--json', '--command', statements.join(';\n')]);
    return JSON.parse(outText).map((r) => r.results ?? []);
  }

  /** Runs an SQL file against the server's D1 state (after stop({ keepState: true }), like query()). */
  function executeFile(file, { timeoutMs = 600_000 } = {}) {
    runWrangler(['d1', 'execute', 'DB', '--local', ...persist, '--file', file, '--yes'], { timeoutMs });
  }

  /**
   * The process id of the workerd that runs the Worker (and, locally, D1 beside it). wrangler dev
   * starts two in its process group: a proxy on the public port, and the Worker's runtime, the
   * only one started with an inspector (`--inspector-addr`). Its CPU time is what Workers bills.
   */
  function workerPid() {
    const found = [];
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        if (Number(procStat(name)[2]) !== child.pid) continue;
        const args = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
        if (/workerd$/.test(args[0]) && args.some((a) => a.startsWith('--inspector-addr'))) found.push(Number(name));
      } catch {
        /* gone meanwhile */
      }
    }
    if (found.length !== 1) throw new Error(`expected one workerd running the Worker in wrangler dev's process group, found ${found.length}`);
    return found[0];
  }

  return { base, token, state, logFile, inspectorPort, stop, query, executeFile, workerPid };
}

/**
 * `npm start` as a newcomer runs it: the real wrangler bundle (not vitest's module runner, which
 * papers over things like `__dirname`), migrations, the demo seed, and a second start that must
 * not duplicate anything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
// An absolute state directory outside the repository (WEDERWOORD_STATE), removed afterwards.
const state = mkdtempSync(join(tmpdir(), 'wederwoord-start-'));
const ADMIN = 'npm-start-test-admin-token';
const running: ChildProcess[] = [];

afterAll(() => {
  for (const p of running) if (p.exitCode === null) p.kill('SIGTERM');
  rmSync(state, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

type Started = { child: ChildProcess; base: string; tokens: Record<string, string>; output: string };

function start(port: number): Promise<Started> {
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), ADMIN_TOKEN: ADMIN, WEDERWOORD_STATE: state, WRANGLER_SEND_METRICS: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const banner = output.match(/Demo API tokens[^\n]*\n((?:\s+\w+\s+ww_\S+\n)+)/);
      if (banner) {
        const tokens = Object.fromEntries([...banner[1].matchAll(/(\w+)\s+(ww_\S+)/g)].map((m) => [m[1], m[2]]));
        resolve({ child, base: `http://127.0.0.1:${port}`, tokens, output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`npm start exited (${code}) before serving:\n${output.slice(-3000)}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

const get = async (base: string, path: string, token?: string) => {
  const res = await fetch(base + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, bytes: new Uint8Array(await res.arrayBuffer()) };
};
const json = (r: { bytes: Uint8Array }) => JSON.parse(new TextDecoder().decode(r.bytes));

describe('npm start', () => {
  it('refuses a port that is already taken instead of seeding whatever listens there', async () => {
    const port = await freePort();
    const squatter: Server = createServer().listen(port, '127.0.0.1');
    try {
      const child = spawn(process.execPath, ['scripts/start.mjs'], {
        cwd: root,
        env: { ...process.env, PORT: String(port), ADMIN_TOKEN: ADMIN, WEDERWOORD_STATE: state },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      running.push(child);
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const code = await new Promise((resolve) => child.on('exit', resolve));
      expect(code).not.toBe(0);
      expect(stderr).toContain(`Port ${port} is already in use`);
      expect(existsSync(join(state, 'v3'))).toBe(false);
    } finally {
      squatter.close();
    }
  });

  it('serves the demo from the real bundle, renders a letter, and a second start duplicates nothing', async () => {
    const port = await freePort();
    const first = await start(port);
    const { official } = first.tokens;
    expect(Object.keys(first.tokens).sort()).toEqual(['admin', 'approver', 'council_member', 'council_secretary', 'official', 'official2']);
    // The token file lives in the chosen state directory, not in a copy of its path under the repository.
    expect(existsSync(join(state, 'demo-tokens.json'))).toBe(true);
    expect(existsSync(join(root, state))).toBe(false);

    const list = await get(first.base, '/api/v1/organisations/voorbeeld/advice', official);
    expect(list.status).toBe(200);
    const dossiers = json(list).items as { id: string; status: string }[];
    expect(dossiers.map((d) => d.status).sort()).toEqual(['in_review', 'sent', 'submitted']);
    // pdfmake inside the wrangler bundle: the concept letter renders.
    const pdf = await get(first.base, `/api/v1/advice/${dossiers.find((d) => d.status === 'in_review')!.id}/letter.pdf`, official);
    expect(pdf.status).toBe(200);
    expect(new TextDecoder().decode(pdf.bytes.slice(0, 5))).toBe('%PDF-');
    // The open consultation of the demo, and its concept list from the same bundle.
    const rounds = json(await get(first.base, '/api/v1/organisations/voorbeeld/consultations', official)).items as { id: string; status: string }[];
    const open = rounds.find((r) => r.status === 'open');
    expect(open).toMatchObject({ participantCount: 3, remarkCount: 5, answeredCount: 1 });
    const listPdf = await get(first.base, `/api/v1/consultations/${open!.id}/list.pdf`, official);
    expect(listPdf.status).toBe(200);
    expect(new TextDecoder().decode(listPdf.bytes.slice(0, 5))).toBe('%PDF-');
    // The demo's sent dossier and sent list are public: a resident finds them without signing in.
    const publicAdvice = json(await get(first.base, '/api/v1/public/voorbeeld/advice?q=woonvisie')).items as { id: string; title: string }[];
    expect(publicAdvice.map((d) => d.title)).toEqual(['Advies over de Woonvisie 2026-2030']);
    const signed = await get(first.base, `/api/v1/public/voorbeeld/advice/${publicAdvice[0].id}/letter.pdf`);
    expect(signed.status).toBe(200);
    expect(new TextDecoder().decode(signed.bytes.slice(0, 5))).toBe('%PDF-');
    const publicLists = json(await get(first.base, '/api/v1/public/voorbeeld/consultations')).items as { title: string }[];
    expect(publicLists.map((l) => l.title)).toEqual(['Integrale lijst reacties op het Preventieakkoord 2026']);
    await stop(first.child);

    const second = await start(port);
    expect(second.output).not.toContain('Seeded the demo');
    expect(second.tokens).toEqual(first.tokens);
    const again = json(await get(second.base, '/api/v1/organisations/voorbeeld/advice', official)).items as { id: string }[];
    expect(again.map((d) => d.id).sort()).toEqual(dossiers.map((d) => d.id).sort());
    expect(json(await get(second.base, '/api/v1/organisations', ADMIN)).items).toHaveLength(1);
    expect(json(await get(second.base, '/api/v1/organisations/voorbeeld/users', ADMIN)).items).toHaveLength(6);
    await stop(second.child);
  }, 300_000);
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * scripts/rebuild-search-index.ts as an operator runs it, against a real local D1 made by wrangler
 * with the app's migrations: it drops the index (as before `wrangler d1 export`) and rebuilds it from
 * the base tables, after which the public dossiers are found again and nothing else is in it.
 */

const root = path.resolve(import.meta.dirname, '../..');
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);
const env = { ...process.env, CI: 'true', NO_COLOR: '1', WRANGLER_SEND_METRICS: 'false', PATH: `${path.join(root, 'node_modules/.bin')}:${process.env.PATH}` };
let state: string;

function run(cmd: string, args: string[]) {
  const res = spawnSync(cmd, args, { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
  if (res.status !== 0) throw new Error(`${path.basename(cmd)} ${args.join(' ')}: ${res.status}\n${res.stdout}\n${res.stderr}`);
  return res.stdout;
}
const sql = (command: string) => JSON.parse(run(bin('wrangler'), ['d1', 'execute', 'DB', '--local', '--persist-to', state, '--json', '--command', command]))[0].results as Record<string, unknown>[];
const rebuild = (...args: string[]) => run(bin('tsx'), ['scripts/rebuild-search-index.ts', '--local', '--persist-to', state, ...args]);

const snapshot = (title: string, text: string, section: string) =>
  JSON.stringify({
    dossier: { title, intro: 'Inleiding.', items: [{ id: 'i1', kind: 'advice', number: 1, section, text, response: { text: 'Wij nemen dit over.', status: 'adopted' } }] },
    council: { name: 'Adviesraad Sociaal Domein' },
  });

beforeAll(() => {
  state = mkdtempSync(path.join(tmpdir(), 'wederwoord-rebuild-'));
  run(bin('wrangler'), ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state]);
  const now = '2026-11-02T10:00:00.000Z';
  const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
  sql(
    [
      `INSERT INTO organisations (id, slug, name, letterhead, signatories, sign_off, contact, reference_prefix, created_at) VALUES ('o1', 'teststad', 'Gemeente Teststad', '{"addressLines":["Markt 1"]}', '[{"title":"de burgemeester","name":"A. B."}]', 'b en w', '{"name":"C."}', 'TST', ${q(now)})`,
      `INSERT INTO councils (id, org_id, name, salutation, recipients, created_at) VALUES ('c1', 'o1', 'Adviesraad Sociaal Domein', 'Geachte leden,', '["r@x.example"]', ${q(now)})`,
      `INSERT INTO users (id, org_id, email, name, role, created_at) VALUES ('u1', 'o1', 'u@x.example', 'U', 'official', ${q(now)})`,
      ...[
        ['a1', 'sent', 'Advies over eenzaamheid', 'Open de buurthuizen op zondag.', 'Ontmoeting'],
        ['a2', 'sent', 'Advies over mantelzorg', 'Steun mantelzorgers.', 'Zorg'],
        ['a3', 'signed', 'Advies over armoede', 'Nog niet verzonden: eenzaamheid.', 'Ontmoeting'],
      ].map(
        ([id, status, title, text, section]) =>
          `INSERT INTO advice (id, org_id, council_id, title, kind, letter_date, status, reference, created_by, snapshot, created_at, updated_at, sent_at)
           VALUES (${q(id)}, 'o1', 'c1', ${q(title)}, 'solicited', '2026-10-01', ${q(status)}, ${q(`TST-2026-0000${id[1]}`)}, 'u1', ${q(snapshot(title, text, section))}, ${q(now)}, ${q(now)}, ${status === 'sent' ? q(now) : 'NULL'})`,
      ),
      // What the app wrote when the two were sent (the third is signed only: not public).
      ...['a1', 'a2'].map(
        (id, n) =>
          `INSERT INTO public_advice (seq, advice_id, org_id, council_id, title, reference, letter_date, sent_at, sent_on, published_at)
           SELECT ${n + 1}, id, org_id, council_id, title, reference, letter_date, sent_at, '2026-11-02', sent_at FROM advice WHERE id = ${q(id)}`,
      ),
    ].join(';\n'),
  );
}, 180_000);

afterAll(() => {
  if (state) rmSync(state, { recursive: true, force: true });
});

describe('scripts/rebuild-search-index.ts', () => {
  it('drops the index and rebuilds it from the base tables: the public dossiers, nothing else', () => {
    // The migration made the table; nothing is indexed yet (the rows above bypassed the app).
    expect(sql('SELECT count(*) AS n FROM public_search')[0].n).toBe(0);
    rebuild('--drop');
    expect(sql("SELECT count(*) AS n FROM sqlite_master WHERE name = 'public_search'")[0].n).toBe(0);
    rebuild();
    expect(sql('SELECT rowid FROM public_search ORDER BY rowid').map((r) => r.rowid)).toEqual([1, 2]);
    // Found as the app searches: accents and case folded, the last word a prefix; the signed one is not there.
    expect(sql(`SELECT rowid FROM public_search WHERE public_search MATCH '"EENZAAM"*'`).map((r) => r.rowid)).toEqual([1]);
    expect(sql(`SELECT rowid FROM public_search WHERE public_search MATCH '"ontmoeting"'`).map((r) => r.rowid)).toEqual([1]);
    expect(sql(`SELECT rowid FROM public_search WHERE public_search MATCH '"mantelzorgers"'`).map((r) => r.rowid)).toEqual([2]);
    // Run twice, the same index.
    rebuild();
    expect(sql('SELECT count(*) AS n FROM public_search')[0].n).toBe(2);
  }, 180_000);

  it('prints its SQL for a review', () => {
    const printed = run(bin('tsx'), ['scripts/rebuild-search-index.ts', '--print']);
    expect(printed).toMatch(/^DROP TABLE IF EXISTS public_search;\nCREATE VIRTUAL TABLE public_search USING fts5\(/);
    expect(printed).toContain('INSERT INTO public_search (rowid, title, meta, items, responses) SELECT p.seq');
  });
});

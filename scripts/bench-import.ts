/**
 * What importing an advice letter costs (issue 14): CPU time to read and split a ten-page Word
 * letter and a ten-page PDF letter, and the Worker bundle's size with both readers in it.
 *
 * - In the Worker: `wrangler dev` (the production bundle) takes each letter through
 *   POST /api/v1/organisations/{slug}/imports, ROUNDS times; the CPU is that of the workerd process
 *   running the Worker (/proc), per request, beside the same request with a one-line text letter
 *   (what storing, hashing, D1 and R2 cost without a parse). The first PDF of an isolate also loads
 *   pdf.js: reported apart.
 * - In Node (the same code on the same V8), the parse alone: median of ROUNDS after a warm-up.
 * - The bundle: `wrangler deploy --dry-run --outdir`, every file gzipped.
 *
 *   npx tsx scripts/bench-import.ts            # table
 *   npx tsx scripts/bench-import.ts --json     # one JSON object
 *   npx tsx scripts/bench-import.ts --no-worker --no-bundle
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

process.env.NODE_ENV ??= 'production';
const args = new Set(process.argv.slice(2));
const json = args.has('--json');
const say = (line: string) => (json ? process.stderr : process.stdout).write(`${line}\n`);
const ROUNDS = 10;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const { longDocx, longPdf, LONG_ITEMS } = await import('../test/fixtures/import/long-letter');
const { readLetter } = await import('../worker/services/import/read');
// The bench's own local server (plain JavaScript, no types): a private wrangler dev, /proc CPU.
const serverLib: string = './lib/local-server.mjs';
const { startLocalServer, cpuSeconds, runWrangler } = await import(serverLib);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (n: number) => Math.round(n * 10) / 10;

const docx = longDocx();
const pdfBytes = await longPdf();
const pdfPages = (new TextDecoder('latin1').decode(pdfBytes).match(/\/Type\s*\/Page[^s]/g) ?? []).length;
const result: Record<string, unknown> = { letters: { docx: { bytes: docx.length }, pdf: { bytes: pdfBytes.length, pages: pdfPages }, items: LONG_ITEMS } };

/** CPU milliseconds of one call in this process. */
async function cpuOf(work: () => Promise<unknown>) {
  const before = process.cpuUsage();
  await work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

// ── In Node: the parse alone ──────────────────────────────────────────────────────────────────
{
  const firstPdf = await cpuOf(() => readLetter(pdfBytes, 'application/pdf'));
  const node: Record<string, unknown> = { firstPdfWithPdfjsLoad: ms(firstPdf) };
  for (const [name, bytes, type] of [['docx', docx, DOCX], ['pdf', pdfBytes, 'application/pdf']] as const) {
    const reading = await readLetter(bytes, type);
    if (reading.draft.items.length !== LONG_ITEMS) throw new Error(`${name}: ${reading.draft.items.length} items read, ${LONG_ITEMS} expected`);
    await cpuOf(() => readLetter(bytes, type));
    const runs: number[] = [];
    for (let i = 0; i < ROUNDS; i++) runs.push(await cpuOf(() => readLetter(bytes, type)));
    node[name] = { medianMs: ms(median(runs)), maxMs: ms(Math.max(...runs)) };
  }
  result.node = node;
}

// ── In the Worker: through the API, CPU of workerd from /proc ─────────────────────────────────
if (!args.has('--no-worker')) {
  const server = await startLocalServer({ log: (l: string) => process.stderr.write(`${l}\n`), label: 'wederwoord-bench-import' });
  try {
    const call = async (method: string, path: string, body: unknown, token = server.token) => {
      const res = await fetch(`${server.base}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<any>;
    };
    await call('POST', '/api/v1/organisations', {
      slug: 'bench',
      name: 'Gemeente Bench',
      letterhead: { addressLines: ['Markt 1'] },
      signatories: [{ title: 'de burgemeester', name: 'B. Ench' }],
      signOff: 'burgemeester en wethouders van Bench',
      contact: { name: 'B. Ench' },
      referencePrefix: 'BEN',
    });
    const user = await call('POST', '/api/v1/organisations/bench/users', { email: 'official@bench.example', name: 'Official', role: 'official' });
    const { token } = await call('POST', `/api/v1/organisations/bench/users/${user.id}/tokens`, {});
    const pid = server.workerPid();
    const upload = async (bytes: Uint8Array, type: string) => {
      const res = await fetch(`${server.base}/api/v1/organisations/bench/imports`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body: bytes });
      if (res.status !== 201) throw new Error(`import: ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { draft: { items: unknown[] } };
      return body.draft.items.length;
    };
    const workerCpu = async (bytes: Uint8Array, type: string) => {
      const before = cpuSeconds(pid);
      await upload(bytes, type);
      return (cpuSeconds(pid) - before) * 1000;
    };
    const tiny = new TextEncoder().encode('Advies 1: Plant meer bomen.');
    const worker: Record<string, unknown> = {};
    // The first PDF of this isolate loads pdf.js.
    worker.firstPdfWithPdfjsLoad = ms(await workerCpu(pdfBytes, 'application/pdf'));
    for (const [name, bytes, type] of [['baseline (one-line text)', tiny, 'text/plain'], ['docx', docx, DOCX], ['pdf', pdfBytes, 'application/pdf']] as const) {
      await workerCpu(bytes, type);
      const runs: number[] = [];
      for (let i = 0; i < ROUNDS; i++) runs.push(await workerCpu(bytes, type));
      worker[name] = { medianMs: ms(median(runs)), maxMs: ms(Math.max(...runs)) };
    }
    const base = (worker['baseline (one-line text)'] as { medianMs: number }).medianMs;
    worker.parseOnly = {
      docx: ms((worker.docx as { medianMs: number }).medianMs - base),
      pdf: ms((worker.pdf as { medianMs: number }).medianMs - base),
    };
    worker.items = { docx: await upload(docx, DOCX), pdf: await upload(pdfBytes, 'application/pdf') };
    result.worker = worker;
  } finally {
    await server.stop();
  }
}

// ── The bundle, gzipped ───────────────────────────────────────────────────────────────────────
if (!args.has('--no-bundle')) {
  const outdir = mkdtempSync(join(tmpdir(), 'wederwoord-bundle-'));
  try {
    runWrangler(['deploy', '--dry-run', '--outdir', outdir]);
    const files: { name: string; bytes: number; gzipBytes: number }[] = [];
    const walk = (dir: string) => {
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
    result.bundle = { files, bytes: files.reduce((s, f) => s + f.bytes, 0), gzipBytes: files.reduce((s, f) => s + f.gzipBytes, 0), limitGzipBytes: 3 * 1024 * 1024 };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
else {
  const r = result as any;
  say(`Letters: Word ${Math.round(docx.length / 1024)} KiB, PDF ${Math.round(pdfBytes.length / 1024)} KiB (${pdfPages} pages), ${LONG_ITEMS} items each`);
  say(`Node, parse only (median of ${ROUNDS}): Word ${r.node.docx.medianMs} ms, PDF ${r.node.pdf.medianMs} ms; the first PDF with pdf.js loading ${r.node.firstPdfWithPdfjsLoad} ms`);
  if (r.worker) {
    say(`Worker CPU per import request (median of ${ROUNDS}): one-line text ${r.worker['baseline (one-line text)'].medianMs} ms, Word ${r.worker.docx.medianMs} ms, PDF ${r.worker.pdf.medianMs} ms (max ${r.worker.pdf.maxMs} ms)`);
    say(`  of which reading and splitting: Word ${r.worker.parseOnly.docx} ms, PDF ${r.worker.parseOnly.pdf} ms; the isolate's first PDF (pdf.js loads) ${r.worker.firstPdfWithPdfjsLoad} ms`);
  }
  if (r.bundle) say(`Worker bundle: ${Math.round(r.bundle.bytes / 1024)} KiB, ${Math.round(r.bundle.gzipBytes / 1024)} KiB gzip (limit 3072 KiB)`);
}

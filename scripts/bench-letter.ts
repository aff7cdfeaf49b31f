/**
 * Letter rendering speed (issue 3, point 7). Renders model + HTML + PDF for a 20-item and a
 * 200-item letter (about 2,000 characters of multi-paragraph response per item) and, in the same
 * run, the library's floor: the same text as plain paragraphs straight through pdfmake with the
 * same embedded font. Prints median milliseconds, the ratios against the targets, and the
 * Worker's gzip bundle size.
 *
 *   npm run bench                 # table
 *   npm run bench -- --json       # one JSON object
 *   npm run bench -- --no-bundle  # skip the wrangler dry run
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const args = new Set(process.argv.slice(2));
const json = args.has('--json');
const log = (...parts: unknown[]) => {
  if (!json) console.log(...parts);
};

const TARGETS = { letterOverFloor: 1.5, growth200over20: 12, bundleGzipBytes: 3 * 1024 * 1024 };

// Module initialisation (fonts decoded, pdfmake set up) happens once, here, and is timed apart.
const initStart = performance.now();
const { buildLetterModel } = await import('../worker/letter/model');
const { renderLetterPdf, letterDefinition } = await import('../worker/letter/pdf');
const { renderPdf } = await import('../worker/letter/pdf-engine');
const { renderLetterHtml } = await import('../web/letter/letter-document');
const { fixtureItems, fixtureSnapshot } = await import('../test/fixtures/letter-fixture');
const initMs = performance.now() - initStart;

type Model = ReturnType<typeof buildLetterModel>;

/** Every text of the letter, as the plain paragraphs of the floor. */
function allText(model: Model): string[] {
  const out = [...model.addressee, ...model.references.map((r) => `${r.label} ${r.value}`), model.salutation, ...model.opening];
  for (const section of model.sections) {
    if (section.heading) out.push(section.heading);
    for (const item of section.items) out.push(item.heading, ...item.text, item.responseHeading, ...item.response);
  }
  out.push(...model.closing, model.greeting, model.signOff, ...model.signatories.map((s) => `${s.title} ${s.name}`));
  return out;
}

function floorDefinition(model: Model) {
  const base = letterDefinition(model);
  return {
    pageSize: 'A4',
    pageMargins: base.pageMargins,
    defaultStyle: base.defaultStyle,
    content: allText(model).map((text) => ({ text, margin: [0, 0, 0, 6] })),
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function measure(items: number, runs: number) {
  const snapshot = fixtureSnapshot(fixtureItems(items, 2000));
  const letter: number[] = [];
  const floor: number[] = [];
  let pages = 0;
  let floorPages = 0;
  let bytes = 0;
  const floorDef = () => floorDefinition(buildLetterModel(snapshot));
  // Warm-up (JIT, font caches), then letter and floor interleaved so that drift hits both alike.
  for (let i = 0; i < 2; i++) {
    await renderLetterPdf(buildLetterModel(snapshot));
    await renderPdf(floorDef());
  }
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    const model = buildLetterModel(snapshot);
    renderLetterHtml(model);
    const pdf = await renderLetterPdf(model);
    letter.push(performance.now() - t);
    pages = pdf.pages;
    bytes = pdf.bytes.length;

    const definition = floorDef();
    t = performance.now();
    floorPages = (await renderPdf(definition)).pages;
    floor.push(performance.now() - t);
  }
  const textChars = allText(buildLetterModel(snapshot)).reduce((n, s) => n + s.length, 0);
  return { items, pages, floorPages, pdfBytes: bytes, textChars, runs, letterMs: median(letter), floorMs: median(floor), letterRuns: letter, floorRuns: floor };
}

function bundleGzip(): { files: number; rawBytes: number; gzipBytes: number } {
  const outdir = mkdtempSync(path.join(tmpdir(), 'wederwoord-bundle-'));
  execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--env', '', '--outdir', outdir], { stdio: json ? 'ignore' : ['ignore', 'ignore', 'inherit'], cwd: path.join(import.meta.dirname, '..') });
  let rawBytes = 0;
  let gzipBytes = 0;
  let files = 0;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (!name.endsWith('.map') && !name.endsWith('README.md')) {
        const data = readFileSync(file);
        files++;
        rawBytes += data.length;
        gzipBytes += gzipSync(data, { level: 9 }).length;
      }
    }
  };
  walk(outdir);
  return { files, rawBytes, gzipBytes };
}

log(`module init (fonts decoded, pdfmake set up, once per isolate): ${initMs.toFixed(0)} ms`);
const small = await measure(20, 9);
log(`20 items:  letter ${small.letterMs.toFixed(0)} ms, floor ${small.floorMs.toFixed(0)} ms (${small.pages} pages, floor ${small.floorPages}; ${small.textChars} characters)`);
const large = await measure(200, 5);
log(`200 items: letter ${large.letterMs.toFixed(0)} ms, floor ${large.floorMs.toFixed(0)} ms (${large.pages} pages, floor ${large.floorPages}; ${large.textChars} characters)`);

const ratios = {
  letterOverFloor20: small.letterMs / small.floorMs,
  letterOverFloor200: large.letterMs / large.floorMs,
  growth200over20: large.letterMs / small.letterMs,
};
const bundle = args.has('--no-bundle') ? null : bundleGzip();
const pass = {
  letterOverFloor: Math.max(ratios.letterOverFloor20, ratios.letterOverFloor200) <= TARGETS.letterOverFloor,
  growth: ratios.growth200over20 <= TARGETS.growth200over20,
  bundle: bundle ? bundle.gzipBytes <= TARGETS.bundleGzipBytes : null,
};

const mark = (ok: boolean | null) => (ok === null ? 'skipped' : ok ? 'ok' : 'OVER TARGET');
log(`letter / floor: 20 items ${ratios.letterOverFloor20.toFixed(2)}×, 200 items ${ratios.letterOverFloor200.toFixed(2)}× (target ≤ ${TARGETS.letterOverFloor}×): ${mark(pass.letterOverFloor)}`);
log(`200 / 20 items: ${ratios.growth200over20.toFixed(2)}× (target ≤ ${TARGETS.growth200over20}×): ${mark(pass.growth)}`);
if (bundle) log(`worker bundle: ${(bundle.rawBytes / 1024).toFixed(0)} KiB, gzip ${(bundle.gzipBytes / 1024).toFixed(0)} KiB (target < ${TARGETS.bundleGzipBytes / 1024} KiB): ${mark(pass.bundle)}`);

if (json) {
  console.log(
    JSON.stringify({
      benchmark: 'letter',
      node: process.version,
      moduleInitMs: initMs,
      runs: { small, large },
      ratios,
      bundle,
      targets: TARGETS,
      pass,
    }),
  );
}
if (!pass.letterOverFloor || !pass.growth || pass.bundle === false) process.exitCode = 1;

/**
 * Letter rendering speed (issue 3, point 7). Renders model + HTML + PDF for a 20-item and a
 * 200-item letter (about 2,000 characters of multi-paragraph response per item) and, in the same
 * run, the library's floor: the same text as plain paragraphs straight through pdfmake with the
 * same embedded font. Prints median milliseconds (wall and CPU), the ratios against the targets,
 * and the Worker's gzip bundle size. Runs in Node (tsx): the renderers are the Worker's own code.
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
import { pairedRuns } from './lib/bench-render';

const args = new Set(process.argv.slice(2));
const json = args.has('--json');
const log = (...parts: unknown[]) => {
  if (!json) console.log(...parts);
};

const TARGETS = { letterOverFloor: 1.5, growth200over20: 12, bundleGzipBytes: 3 * 1024 * 1024 };

// The deployed Worker is built for production (wrangler defines NODE_ENV): so is React here.
process.env.NODE_ENV ??= 'production';

// Module initialisation (fonts decoded, pdfmake set up) happens once, here, and is timed apart.
const initStart = performance.now();
const { buildLetterModel } = await import('../schema/letter-model');
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

/** Model + HTML + PDF against the floor, paired runs (scripts/lib/bench-render.ts). */
async function measure(items: number, runs: number) {
  const snapshot = fixtureSnapshot(fixtureItems(items, 2000));
  const r = await pairedRuns({
    app: async () => {
      const model = buildLetterModel(snapshot);
      renderLetterHtml(model);
      return renderLetterPdf(model);
    },
    prepareFloor: () => floorDefinition(buildLetterModel(snapshot)),
    floor: (definition) => renderPdf(definition),
    runs,
  });
  const textChars = allText(buildLetterModel(snapshot)).reduce((n, s) => n + s.length, 0);
  return {
    items,
    pages: r.last.app.pages,
    floorPages: r.last.floor.pages,
    pdfBytes: r.last.app.bytes.length,
    textChars,
    runs,
    letterMs: r.appMs,
    floorMs: r.floorMs,
    letterCpuMs: r.appCpuMs,
    floorCpuMs: r.floorCpuMs,
    letterOverFloor: r.overFloor,
    samples: { letter: r.samples.app, floor: r.samples.floor, paired: r.samples.paired },
  };
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
const line = (r: Awaited<ReturnType<typeof measure>>) =>
  `${String(r.items).padStart(3)} items: letter ${r.letterMs.toFixed(0)} ms (cpu ${r.letterCpuMs.toFixed(0)}), floor ${r.floorMs.toFixed(0)} ms (cpu ${r.floorCpuMs.toFixed(0)}); ${r.pages} pages (floor ${r.floorPages}), ${r.textChars} characters, PDF ${(r.pdfBytes / 1024).toFixed(0)} KiB`;
const small = await measure(20, 11);
log(line(small));
const large = await measure(200, 7);
log(line(large));

const ratios = {
  letterOverFloor20: small.letterOverFloor,
  letterOverFloor200: large.letterOverFloor,
  growth200over20: large.letterCpuMs / small.letterCpuMs,
};
const bundle = args.has('--no-bundle') ? null : bundleGzip();
const pass = {
  letterOverFloor: Math.max(ratios.letterOverFloor20, ratios.letterOverFloor200) <= TARGETS.letterOverFloor,
  growth: ratios.growth200over20 <= TARGETS.growth200over20,
  bundle: bundle ? bundle.gzipBytes <= TARGETS.bundleGzipBytes : null,
};

const mark = (ok: boolean | null) => (ok === null ? 'skipped' : ok ? 'ok' : 'OVER TARGET');
log(`letter / floor (median of paired cpu ratios): 20 items ${ratios.letterOverFloor20.toFixed(2)}×, 200 items ${ratios.letterOverFloor200.toFixed(2)}× (target ≤ ${TARGETS.letterOverFloor}×): ${mark(pass.letterOverFloor)}`);
log(`200 / 20 items (median cpu): ${ratios.growth200over20.toFixed(2)}× (target ≤ ${TARGETS.growth200over20}×): ${mark(pass.growth)}`);
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

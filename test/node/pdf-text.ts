/** Reading PDFs back as a person's tools would: poppler's pdftotext and pdfinfo (Debian: poppler-utils). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LetterModel } from '../../schema/letter-model';

const dir = mkdtempSync(path.join(tmpdir(), 'wederwoord-pdf-'));
let counter = 0;

function run(tool: string, args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${tool} not found: install poppler-utils (apt-get install -y poppler-utils)`);
    throw err;
  }
}

export function writePdf(bytes: Uint8Array): string {
  const file = path.join(dir, `letter-${++counter}.pdf`);
  writeFileSync(file, bytes);
  return file;
}

/**
 * The text of each page, in pdftotext's reading order; with `raw`, in the order the PDF draws it
 * (which for pdfmake is the document's order, also where text stands in columns side by side).
 */
export function pdfPages(bytes: Uint8Array, opts: { raw?: boolean } = {}): string[] {
  const pages = run('pdftotext', ['-enc', 'UTF-8', ...(opts.raw ? ['-raw'] : []), writePdf(bytes), '-']).split('\f');
  if (pages[pages.length - 1].trim() === '') pages.pop();
  return pages;
}

export function pdfInfo(bytes: Uint8Array, ...flags: string[]): string {
  return run('pdfinfo', [...flags, writePdf(bytes)]);
}

export function pdfFonts(bytes: Uint8Array): string {
  return run('pdffonts', [writePdf(bytes)]);
}

/** Whitespace collapsed, so that line wrapping does not matter. */
export const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The letter's text as read, whitespace collapsed: the running header (at the top of every page after the first) is not part of the flow. */
export const body = (pages: string[]) => flat(pages.map((p, i) => (i === 0 ? p : p.replace(/^\s*Datum .*?Pagina \d+\/\d+/s, ''))).join('\n'));

/**
 * The same for pdfPages(…, { raw: true }), where the running header and the concept watermark (one
 * letter per line) come last on a page.
 */
export const rawBody = (pages: string[]) =>
  flat(pages.map((p) => p.replace(/\n?C\nO\nN\nC\nE\nP\nT\s*$/, '').replace(/\n?Datum [^\n]*· Pagina \d+\/\d+[^\n]*\s*$/, '')).join('\n'));

/**
 * For order checks: pdftotext joins a word hyphenated at the end of a line ("dinsdag-⏎en" becomes
 * "dinsdagen"), so hyphens and the space around them are left out on both sides.
 */
export const comparable = (s: string) => flat(s).replace(/\s*-\s*/g, '');

/** Everything the reader must find, in the order of the letter. */
export function expectedFlow(model: LetterModel, normalise: (s: string) => string = flat): string[] {
  const out: string[] = [model.salutation, ...model.opening];
  if (model.overview) out.push(model.overview.heading, model.overview.intro);
  for (const section of model.sections) {
    if (section.heading) out.push(section.heading);
    for (const item of section.items) {
      out.push(item.heading);
      if (item.status) out.push(item.status.label);
      out.push(...item.text, item.responseHeading, ...item.response);
    }
  }
  // Signatories stand side by side: their titles and names are checked on their own.
  out.push(...model.closing, model.greeting, model.signOff);
  return out.map(normalise);
}

/**
 * Asserts that the needles occur in this order (each after the previous one) and returns the
 * first that does not, or null.
 */
export function firstOutOfOrder(haystack: string, needles: string[]): { needle: string; index: number; context: string } | null {
  let cursor = 0;
  for (const [index, needle] of needles.entries()) {
    const at = haystack.indexOf(needle, cursor);
    if (at < 0) return { needle, index, context: haystack.slice(cursor, cursor + 300) };
    cursor = at + needle.length;
  }
  return null;
}

/**
 * Per page, how many pixels show the red tint of the concept watermark (rendered by pdftoppm at
 * 20 dpi as PPM): what a person sees, whether or not a text extractor reads rotated text.
 */
export function tintedPixels(bytes: Uint8Array): number[] {
  const file = writePdf(bytes);
  const prefix = file.replace(/\.pdf$/, '');
  run('pdftoppm', ['-r', '20', file, prefix]);
  const pages = readdirSync(path.dirname(prefix))
    .filter((f) => f.startsWith(path.basename(prefix) + '-') && f.endsWith('.ppm'))
    .sort((a, b) => Number(a.match(/-(\d+)\.ppm$/)![1]) - Number(b.match(/-(\d+)\.ppm$/)![1]));
  return pages.map((f) => {
    const data = readFileSync(path.join(path.dirname(prefix), f));
    // P6 header: magic, width, height, maxval, each followed by whitespace.
    let offset = 0;
    for (let fields = 0; fields < 4; fields++) {
      while (/\s/.test(String.fromCharCode(data[offset]))) offset++;
      while (!/\s/.test(String.fromCharCode(data[offset]))) offset++;
    }
    offset++;
    let tinted = 0;
    for (let i = offset; i + 2 < data.length; i += 3) {
      const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
      if (r - g > 8 && r - b > 8) tinted++;
    }
    return tinted;
  });
}

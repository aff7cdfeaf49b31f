/**
 * A PDF's text as paragraphs, through unpdf (pdf.js built for workers). A PDF has no paragraphs,
 * only positioned pieces of text: they are put together into lines (by baseline), lines into
 * columns where a letterhead sets two blocks side by side, and lines into paragraphs by the space
 * between them and by what a line starts with. Page headers and footers (lines at the top or
 * bottom that repeat on several pages, page numbers) are set apart, never items. A PDF without
 * a text layer (a scan) gives no paragraphs and a warning.
 *
 * pdf.js is loaded on the first PDF an isolate reads (a dynamic import), so that nothing else pays
 * for its start-up.
 */
import type { SourceBlock, SourceDocument } from '../../../schema/import/source';
import { BULLET, CLOSING, SALUTATION, matchLabel, matchMeta, matchTypedNumber, squash } from '../../../schema/import/rules';
import { importTexts } from '../../../schema/i18n/nl-import';
import { UnreadableFile } from './errors';

type Piece = { str: string; x: number; y: number; w: number; size: number; bold: boolean };
type Segment = { text: string; x: number; end: number; y: number; size: number; bold: boolean; boldPrefix: string };
type Line = Segment & { page: number; region?: 'header' | 'footer' };
type PageText = { number: number; width: number; height: number; lines: Line[] };

const BOLD_FONT = /bold|black|heavy|semibold|demibold|medium/i;

/**
 * The text pieces of one page, with each piece's font weight. `weights` holds the fonts met so far
 * (a document's fonts are shared by its pages).
 */
async function pagePieces(pdf: any, number: number, weights: Map<string, boolean>): Promise<{ width: number; height: number; pieces: Piece[] }> {
  const page = await pdf.getPage(number);
  try {
    const [x0, y0, x1, y1] = page.view as number[];
    const content = await page.getTextContent();
    const raw = (content.items as any[]).filter((i) => typeof i.str === 'string' && i.str.trim() !== '');
    const unknown = [...new Set(raw.map((i) => i.fontName as string))].filter((name) => !weights.has(name));
    if (unknown.length) {
      // A font's name is only known once a page's drawing operations that use it are read: that
      // costs as much as the text itself, so it is done only for pages that bring a new font.
      await page.getOperatorList();
      for (const name of unknown) {
        let bold = false;
        try {
          const font = page.commonObjs.get(name);
          bold = !!font && (font.bold === true || font.black === true || BOLD_FONT.test(String(font.name ?? '')));
        } catch {
          /* an unresolved font: regular */
        }
        weights.set(name, bold);
      }
    }
    const pieces = raw
      // Upright text only: a rotated watermark or a margin note is no letter text.
      .filter((i) => Math.abs(i.transform[1]) < 0.01 && Math.abs(i.transform[2]) < 0.01)
      .map((i) => ({
        str: i.str as string,
        x: i.transform[4] - x0,
        y: i.transform[5] - y0,
        w: i.width as number,
        size: Math.abs(i.transform[3]) || Math.hypot(i.transform[2], i.transform[3]),
        bold: weights.get(i.fontName) ?? false,
      }));
    return { width: x1 - x0, height: y1 - y0, pieces };
  } finally {
    page.cleanup();
  }
}

/** Pieces on one baseline, left to right, split where a wide gap separates two columns. */
function lineSegments(pieces: Piece[]): Segment[] {
  const sorted = [...pieces].sort((a, b) => a.x - b.x);
  const segments: Segment[] = [];
  let seg: Segment | null = null;
  let boldDone = false;
  for (const p of sorted) {
    const gap = seg ? p.x - seg.end : 0;
    if (!seg || gap > Math.max(3 * p.size, 30)) {
      seg = { text: p.str, x: p.x, end: p.x + p.w, y: p.y, size: p.size, bold: p.bold, boldPrefix: p.bold ? p.str : '' };
      boldDone = !p.bold;
      segments.push(seg);
      continue;
    }
    const space = gap > 0.18 * p.size && !seg.text.endsWith(' ') && !p.str.startsWith(' ') ? ' ' : '';
    seg.text += space + p.str;
    seg.end = Math.max(seg.end, p.x + p.w);
    seg.size = Math.max(seg.size, p.size);
    seg.bold = seg.bold && p.bold;
    if (!boldDone && p.bold) seg.boldPrefix += space + p.str;
    else if (p.str.trim()) boldDone = true;
  }
  for (const s of segments) {
    s.text = squash(s.text);
    s.boldPrefix = s.bold ? '' : squash(s.boldPrefix);
  }
  return segments.filter((s) => s.text);
}

/**
 * The page's lines in reading order. Where lines carry two columns side by side (a letterhead: the
 * sender's address left, the date and reference right), the left column is read first, then the right.
 */
function readingOrder(pieces: Piece[], page: number): Line[] {
  const byY = [...pieces].sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: Piece[][] = [];
  for (const p of byY) {
    const row = rows.at(-1);
    if (row && Math.abs(row[0].y - p.y) <= 0.4 * Math.min(row[0].size, p.size)) row.push(p);
    else rows.push([p]);
  }
  const lines = rows.map((r) => lineSegments(r));
  const out: Line[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].length < 2) {
      out.push(...lines[i].map((s) => ({ ...s, page })));
      continue;
    }
    // A zone of two columns: lines with two parts, and the lines close below them that sit in one column.
    const split = lines[i][1].x;
    let j = i;
    while (
      j + 1 < lines.length &&
      lines[j][0].y - lines[j + 1][0].y < 2.6 * lines[j][0].size &&
      (lines[j + 1].length >= 2 || lines[j + 1].every((s) => s.end <= split - 5 || s.x >= split - 5))
    )
      j++;
    const zone = lines.slice(i, j + 1).flat();
    const left = zone.filter((s) => s.x < split - 5);
    const right = zone.filter((s) => s.x >= split - 5);
    out.push(...left.map((s) => ({ ...s, page })), ...right.map((s) => ({ ...s, page })));
    i = j;
  }
  return out;
}

/**
 * Page headers and footers: lines near the top or bottom that repeat on other pages, page numbers,
 * and (from page 2 on) lines there in a smaller type than the body text.
 */
function markMargins(pages: PageText[], bodySize: number) {
  const key = (l: Line) => squash(l.text).toLowerCase().replace(/\d+/g, '#');
  const PAGE_NUMBER = /^(?:pagina|blz\.?|page|p\.)?\s*#+\s*(?:(?:van|\/|of|-)\s*#+)?$|^-\s*#+\s*-$/;
  const counts = new Map<string, number>();
  const band = (l: Line, p: PageText) => (l.y > p.height * 0.88 ? 'header' : l.y < p.height * 0.12 ? 'footer' : null);
  for (const p of pages) {
    const seen = new Set<string>();
    for (const l of p.lines) if (band(l, p)) seen.add(`${band(l, p)}:${key(l)}`);
    for (const k of seen) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  for (const p of pages) {
    for (const l of p.lines) {
      const where = band(l, p);
      if (!where) continue;
      const repeated = pages.length > 1 && (counts.get(`${where}:${key(l)}`) ?? 0) >= 2;
      const small = p.number > 1 && l.size < bodySize * 0.9;
      if (PAGE_NUMBER.test(key(l)) || repeated || small) l.region = where;
    }
  }
}

/** Whether a line begins a paragraph of its own (a label, a number, a bullet, a greeting, a metadata line). */
const startsAnew = (l: Line) => matchLabel(l.text) !== null || matchTypedNumber(l.text) !== null || BULLET.test(l.text) || matchMeta(l.text) !== null || SALUTATION.test(l.text) || CLOSING.test(l.text);
const standsAlone = (l: Line) => matchMeta(l.text) !== null || SALUTATION.test(l.text) || CLOSING.test(l.text);

/** The usual distance between two lines of body text (points), and the body text's size. */
function spacing(lines: Line[]): { lineGap: number; bodySize: number } {
  const sizes = new Map<number, number>();
  for (const l of lines) sizes.set(Math.round(l.size * 2) / 2, (sizes.get(Math.round(l.size * 2) / 2) ?? 0) + l.text.length);
  const bodySize = [...sizes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 11;
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const d = lines[i - 1].y - lines[i].y;
    if (lines[i].page === lines[i - 1].page && d > 0 && Math.abs(lines[i].size - bodySize) < 0.6 && d < bodySize * 3) gaps.push(d);
  }
  gaps.sort((a, b) => a - b);
  // Letters of one-line paragraphs have few gaps inside a paragraph: never more than a usual line height.
  return { lineGap: Math.min(gaps[Math.floor(gaps.length / 6)] ?? Infinity, bodySize * 1.3), bodySize };
}

/**
 * Lines of one paragraph as one text. A line that ends in a hyphen runs on into the next word
 * ("SNF-" + "norm"), except where the hyphen stands for a word left out ("zorg- en welzijn").
 */
function joinLines(lines: string[]): string {
  let out = '';
  for (const line of lines) {
    if (!out) out = line;
    else if (/\p{L}-$/u.test(out) && /^\p{L}/u.test(line) && !/^(en|of|tot|en\/of)\b/.test(line)) out += line;
    else out += ` ${line}`;
  }
  return out;
}

function toBlocks(pages: PageText[]): SourceBlock[] {
  const all = pages.flatMap((p) => p.lines);
  const { lineGap, bodySize } = spacing(all.filter((l) => !l.region));
  const left = Math.min(...all.filter((l) => !l.region).map((l) => l.x), Infinity);
  const blocks: (SourceBlock & { last: Line })[] = [];
  let open: Line[] = [];
  const flush = () => {
    if (!open.length) return;
    const first = open[0];
    const bold = open.every((l) => l.bold);
    const text = joinLines(open.map((l) => l.text));
    const block: SourceBlock & { last: Line } = { text, lines: open.map((l) => l.text), page: first.page, last: open.at(-1)!, indent: Math.max(0, Math.round(first.x - left)) };
    if (bold) block.bold = true;
    else if (first.boldPrefix) block.boldPrefix = first.boldPrefix;
    const ratio = first.size / bodySize;
    if (ratio >= 1.15 && open.length <= 3) block.heading = ratio >= 1.5 ? 1 : ratio >= 1.3 ? 2 : 3;
    if (first.region) block.region = first.region;
    const bullet = BULLET.exec(text);
    if (bullet) {
      block.text = text.slice(bullet[0].length);
      block.list = { ordered: false, level: first.x - left > 20 ? 1 : 0, label: bullet[0].trim(), number: null };
    }
    blocks.push(block);
    open = [];
  };
  for (const l of all) {
    const prev = open.at(-1);
    const breaks =
      !prev ||
      prev.page !== l.page ||
      prev.region !== l.region ||
      prev.y - l.y > lineGap * 1.3 ||
      l.y > prev.y ||
      Math.abs(prev.size - l.size) > 0.1 * bodySize ||
      prev.bold !== l.bold ||
      standsAlone(prev) ||
      startsAnew(l);
    if (breaks) flush();
    open.push(l);
  }
  flush();
  // A paragraph that runs on from one page to the next (no full stop, the next starts in lower case) is one paragraph.
  const merged: SourceBlock[] = [];
  let previousBody: (SourceBlock & { last: Line }) | null = null;
  for (const b of blocks) {
    if (!b.region && previousBody && b.page !== previousBody.page && /^[a-zà-ÿ]/.test(b.text) && !/[.!?:]$/.test(previousBody.text)) {
      previousBody.text += ` ${b.text}`;
      previousBody.lines = [...(previousBody.lines ?? []), ...(b.lines ?? [])];
      continue;
    }
    const { last: _last, ...block } = b;
    merged.push(block);
    if (!b.region) previousBody = block as SourceBlock & { last: Line };
  }
  return merged;
}

export async function readPdf(bytes: Uint8Array): Promise<SourceDocument> {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (!head.includes('%PDF-')) throw new UnreadableFile('broken', importTexts.problems.brokenPdf);
  const { getDocumentProxy } = await import('unpdf');
  let pdf: any;
  try {
    // pdf.js may take the buffer over: it gets a copy, the original stays as uploaded.
    pdf = await getDocumentProxy(bytes.slice(), { isEvalSupported: false, verbosity: 0 } as any);
  } catch (err) {
    if ((err as { name?: string })?.name === 'PasswordException') throw new UnreadableFile('encrypted', importTexts.problems.encryptedPdf);
    throw new UnreadableFile('broken', importTexts.problems.brokenPdf);
  }
  try {
    const pages: PageText[] = [];
    const empty: number[] = [];
    const weights = new Map<string, boolean>();
    for (let n = 1; n <= pdf.numPages; n++) {
      let read: Awaited<ReturnType<typeof pagePieces>>;
      try {
        read = await pagePieces(pdf, n, weights);
      } catch {
        throw new UnreadableFile('broken', importTexts.problems.brokenPdf);
      }
      if (!read.pieces.length) empty.push(n);
      pages.push({ number: n, width: read.width, height: read.height, lines: readingOrder(read.pieces, n) });
    }
    const warnings: string[] = [];
    if (empty.length === pages.length) return { format: 'pdf', blocks: [], warnings: [importTexts.warnings.noText], pages: pages.length };
    if (empty.length) warnings.push(importTexts.warnings.pagesWithoutText(empty));
    markMargins(pages, spacing(pages.flatMap((p) => p.lines)).bodySize);
    return { format: 'pdf', blocks: toBlocks(pages), warnings, pages: pages.length };
  } finally {
    await pdf.destroy();
  }
}

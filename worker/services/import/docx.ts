/**
 * Word (.docx) as paragraphs, read straight from the package with fflate: `word/document.xml`
 * for the text, `styles.xml` for headings and bold styles, `numbering.xml` to compute the numbers
 * Word shows for its automatic lists (they are not in the text), and the page headers for the
 * letterhead's date and reference (never items).
 *
 * Why not mammoth: its HTML keeps headings, lists and bold, but not what the list numbers were
 * (a list that restarts or skips looks the same), nor indentation, nor the page headers; and it
 * brings jszip, xmldom, lop and underscore into the Worker for what a few hundred lines do here
 * (docs/quality.md has the figures).
 */
import { unzipSync } from 'fflate';
import type { SourceBlock, SourceDocument, SourceList } from '../../../schema/import/source';
import { importTexts } from '../../../schema/i18n/nl-import';
import { attr, isOn, tokens } from './xml';
import { UnreadableFile } from './errors';

/** More than this unpacked is no letter (and could be a zip bomb). */
const MAX_UNPACKED = 64 * 1024 * 1024;

type Style = { name: string; basedOn: string | null; heading: number; title: boolean; bold: boolean | null; numId: string | null; ilvl: number | null; indent: number | null };
type Level = { start: number; format: string; text: string; indent: number | null };
type Numbering = { abstractOf: Map<string, string>; levels: Map<string, Level[]>; overrides: Map<string, Map<number, number>> };

const twipsToPoints = (v: string | null) => (v === null || !/^-?\d+$/.test(v) ? null : Number(v) / 20);

/** The heading level a style's name or id gives ("heading 2", "Kop 2", "Heading2"). */
function headingOfName(name: string): number {
  const m = /^(?:heading|kop)\s*(\d)$/i.exec(name.trim());
  return m ? Math.min(6, Math.max(1, Number(m[1]))) : 0;
}

function readStyles(xml: string | null): Map<string, Style> {
  const styles = new Map<string, Style>();
  if (!xml) return styles;
  let current: (Style & { id: string }) | null = null;
  let depth: string[] = [];
  for (const t of tokens(xml)) {
    if (t.type === 'open') {
      if (t.name === 'w:style') {
        current = { id: attr(t.attrs, 'w:styleId') ?? '', name: '', basedOn: null, heading: 0, title: false, bold: null, numId: null, ilvl: null, indent: null };
        depth = [];
      } else if (current) {
        const inRpr = depth.includes('w:rPr');
        if (t.name === 'w:name') current.name = attr(t.attrs, 'w:val') ?? '';
        else if (t.name === 'w:basedOn') current.basedOn = attr(t.attrs, 'w:val');
        else if (t.name === 'w:outlineLvl') {
          const lvl = Number(attr(t.attrs, 'w:val'));
          if (lvl >= 0 && lvl < 6) current.heading = lvl + 1;
        } else if (t.name === 'w:b' && inRpr) current.bold = isOn(t.attrs);
        else if (t.name === 'w:numId') current.numId = attr(t.attrs, 'w:val');
        else if (t.name === 'w:ilvl') current.ilvl = Number(attr(t.attrs, 'w:val'));
        else if (t.name === 'w:ind' && !inRpr) current.indent = twipsToPoints(attr(t.attrs, 'w:left') ?? attr(t.attrs, 'w:start'));
        if (!t.selfClosing) depth.push(t.name);
      }
    } else if (t.type === 'close') {
      if (t.name === 'w:style' && current) {
        const heading = current.heading || headingOfName(current.name) || headingOfName(current.id);
        const title = /^(title|titel)$/i.test(current.name) || /^(title|titel)$/i.test(current.id);
        styles.set(current.id, { ...current, heading: title ? 0 : heading, title });
        current = null;
      } else if (current) depth.pop();
    }
  }
  return styles;
}

/** A style with what it inherits (basedOn) resolved. */
function resolveStyle(styles: Map<string, Style>, id: string | null): Style | null {
  if (!id) return null;
  const chain: Style[] = [];
  for (let s = styles.get(id), guard = 0; s && guard < 20; s = s.basedOn ? styles.get(s.basedOn) : undefined, guard++) chain.push(s);
  if (!chain.length) return null;
  const pick = <K extends keyof Style>(k: K, empty: Style[K]) => chain.find((s) => s[k] !== empty && s[k] !== null)?.[k] ?? empty;
  return {
    name: chain[0].name,
    basedOn: null,
    heading: pick('heading', 0),
    title: chain.some((s) => s.title),
    bold: pick('bold', null),
    numId: pick('numId', null),
    ilvl: pick('ilvl', null),
    indent: pick('indent', null),
  };
}

function readNumbering(xml: string | null): Numbering {
  const out: Numbering = { abstractOf: new Map(), levels: new Map(), overrides: new Map() };
  if (!xml) return out;
  let abstractId: string | null = null;
  let numId: string | null = null;
  let level: (Level & { ilvl: number }) | null = null;
  let overrideLvl: number | null = null;
  for (const t of tokens(xml)) {
    if (t.type === 'open') {
      switch (t.name) {
        case 'w:abstractNum':
          abstractId = attr(t.attrs, 'w:abstractNumId');
          if (abstractId !== null) out.levels.set(abstractId, []);
          break;
        case 'w:num':
          numId = attr(t.attrs, 'w:numId');
          break;
        case 'w:abstractNumId':
          if (numId !== null) out.abstractOf.set(numId, attr(t.attrs, 'w:val') ?? '');
          break;
        case 'w:lvlOverride':
          overrideLvl = Number(attr(t.attrs, 'w:ilvl'));
          break;
        case 'w:startOverride':
          if (numId !== null && overrideLvl !== null) {
            const map = out.overrides.get(numId) ?? new Map<number, number>();
            map.set(overrideLvl, Number(attr(t.attrs, 'w:val') ?? 1));
            out.overrides.set(numId, map);
          }
          break;
        case 'w:lvl':
          if (abstractId !== null) level = { ilvl: Number(attr(t.attrs, 'w:ilvl') ?? 0), start: 1, format: 'decimal', text: '%1.', indent: null };
          break;
        case 'w:start':
          if (level) level.start = Number(attr(t.attrs, 'w:val') ?? 1);
          break;
        case 'w:numFmt':
          if (level) level.format = attr(t.attrs, 'w:val') ?? 'decimal';
          break;
        case 'w:lvlText':
          if (level) level.text = attr(t.attrs, 'w:val') ?? '';
          break;
        case 'w:ind':
          if (level) level.indent = twipsToPoints(attr(t.attrs, 'w:left') ?? attr(t.attrs, 'w:start'));
          break;
      }
    } else if (t.type === 'close') {
      if (t.name === 'w:lvl' && level && abstractId !== null) {
        out.levels.get(abstractId)![level.ilvl] = level;
        level = null;
      } else if (t.name === 'w:abstractNum') abstractId = null;
      else if (t.name === 'w:num') numId = null;
      else if (t.name === 'w:lvlOverride') overrideLvl = null;
    }
  }
  return out;
}

const ROMAN: [number, string][] = [
  [1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i'],
];
function roman(n: number) {
  let s = '';
  for (const [v, r] of ROMAN) {
    while (n >= v) {
      s += r;
      n -= v;
    }
  }
  return s;
}
function letters(n: number) {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(97 + ((x - 1) % 26)) + s;
  return s;
}
function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'lowerLetter':
      return letters(n);
    case 'upperLetter':
      return letters(n).toUpperCase();
    case 'lowerRoman':
      return roman(n);
    case 'upperRoman':
      return roman(n).toUpperCase();
    case 'decimalZero':
      return String(n).padStart(2, '0');
    default:
      return String(n);
  }
}

/**
 * Word's list counters: one sequence per abstract list (numbering continues across lists that
 * share it), restarted where a list instance overrides its start; a level resets the levels below it.
 */
class ListCounters {
  private counters = new Map<string, number[]>();
  private seen = new Set<string>();
  constructor(private readonly numbering: Numbering) {}

  next(numId: string, ilvl: number): SourceList | null {
    const abstractId = this.numbering.abstractOf.get(numId);
    const levels = abstractId !== undefined ? this.numbering.levels.get(abstractId) : undefined;
    const level = levels?.[ilvl];
    if (!abstractId || !levels || !level || level.format === 'none') return null;
    const counts = this.counters.get(abstractId) ?? [];
    this.counters.set(abstractId, counts);
    if (!this.seen.has(numId)) {
      this.seen.add(numId);
      const restart = this.numbering.overrides.get(numId);
      if (restart) for (const [l, start] of restart) counts[l] = start - 1;
    }
    counts[ilvl] = (counts[ilvl] ?? (levels[ilvl]?.start ?? 1) - 1) + 1;
    counts.length = ilvl + 1;
    if (level.format === 'bullet') return { ordered: false, level: ilvl, label: '•', number: null };
    const label = level.text.replace(/%(\d)/g, (_, d: string) => {
      const l = Number(d) - 1;
      return formatNumber(counts[l] ?? levels[l]?.start ?? 1, levels[l]?.format ?? 'decimal');
    });
    return { ordered: true, level: ilvl, label: label.trim(), number: counts[ilvl] };
  }

  indentOf(numId: string, ilvl: number): number | null {
    const abstractId = this.numbering.abstractOf.get(numId);
    return abstractId === undefined ? null : (this.numbering.levels.get(abstractId)?.[ilvl]?.indent ?? null);
  }
}

type Run = { text: string; bold: boolean; hidden: boolean };
type Paragraph = {
  runs: Run[];
  styleId: string | null;
  numId: string | null;
  ilvl: number | null;
  indent: number | null;
  outline: number;
  region: SourceBlock['region'];
};

/** Elements whose content is never text of the letter. */
const SKIPPED = new Set(['w:delText', 'w:instrText', 'w:del', 'w:moveFrom', 'mc:Fallback', 'w:sdtPr', 'w:footnoteReference', 'w:endnoteReference', 'w:commentReference', 'w:pPr', 'w:rPr']);

/**
 * The paragraphs of one part (the document, a header), in order. Table rows become one block with
 * their cells; paragraphs in text boxes become blocks of their own in region 'textbox'.
 */
function readPart(xml: string, region: SourceBlock['region'], styles: Map<string, Style>, counters: ListCounters, tableOffset: number): { blocks: SourceBlock[]; tables: number } {
  const blocks: SourceBlock[] = [];
  const paragraphs: Paragraph[] = [];
  /** Open tables: per table its rows, per row its cells, per cell its paragraphs' texts. */
  const tables: { id: number; rows: number; row: string[] | null; cell: string[] | null }[] = [];
  let tableCount = 0;
  let run: Run | null = null;
  let inText = false;
  let skipDepth = 0;
  const skipStack: string[] = [];
  let pprDepth = 0;
  let rprBold: boolean | null = null;
  let rprVanish = false;
  let rprStyleBold: boolean | null = null;
  let inRpr = false;
  let inPpr = false;
  let textboxDepth = 0;

  const finishParagraph = (p: Paragraph) => {
    const runs = p.runs.filter((r) => !r.hidden);
    const raw = runs.map((r) => r.text).join('');
    const style = resolveStyle(styles, p.styleId);
    const numId = p.numId ?? style?.numId ?? null;
    const ilvl = p.ilvl ?? style?.ilvl ?? 0;
    const list = numId && numId !== '0' ? counters.next(numId, ilvl) : null;
    const table = tables.at(-1);
    if (table?.cell && !textboxDepth) {
      table.cell.push(`${list ? `${list.label} ` : ''}${raw.replace(/\t/g, ' ')}`);
      return;
    }
    if (!raw.trim()) return;
    const visible = runs.filter((r) => r.text.trim());
    const bold = visible.length > 0 && visible.every((r) => r.bold);
    let boldPrefix: string | undefined;
    if (!bold && visible[0]?.bold) {
      boldPrefix = '';
      for (const r of runs) {
        if (r.text.trim() && !r.bold) break;
        boldPrefix += r.text;
      }
      boldPrefix = boldPrefix.trim();
    }
    const heading = style?.heading || p.outline;
    const indent = p.indent ?? style?.indent ?? (numId && list ? counters.indentOf(numId, ilvl) : null);
    const text = raw.replace(/\t/g, ' ');
    const block: SourceBlock = { text, lines: raw.split('\n') };
    if (heading) block.heading = heading;
    if (style?.title) block.title = true;
    if (bold) block.bold = true;
    if (boldPrefix) block.boldPrefix = boldPrefix;
    if (list) block.list = list;
    if (indent !== null) block.indent = indent;
    const where = textboxDepth ? 'textbox' : p.region;
    if (where && where !== 'body') block.region = where;
    blocks.push(block);
  };

  for (const t of tokens(xml)) {
    if (skipDepth) {
      if (t.type === 'open' && !t.selfClosing && t.name === skipStack.at(-1)) skipDepth++;
      else if (t.type === 'close' && t.name === skipStack.at(-1) && --skipDepth === 0) skipStack.pop();
      // Inside w:pPr and w:rPr: the properties themselves are read below.
      if (!(inPpr || inRpr)) continue;
    }
    const p = paragraphs.at(-1);
    if (t.type === 'text') {
      if (inText && run && !skipDepth) run.text += t.text;
      continue;
    }
    if (t.type === 'open') {
      const name = t.name;
      if (SKIPPED.has(name) && !t.selfClosing && !skipDepth) {
        skipDepth = 1;
        skipStack.push(name);
        if (name === 'w:pPr') inPpr = true;
        if (name === 'w:rPr') inRpr = true;
        continue;
      }
      if (inPpr && p) {
        if (name === 'w:pStyle') p.styleId = attr(t.attrs, 'w:val');
        else if (name === 'w:numId') p.numId = attr(t.attrs, 'w:val');
        else if (name === 'w:ilvl') p.ilvl = Number(attr(t.attrs, 'w:val'));
        else if (name === 'w:ind' && pprDepth === 0) p.indent = twipsToPoints(attr(t.attrs, 'w:left') ?? attr(t.attrs, 'w:start'));
        else if (name === 'w:outlineLvl') {
          const lvl = Number(attr(t.attrs, 'w:val'));
          if (lvl >= 0 && lvl < 6) p.outline = lvl + 1;
        } else if (name === 'w:rPr' && !t.selfClosing) pprDepth++;
        continue;
      }
      if (inRpr) {
        if (name === 'w:b') rprBold = isOn(t.attrs);
        else if (name === 'w:vanish') rprVanish = isOn(t.attrs);
        else if (name === 'w:rStyle') rprStyleBold = resolveStyle(styles, attr(t.attrs, 'w:val'))?.bold ?? null;
        continue;
      }
      switch (name) {
        case 'w:p':
          paragraphs.push({ runs: [], styleId: null, numId: null, ilvl: null, indent: null, outline: 0, region });
          if (t.selfClosing) finishParagraph(paragraphs.pop()!);
          break;
        case 'w:r':
          rprBold = null;
          rprStyleBold = null;
          rprVanish = false;
          if (p) {
            run = { text: '', bold: false, hidden: false };
            p.runs.push(run);
          }
          break;
        case 'w:t':
          inText = !t.selfClosing;
          break;
        case 'w:tab':
          if (run) run.text += '\t';
          break;
        case 'w:br': {
          const type = attr(t.attrs, 'w:type');
          if (run && type !== 'page' && type !== 'column') run.text += '\n';
          break;
        }
        case 'w:cr':
          if (run) run.text += '\n';
          break;
        case 'w:noBreakHyphen':
          if (run) run.text += '-';
          break;
        case 'w:txbxContent':
          textboxDepth++;
          break;
        case 'w:tbl':
          tables.push({ id: tableOffset + tableCount++, rows: 0, row: null, cell: null });
          break;
        case 'w:tr':
          if (tables.length) tables.at(-1)!.row = [];
          break;
        case 'w:tc':
          if (tables.length) tables.at(-1)!.cell = [];
          break;
      }
      continue;
    }
    // Closing tags.
    switch (t.name) {
      case 'w:pPr':
        inPpr = false;
        pprDepth = 0;
        break;
      case 'w:rPr': {
        if (inPpr) {
          pprDepth = Math.max(0, pprDepth - 1);
          break;
        }
        inRpr = false;
        const style = p ? resolveStyle(styles, p.styleId) : null;
        if (run) {
          run.bold = rprBold ?? rprStyleBold ?? style?.bold ?? false;
          run.hidden = rprVanish;
        }
        break;
      }
      case 'w:r':
        // A run without properties is as bold as its paragraph's style.
        if (run && rprBold === null && rprStyleBold === null && p) run.bold = resolveStyle(styles, p.styleId)?.bold ?? false;
        run = null;
        break;
      case 'w:t':
        inText = false;
        break;
      case 'w:p': {
        const done = paragraphs.pop();
        if (done) finishParagraph(done);
        break;
      }
      case 'w:txbxContent':
        textboxDepth = Math.max(0, textboxDepth - 1);
        break;
      case 'w:tc': {
        const table = tables.at(-1);
        if (table?.row && table.cell) table.row.push(table.cell.map((s) => s.trim()).filter(Boolean).join('\n\n'));
        if (table) table.cell = null;
        break;
      }
      case 'w:tr': {
        const table = tables.at(-1);
        if (table?.row) {
          const cells = table.row;
          // A row inside a cell of an outer table (a nested table) reads as that cell's text.
          const outer = tables.at(-2);
          if (outer?.cell) outer.cell.push(cells.filter(Boolean).join(' | '));
          else if (cells.some(Boolean)) {
            const block: SourceBlock = { text: cells.filter(Boolean).join(' | '), cells, table: table.id, row: table.rows++ };
            if (region && region !== 'body') block.region = region;
            blocks.push(block);
          }
        }
        if (table) table.row = null;
        break;
      }
      case 'w:tbl':
        tables.pop();
        break;
    }
  }
  return { blocks, tables: tableCount };
}

const decoder = new TextDecoder('utf-8');

export function readDocx(bytes: Uint8Array): SourceDocument {
  // An encrypted Office file (and an old .doc) is an OLE compound file, not a zip.
  if (bytes.length >= 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new UnreadableFile('encrypted', importTexts.problems.encryptedDocx);
  }
  let files: Record<string, Uint8Array>;
  let unpacked = 0;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        const wanted = f.name === 'word/document.xml' || f.name === 'word/styles.xml' || f.name === 'word/numbering.xml' || /^word\/header\d*\.xml$/.test(f.name);
        if (wanted) unpacked += f.originalSize;
        if (unpacked > MAX_UNPACKED) throw new Error('too large unpacked');
        return wanted;
      },
    });
  } catch {
    throw new UnreadableFile('broken', importTexts.problems.brokenDocx);
  }
  const document = files['word/document.xml'];
  if (!document) throw new UnreadableFile('broken', importTexts.problems.brokenDocx);
  const text = (name: string) => (files[name] ? decoder.decode(files[name]) : null);
  const styles = readStyles(text('word/styles.xml'));
  const counters = new ListCounters(readNumbering(text('word/numbering.xml')));
  const xml = decoder.decode(document);
  if (!/<w:body\b/.test(xml)) throw new UnreadableFile('broken', importTexts.problems.brokenDocx);

  const headers = Object.keys(files)
    .filter((n) => /^word\/header\d*\.xml$/.test(n))
    .sort();
  const blocks: SourceBlock[] = [];
  let tables = 0;
  // The page headers first: a letterhead's date and reference, read as metadata only.
  for (const name of headers) {
    const part = readPart(text(name)!, 'header', styles, counters, tables);
    blocks.push(...part.blocks);
    tables += part.tables;
  }
  blocks.push(...readPart(xml, 'body', styles, counters, tables).blocks);
  return { format: 'docx', blocks, warnings: [] };
}

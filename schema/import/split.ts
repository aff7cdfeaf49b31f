/**
 * From a letter's paragraphs to a proposed advice: title, letter date, the council's reference, the
 * introduction, and the items (questions and advice, numbered 1..n per kind) with their theme
 * headings; and the warnings that tell a person what to check. A proposal only: nothing here is
 * ever stored as advice without a person confirming it.
 *
 * The letter is read in three parts: what comes before the salutation (letterhead, address,
 * reference block, subject), the body, and what follows the closing greeting (signature, annexes).
 * Items are only looked for in the body (in an annex only when the body has none).
 */
import type { ItemKind } from '../advice';
import { importTexts } from '../i18n/nl-import';
import type { SourceBlock, SourceDocument, SourceFormat } from './source';
import {
  ANNEX,
  BULLET,
  CLOSING,
  CLOSING_HEADING,
  CLOSING_PROSE,
  INTRO_HEADING,
  ITEM_SUBHEADING,
  OUTLINE_NUMBER,
  SALUTATION,
  dateLine,
  findDate,
  headingShaped,
  inCapitals,
  kindHeading,
  matchLabel,
  matchMeta,
  matchTypedNumber,
  readsAsQuestion,
  sectionText,
  squash,
} from './rules';

export type DraftItem = { kind: ItemKind; number: number; section: string | null; text: string };
export type ImportDraft = {
  title: string | null;
  letterDate: string | null;
  councilReference: string | null;
  intro: string | null;
  items: DraftItem[];
};
export type SplitResult = { draft: ImportDraft; warnings: string[] };

/** The limits of advice input (schema/advice.ts): a proposal never exceeds what can be registered. */
export const LIMITS = { items: 500, itemText: 20000, intro: 20000, title: 300, reference: 100, section: 300 };

const w = importTexts.warnings;

/** An item as it is being collected. */
type Open = {
  kind: ItemKind | null;
  /** The kind came from the letter (a label, a kind heading, a table column) rather than a guess. */
  number: number | null;
  section: string | null;
  paragraphs: string[];
  /** Text indentation of a list item (points), so that an unindented paragraph after it is not its text. */
  indent?: number;
  fromList: boolean;
  /** Opened by a typed label ("Advies 2"): numbered lines inside it are its sub-points. */
  labelled?: boolean;
};

type Start = { kind: ItemKind | null; number: number | null; rest: string; indent?: number; fromList: boolean };

const textOf = (b: SourceBlock) => squash(b.text.replace(/\n/g, ' '));
/** A paragraph's text with its deliberate line breaks kept and its spacing tidied. */
const paragraphOf = (text: string) =>
  text
    .split('\n')
    .map(squash)
    .filter(Boolean)
    .join('\n');

/** Where an item starts in this block, if it does (a label, a list number, a typed number). */
function itemStart(b: SourceBlock): Start | null {
  if (b.cells) return null;
  const text = b.text.trim();
  // A label in the list's own numbering ("Advies %1:" in Word) or a bold label at the start.
  const listLabel = b.list ? matchLabel(b.list.label) : null;
  if (listLabel) return { kind: listLabel.kind, number: listLabel.number ?? b.list?.number ?? null, rest: text, fromList: true, indent: b.indent };
  // A label typed at the start (in bold or not: "Advies 3", "Vraag 2:").
  const label = matchLabel(text);
  if (label) return { kind: label.kind, number: label.number, rest: label.rest, fromList: false };
  if (b.list && b.list.ordered && b.list.level === 0) return { kind: null, number: b.list.number, rest: text, fromList: true, indent: b.indent };
  if (OUTLINE_NUMBER.test(text)) return null;
  const typed = matchTypedNumber(text);
  if (typed) return { kind: null, number: typed.number, rest: typed.rest, fromList: false };
  return null;
}

/** The heading level of a block, or 0 when it is body text. */
function headingLevel(b: SourceBlock, format: SourceFormat): number {
  if (b.heading) return b.heading;
  if (b.cells || b.list) return 0;
  const t = textOf(b);
  if (t.startsWith('#')) return Math.min(6, /^#+/.exec(t)![0].length);
  if (b.bold && headingShaped(t)) return 3;
  if (inCapitals(t) && headingShaped(t.replace(/:$/, ''))) return 3;
  // Pasted text has no fonts: a short line of its own, without sentence punctuation, is a heading.
  if (format === 'text' && headingShaped(t) && t.split(' ').length <= 8 && !/^[(\d]/.test(t) && !b.text.includes('\n')) return 4;
  return 0;
}

const isSalutation = (b: SourceBlock) => {
  const t = textOf(b);
  return SALUTATION.test(t) && t.length <= 150;
};
const isClosing = (b: SourceBlock) => {
  const t = textOf(b);
  return CLOSING.test(t) && t.split(' ').length <= 12;
};

/** The letter's own numbers per kind: a skip (2, 4) or a repeat is worth a look. */
function numberingWarnings(found: { kind: ItemKind; number: number | null }[]): string[] {
  const out: string[] = [];
  for (const kind of ['question', 'advice'] as const) {
    const numbers = found.filter((f) => f.kind === kind && f.number !== null).map((f) => f.number!);
    for (let i = 1; i < numbers.length; i++) {
      const [before, now] = [numbers[i - 1], numbers[i]];
      if (now === before + 1 || now === 1) continue;
      out.push(now === before ? w.numberingRepeats(kind, now) : now > before ? w.numberingSkips(kind, before, now) : w.numberingRepeats(kind, now));
    }
  }
  return out;
}

type Meta = { title: string | null; letterDate: string | null; councilReference: string | null };

/** Date, reference and subject from the blocks before the salutation (and page headers, text boxes). */
function readMeta(blocks: SourceBlock[]): Meta & { subjectFound: boolean } {
  let letterDate: string | null = null;
  let looseDate: string | null = null;
  let councilReference: string | null = null;
  let subject: string | null = null;
  // A table row as one line ("Ons kenmerk | ASD-2026-07") and each cell's own lines (a letterhead laid out in a table).
  const lines = blocks
    .flatMap((b) => (b.cells ? [b.cells.map(squash).join(' | '), ...b.cells.flatMap((c) => c.split('\n'))] : (b.lines ?? b.text.split('\n'))))
    .map((l) => l.trim())
    .filter(Boolean);
  for (let i = 0; i < lines.length; i++) {
    const meta = matchMeta(lines[i]);
    // A label alone on its line (a table's first cell, a column of labels): the value is on the next line.
    const value = meta && meta.value === '' && i + 1 < lines.length && !matchMeta(lines[i + 1]) ? squash(lines[i + 1]) : (meta?.value ?? '');
    if (meta?.key === 'date') letterDate ??= findDate(value);
    else if (meta?.key === 'reference' && value) councilReference ??= value.slice(0, LIMITS.reference);
    else if (meta?.key === 'subject' && value) {
      let s = value;
      // A subject that wraps onto the next line.
      for (let j = i + (meta.value === '' ? 2 : 1); j < lines.length && /^[a-zà-ÿ(]/.test(lines[j]) && !matchMeta(lines[j]); j++) s += ` ${squash(lines[j])}`;
      subject ??= s.replace(/^((re|fw|fwd|doorst|antw)\s*:\s*)+/i, '');
    } else if (!meta) looseDate ??= dateLine(lines[i]);
  }
  return { title: subject ? subject.slice(0, LIMITS.title) : null, letterDate: letterDate ?? looseDate, councilReference, subjectFound: subject !== null };
}

const isMetaBlock = (b: SourceBlock) => {
  const t = textOf(b);
  return matchMeta(t) !== null || dateLine(t) !== null;
};

/** An address line: a postcode, a PO box, an e-mail or web address, a street and number. */
const ADDRESS = /\b\d{4}\s?[A-Z]{2}\b|\bpostbus\b|@|\bwww\.|\.(nl|example|org|com)\b|^[A-Z][\p{L}.' -]+\s\d{1,4}[a-z]?(\s|,|$)/iu;
/** A line that names an advice ("Advies over …", "Ongevraagd advies …", "Reactie op …"). */
const NAMES_ADVICE = /\b(advies|advisering|reactie|zienswijze)\b/i;

/**
 * Without a subject line: the title-styled block; else the last heading-like block (bold, a
 * heading, capitals); else a line of the head that names an advice and is no address.
 */
function titleFromHead(head: SourceBlock[], format: SourceFormat): string | null {
  const titled = head.find((b) => b.title && textOf(b));
  if (titled) return textOf(titled).slice(0, LIMITS.title);
  const candidates = head.filter((b) => !b.cells && !isMetaBlock(b) && (b.heading || b.bold || (format !== 'text' && inCapitals(textOf(b)))) && textOf(b).length <= LIMITS.title);
  const last = candidates.filter((b) => NAMES_ADVICE.test(textOf(b))).at(-1) ?? candidates.at(-1);
  if (last) return sectionText(textOf(last));
  const lines = head.flatMap((b) => (b.cells ? [] : (b.lines ?? b.text.split('\n')).map(squash))).filter((l) => l && !matchMeta(l) && !dateLine(l) && !ADDRESS.test(l));
  const named = lines.filter((l) => NAMES_ADVICE.test(l) && headingShaped(l)).at(-1);
  return named ? named.slice(0, LIMITS.title) : null;
}

/** The rows of one table, read as items when a column numbers or labels them; otherwise null. */
function tableItems(rows: SourceBlock[], kind: ItemKind | null, section: string | null): { items: (Open & { kindKnown: boolean })[] } | null {
  const cells = rows.map((r) => r.cells ?? []);
  const looksNumber = (s: string) => /^\(?\d{1,3}[.)]?\)?$/.test(squash(s));
  const first = cells[0];
  const isHeader = rows.length > 1 && first.every((c) => squash(c).split(' ').length <= 5 && !looksNumber(c) && !matchLabel(squash(c))?.number);
  const head = isHeader ? first.map((c) => squash(c).toLowerCase().replace(/[:.]$/, '')) : [];
  const data = isHeader ? cells.slice(1) : cells;
  if (data.length === 0) return null;
  const col = (test: RegExp) => head.findIndex((h) => test.test(h));
  let numCol = col(/^(nr|nummer|no|#|volgnummer)$/);
  const kindCol = col(/^(soort|type|categorie|vraag\/advies|vraag of advies)$/);
  const sectionCol = col(/^(thema|onderwerp|onderdeel|hoofdstuk|paragraaf|beleidsterrein)$/);
  const textColByHeader = head.findIndex((h) => kindHeading(h) !== null || /^(tekst|omschrijving|inhoud)$/.test(h));
  const headerKind = textColByHeader >= 0 ? kindHeading(head[textColByHeader]) : null;
  // Without a header: a first column of numbers or labels numbers the rows.
  if (numCol < 0 && data.filter((r) => r[0] !== undefined && (looksNumber(r[0]) || matchLabel(squash(r[0])))).length >= Math.ceil(data.length / 2)) numCol = 0;
  if (numCol < 0 && kindCol < 0 && textColByHeader < 0) return null;
  const used = new Set([numCol, kindCol, sectionCol].filter((i) => i >= 0));
  // The text: the column the header names, else the longest of the others.
  let textCol = textColByHeader;
  if (textCol < 0 || used.has(textCol)) {
    const width = first.map((_, i) => (used.has(i) ? -1 : data.reduce((s, r) => s + (r[i]?.length ?? 0), 0)));
    textCol = width.indexOf(Math.max(...width));
  }
  if (textCol < 0) return null;
  const items = data
    .filter((r) => r.some((c) => squash(c)))
    .map((r) => {
      const numberCell = numCol >= 0 ? squash(r[numCol] ?? '') : '';
      const label = matchLabel(numberCell);
      const number = label?.number ?? (looksNumber(numberCell) ? Number(numberCell.replace(/\D/g, '')) : null);
      const kindCell = kindCol >= 0 ? squash(r[kindCol] ?? '') : '';
      const cellKind = kindCell ? (kindHeading(kindCell) ?? matchLabel(kindCell)?.kind ?? null) : null;
      const itemKind = label?.kind ?? (cellKind === 'mixed' ? null : cellKind) ?? (headerKind === 'mixed' ? null : headerKind) ?? kind;
      const extra = r.filter((_, i) => i !== textCol && !used.has(i)).map(paragraphOf).filter(Boolean);
      const paragraphs = [...(r[textCol] ?? '').split(/\n\s*\n/).map(paragraphOf), ...extra].filter(Boolean);
      const sectionCell = sectionCol >= 0 ? sectionText(r[sectionCol] ?? '') : '';
      return { kind: itemKind, kindKnown: itemKind !== null, number, section: sectionCell || section, paragraphs, fromList: false };
    });
  return { items };
}

type Collected = {
  items: (Open & { kindKnown: boolean })[];
  intro: string[];
  outside: string[];
  /** Items read from the rows of tables. */
  tableRows: number;
};

/**
 * The body: headings set the theme or the kind, item starts open an item, the paragraphs after it
 * are its text, until the next item, heading or the closing prose.
 */
function collect(blocks: SourceBlock[], format: SourceFormat): Collected {
  // A heading (a style, bold, capitals) is no item, even when numbered, unless a label makes it one.
  const starts = blocks.map((b) => (headingLevel(b, format) && !matchLabel(b.text.trim()) && !(b.list && matchLabel(b.list.label)) ? null : itemStart(b)));
  // Whether an item starts at or after each position (closing prose only counts after the last item).
  const later = new Array<boolean>(blocks.length + 1).fill(false);
  for (let i = blocks.length - 1; i >= 0; i--) later[i] = later[i + 1] || starts[i] !== null || blocks[i].table !== undefined;

  const out: Collected = { items: [], intro: [], outside: [], tableRows: 0 };
  let kind: ItemKind | null = null;
  let kindLevel = 0;
  let section: string | null = null;
  let sectionLevel = 0;
  let current: (Open & { kindKnown: boolean }) | null = null;
  /** Paragraphs under a kind heading before any item: the items themselves, if no numbered item follows. */
  let orphans: { kind: ItemKind | null; section: string | null; paragraphs: string[]; itemsBefore: number } | null = null;
  let closed = false;

  const flushOrphans = () => {
    if (!orphans) return;
    if (out.items.length === orphans.itemsBefore && orphans.paragraphs.length) {
      for (const p of orphans.paragraphs) {
        out.items.push({ kind: orphans.kind, kindKnown: orphans.kind !== null, number: null, section: orphans.section, paragraphs: [p.replace(BULLET, '')], fromList: false });
      }
    } else out.outside.push(...orphans.paragraphs);
    orphans = null;
  };

  for (let i = 0; i < blocks.length && !closed; i++) {
    const b = blocks[i];
    const text = textOf(b);

    if (b.table !== undefined) {
      const rows: SourceBlock[] = [];
      while (i < blocks.length && blocks[i].table === b.table) rows.push(blocks[i++]);
      i--;
      const table = tableItems(rows, kind, section);
      if (table) {
        flushOrphans();
        current = null;
        out.items.push(...table.items);
        out.tableRows += table.items.length;
      } else {
        const lines = rows.map((r) => (r.cells ?? []).map(squash).filter(Boolean).join(' | ')).filter(Boolean);
        if (current) current.paragraphs.push(lines.join('\n'));
        else if (out.items.length === 0) out.intro.push(lines.join('\n'));
        else out.outside.push(lines.join('\n'));
      }
      continue;
    }

    const level = headingLevel(b, format);
    const start = starts[i];
    const awaitingText = current !== null && current.paragraphs.length === 0;

    if (level && !start) {
      const k = kindHeading(text);
      if (k) {
        flushOrphans();
        current = null;
        kind = k === 'mixed' ? null : k;
        kindLevel = level;
        if (section !== null && level <= sectionLevel) section = null;
        orphans = { kind, section, paragraphs: [], itemsBefore: out.items.length };
        continue;
      }
      if (CLOSING_HEADING.test(text) && !later[i + 1]) {
        closed = true;
        continue;
      }
      if (awaitingText && !CLOSING_HEADING.test(text)) {
        // "Advies 3" on a line of its own: the line after it is its text, whatever it looks like.
        current!.paragraphs.push(paragraphOf(b.text));
        continue;
      }
      if (current && ITEM_SUBHEADING.test(text)) {
        current.paragraphs.push(paragraphOf(b.text));
        continue;
      }
      flushOrphans();
      current = null;
      if (INTRO_HEADING.test(text)) continue;
      // A heading above the kind heading's level ends that kind (one at the same level may be a
      // theme under it: pasted text has only one level of headings).
      if (kindLevel && level < kindLevel) {
        kind = null;
        kindLevel = 0;
      }
      section = sectionText(text).slice(0, 300) || null;
      sectionLevel = level;
      if (kind !== null) orphans = { kind, section, paragraphs: [], itemsBefore: out.items.length };
      continue;
    }

    // Numbered lines inside a labelled item ("Advies 2: … 1. … 2. …") are its sub-points, not items.
    if (start && current?.labelled && !matchLabel(b.text.trim()) && !(b.list && matchLabel(b.list.label))) {
      current.paragraphs.push(b.list ? `${b.list.label} ${paragraphOf(b.text)}` : paragraphOf(b.text));
      continue;
    }
    if (start) {
      flushOrphans();
      current = {
        kind: start.kind ?? kind,
        kindKnown: (start.kind ?? kind) !== null,
        number: start.number,
        section,
        paragraphs: [],
        fromList: start.fromList,
        indent: start.indent,
        labelled: start.kind !== null,
      };
      if (start.rest.trim()) current.paragraphs.push(paragraphOf(start.rest));
      out.items.push(current);
      continue;
    }

    // Closing prose after the last item ends the items.
    if (!later[i] && CLOSING_PROSE.test(text) && out.items.length > 0) {
      closed = true;
      continue;
    }
    const bullet = b.list && !b.list.ordered ? `- ${paragraphOf(b.text)}` : null;
    const subList = b.list && b.list.ordered && b.list.level > 0 ? `${b.list.label} ${paragraphOf(b.text)}` : null;
    const paragraph = bullet ?? subList ?? paragraphOf(b.text);
    if (current) {
      // An unindented paragraph after a list item is the letter's own text again, not the item's.
      const outdented = current.fromList && current.indent !== undefined && b.indent !== undefined && !b.list && b.indent + 10 < current.indent;
      if (!outdented || awaitingText) {
        current.paragraphs.push(paragraph);
        continue;
      }
      current = null;
    }
    if (orphans) orphans.paragraphs.push(bullet ? paragraphOf(b.text) : paragraph);
    else if (out.items.length === 0) out.intro.push(paragraph);
    else out.outside.push(paragraph);
  }
  flushOrphans();
  // Lead-in lines under a kind heading ("Wij hebben de volgende vragen:") are no items.
  out.items = out.items.filter((it) => !(it.number === null && it.paragraphs.length === 1 && /:$/.test(it.paragraphs[0]) && !matchLabel(it.paragraphs[0])));
  return out;
}

export function splitLetter(doc: SourceDocument): SplitResult {
  const warnings: string[] = [];
  const nonEmpty = doc.blocks.filter((b) => textOf(b) !== '' || b.cells?.some((c) => squash(c)));
  const body = nonEmpty.filter((b) => (b.region ?? 'body') === 'body');
  const aside = nonEmpty.filter((b) => b.region && b.region !== 'body');

  // The salutation opens the body; the closing greeting ends it.
  const firstStart = body.findIndex((b) => itemStart(b) !== null && !isMetaBlock(b));
  let salutation = body.findIndex(isSalutation);
  if (salutation >= 0 && firstStart >= 0 && firstStart < salutation) salutation = -1;
  let closing = body.findIndex((b, i) => i > salutation && isClosing(b));
  if (closing < 0) closing = body.length;

  let head = salutation >= 0 ? body.slice(0, salutation) : [];
  let main = body.slice(salutation + 1, closing);
  const tail = body.slice(closing + 1);

  if (salutation < 0) {
    // No greeting (pasted text, an e-mail): the metadata and a title-like first line lead the text.
    let n = 0;
    while (n < main.length && itemStart(main[n]) === null && (isMetaBlock(main[n]) || (n === 0 && headingShaped(textOf(main[n])) && !kindHeading(textOf(main[n]))))) n++;
    head = main.slice(0, n);
    main = main.slice(n);
  }

  const meta = readMeta([...aside, ...head]);
  const firstLine = head.find((b) => !isMetaBlock(b));
  const title = meta.title ?? (salutation >= 0 || !firstLine ? titleFromHead(head, doc.format) : sectionText(textOf(firstLine)));

  let collected = collect(main, doc.format);
  // An annex: its items count only when the body has none.
  const annexAt = tail.findIndex((b) => ANNEX.test(textOf(b)) && textOf(b).split(' ').length <= 14);
  if (annexAt >= 0) {
    const annex = tail.slice(annexAt + 1);
    if (collected.items.length === 0) {
      const fromAnnex = collect(annex, doc.format);
      if (fromAnnex.items.length) {
        collected = { ...fromAnnex, intro: collected.intro };
        warnings.push(w.itemsInAnnex);
      }
    } else warnings.push(w.annexIgnored(textOf(tail[annexAt])));
  }

  const guessed = collected.items.filter((i) => i.kind === null).length;
  const counters = { question: 0, advice: 0 };
  const found: { kind: ItemKind; number: number | null }[] = [];
  const items: DraftItem[] = [];
  for (const it of collected.items) {
    const text = it.paragraphs.filter(Boolean).join('\n\n');
    const kind: ItemKind = it.kind ?? (readsAsQuestion(text) ? 'question' : 'advice');
    if (!text) {
      warnings.push(w.emptyItem(kind, it.number));
      continue;
    }
    found.push({ kind, number: it.number });
    if (items.length >= LIMITS.items) continue;
    const label = `${kind === 'question' ? 'Vraag' : 'Advies'} ${counters[kind] + 1}`;
    if (text.length > LIMITS.itemText) warnings.push(w.tooLong(label, LIMITS.itemText));
    items.push({ kind, number: ++counters[kind], section: it.section, text: text.slice(0, LIMITS.itemText) });
  }
  if (found.length > LIMITS.items) warnings.push(w.tooMany(LIMITS.items));
  warnings.push(...numberingWarnings(found));
  if (guessed) warnings.push(w.kindGuessed(guessed));
  if (collected.tableRows) warnings.push(w.tableRows(collected.tableRows));
  for (const text of collected.outside) warnings.push(w.outside(text));
  if (items.length === 0 && !doc.warnings.length) warnings.push(w.noItems);
  if (!meta.letterDate && items.length) warnings.push(w.noDate);

  const intro = collected.intro.join('\n\n').trim();
  if (intro.length > LIMITS.intro) warnings.push(w.tooLong('De inleiding', LIMITS.intro));
  return {
    draft: {
      title: title || null,
      letterDate: meta.letterDate,
      councilReference: meta.councilReference,
      intro: intro ? intro.slice(0, LIMITS.intro) : null,
      items,
    },
    warnings: [...doc.warnings, ...warnings],
  };
}

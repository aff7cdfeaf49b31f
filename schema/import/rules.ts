/**
 * The small rules of Dutch advice letters: how an item is labelled, which headings only name the
 * kind of the items under them, how a letter greets and closes, how it writes a date. Pure
 * functions on one paragraph's text; split.ts decides with them.
 */
import type { ItemKind } from '../advice';

const KIND_WORDS: Record<string, ItemKind> = {
  vraag: 'question',
  vragen: 'question',
  advies: 'advice',
  adviezen: 'advice',
  aanbeveling: 'advice',
  aanbevelingen: 'advice',
  voorstel: 'advice',
  voorstellen: 'advice',
  opmerking: 'advice',
  opmerkingen: 'advice',
  aandachtspunt: 'advice',
  aandachtspunten: 'advice',
};
const KIND_WORD = Object.keys(KIND_WORDS).join('|');

/** Spaces of every kind (Word and PDFs use non-breaking and thin spaces) as one plain space, trimmed. */
export const squash = (s: string) => s.replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+/g, ' ').trim();

export type Label = {
  kind: ItemKind | null;
  /** The letter's own number, if the label has one. */
  number: number | null;
  /** The text after the label. */
  rest: string;
};

/** Words that label an item even without a number ("Vraag: …"); the others need one ("Opmerking 3"). */
const STRONG_WORD = 'vraag|advies|aanbeveling';

/**
 * A label that starts an item: "Vraag 1", "Advies 2:", "Aanbeveling 3 –", "Vraag nr. 4.", "Advies (5)",
 * "2e advies", "Vraag:" (a colon is needed without a number, so that "Vraag de inwoners …" is text).
 */
const LABEL = new RegExp(
  String.raw`^(?:(${KIND_WORD})\s*(?:(?:nr\.?|nummer|no\.?)\s*)?\(?(\d{1,3})[a-z]?\)?(?![\d.,]\d)\s*[:.)\-–—]?|(${STRONG_WORD})\s*:|(\d{1,3})e\s+(${KIND_WORD})\s*[:.)\-–—]?)[*_]*(?=\s|$)\s*`,
  'i',
);

/** The label an item's text starts with, or null. */
export function matchLabel(text: string): Label | null {
  const t = text.replace(/^[*_]+/, '');
  const m = LABEL.exec(t);
  if (!m) return null;
  const word = (m[1] ?? m[3] ?? m[5]).toLowerCase();
  const number = m[2] ?? m[4];
  return { kind: KIND_WORDS[word] ?? null, number: number ? Number(number) : null, rest: t.slice(m[0].length).replace(/^[*_]+\s*/, '') };
}

/** A typed number that starts an item: "3.", "3)", "(3)", "3:" — not "3.5 miljoen" or "2026". */
const TYPED_NUMBER = /^(?:\((\d{1,3})\)|(\d{1,3})[.):](?!\d))\s+(?=\S)/;
/** A bare number before the text, as a table's first column gives it once cells are joined: "3 Zorg …". */
const BARE_NUMBER = /^(\d{1,3})\s+(?=[A-ZÀ-Ý“‘"'(])/;

export function matchTypedNumber(text: string, bareAllowed = false): { number: number; rest: string } | null {
  const m = TYPED_NUMBER.exec(text) ?? (bareAllowed ? BARE_NUMBER.exec(text) : null);
  if (!m) return null;
  return { number: Number(m[1] ?? m[2]), rest: text.slice(m[0].length) };
}

/** A decimal outline number ("2.1 Wonen"): a heading's or a sub-point's, never an item's. */
export const OUTLINE_NUMBER = /^\d{1,2}(?:\.\d{1,2})+\.?\s+/;

/** A bullet typed or pasted: "- ", "• ", "* ", "– ". */
export const BULLET = /^[-•*–▪◦·]\s+/;

/**
 * A heading that only names the kind of the items under it ("Vragen", "Onze adviezen",
 * "Aanbevelingen aan het college"): the kind, or 'mixed' for "Vragen en adviezen". No theme.
 */
export function kindHeading(text: string): ItemKind | 'mixed' | null {
  const t = squash(text)
    .replace(/^(?:\d{1,2}[.)]?|[IVX]{1,4}[.)])\s+/, '')
    .replace(/[:.]$/, '')
    .toLowerCase();
  const m = new RegExp(
    String.raw`^(?:(?:onze|de|enkele|overige|aanvullende|concrete|nadere|verdere|gestelde|gevraagde)\s+)?(${KIND_WORD})(?:\s+(?:en|&)\s+(${KIND_WORD}))?(?:\s+(?:aan|voor|van)\s+(?:het\s+college|u|de\s+gemeente|de\s+raad|de\s+adviesraad|b&w|burgemeester en wethouders))?$`,
  ).exec(t);
  if (!m) return null;
  const first = KIND_WORDS[m[1]];
  if (m[2] && KIND_WORDS[m[2]] !== first) return 'mixed';
  return first;
}

/** Headings of text that belongs to the introduction ("Inleiding", "Aanleiding"), not to a theme. */
export const INTRO_HEADING = /^(?:\d{1,2}[.)]?\s+)?(inleiding|aanleiding|achtergrond|samenvatting|werkwijze|algemene opmerkingen vooraf|vooraf)[:.]?$/i;
/** Headings after which the letter closes: no items follow. */
export const CLOSING_HEADING = /^(?:\d{1,2}[.)]?\s+)?(tot slot|ten slotte|afsluiting|slot|afronding|slotopmerking(en)?)[:.]?$/i;
/** Headings inside an item ("Toelichting"): part of the item's text, not a theme. */
export const ITEM_SUBHEADING = /^(toelichting|onderbouwing|motivering|argumentatie|uitleg|voorbeeld(en)?)[:.]?$/i;

/** The greeting that opens the letter's body. */
export const SALUTATION = /^(geachte?|beste|hooggeachte?|aan het college[^.]*,$|l\.?\s?s\.?[,:]?$|dear)(\b|$)/i;
/** The greeting that closes the letter: nothing after it is an item (unless in an annex). */
export const CLOSING = /^(met\s+(vriendelijke|hartelijke|collegiale)\s+groet(en)?|vriendelijke\s+groet(en)?|hartelijke\s+groet(en)?|hoogachtend|met\s+de\s+meeste\s+hoogachting|met\s+hoogachting|namens\s+(de|het)\s+[^.]{0,80},?$)/i;
/** Closing prose before the greeting ("Wij zien uw reactie met belangstelling tegemoet."), once no item follows. */
export const CLOSING_PROSE =
  /^(wij|we)\s+(zien|kijken|wachten)\b.{0,80}\b(tegemoet|uit|af)\b|^(wij|we)\s+(horen|vernemen|ontvangen)\s+graag|^(wij|we)\s+(vertrouwen|hopen|rekenen)\s+(erop|u|dat)|^graag\s+(horen|ontvangen|vernemen|gaan)\b|^voor\s+(vragen|meer\s+informatie|een\s+toelichting|nadere\s+informatie)\b|^mocht\s+u\b|^(tot\s+slot|ten\s+slotte)\b|^wij\s+zijn\s+(graag\s+)?bereid|^uiteraard\s+(zijn|is)\b.{0,60}\b(bereid|beschikbaar)|^(wij|we)\s+danken\s+u\b|^(hartelijk\s+)?dank\s+(u\s+)?voor\b/i;
/** An annex's heading. */
export const ANNEX = /^(bijlage|bijlagen|annex|appendix)(\s+\d{1,2}|\s+[IVX]{1,4})?\b/i;

/** A metadata line: "Datum: …", "Ons kenmerk: …", "Onderwerp: …" (cells of a table are joined with " | "). */
const META = /^(datum|date|ons\s+kenmerk|onze\s+referentie|ons\s+nummer|kenmerk|referentie|ref\.|uw\s+kenmerk|uw\s+brief(?:\s+van)?|uw\s+referentie|onderwerp|betreft|betreffende|inzake|bijlage(?:n|\(n\))?|aantal\s+bijlagen|behandeld\s+door|contactpersoon|telefoon|e-?mail|doorkiesnummer|verzonden|van|aan|cc)\s*(?::|\||\t|\s{2,}|$)\s*(.*)$/i;

export type MetaLine = { key: 'date' | 'reference' | 'theirReference' | 'subject' | 'other'; value: string };

/**
 * The same labels followed by a single space, as a PDF gives a label column beside a value column
 * ("Ons kenmerk AH/2026/07"): only where the value cannot be a sentence's next word (a number for a
 * date or reference, a capital for a subject).
 */
const META_SPACED = [/^(datum|ons\s+kenmerk|uw\s+kenmerk|kenmerk|referentie)\s(?=\S*\d)(.+)$/i, /^([Oo]nderwerp|[Bb]etreft)\s(?=[A-ZÀ-Ý])(.+)$/];

export function matchMeta(text: string): MetaLine | null {
  const line = text.trim();
  const m = META.exec(line) ?? META_SPACED.map((re) => re.exec(squash(line))).find((x) => x !== null) ?? null;
  if (!m) return null;
  const label = squash(m[1]).toLowerCase();
  const value = squash(m[2].split(/\s+\|\s+|\t|\s{3,}/)[0] ?? '');
  if (label === 'datum' || label === 'date') return { key: 'date', value };
  if (/^(ons kenmerk|onze referentie|ons nummer|kenmerk|referentie|ref\.)$/.test(label)) return { key: 'reference', value };
  if (/^uw /.test(label)) return { key: 'theirReference', value };
  if (/^(onderwerp|betreft|betreffende|inzake)$/.test(label)) return { key: 'subject', value };
  return { key: 'other', value };
}

const MONTHS: Record<string, number> = {
  januari: 1, jan: 1, februari: 2, feb: 2, febr: 2, maart: 3, mrt: 3, mar: 3, april: 4, apr: 4, mei: 5, juni: 6, jun: 6, juli: 7, jul: 7,
  augustus: 8, aug: 8, september: 9, sep: 9, sept: 9, oktober: 10, okt: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};

const iso = (y: number, m: number, d: number) => {
  const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const date = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === s && y >= 1990 && y <= 2100 ? s : null;
};

/** The first date in a text ("3 maart 2026", "3 mrt. 2026", "03-03-2026", "2026-03-03"), as YYYY-MM-DD. */
export function findDate(text: string): string | null {
  const t = text.toLowerCase();
  const written = /(\d{1,2})\s+([a-z]{3,9})\.?\s+(\d{4})/.exec(t);
  if (written && MONTHS[written[2]]) {
    const found = iso(Number(written[3]), MONTHS[written[2]], Number(written[1]));
    if (found) return found;
  }
  const isoDate = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(t);
  if (isoDate) return iso(Number(isoDate[1]), Number(isoDate[2]), Number(isoDate[3]));
  const numeric = /\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b/.exec(t);
  if (numeric) return iso(Number(numeric[3]), Number(numeric[2]), Number(numeric[1]));
  return null;
}

/** A line that is only a date, perhaps after a place: "Zeewolde, 3 maart 2026". */
export function dateLine(text: string): string | null {
  const t = squash(text);
  if (t.length > 50) return null;
  const date = findDate(t);
  if (!date) return null;
  const rest = t
    .replace(/(\d{1,2})\s+[a-z]{3,9}\.?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}/i, '')
    .replace(/^(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\s*/i, '')
    .trim();
  // Nothing else, or a place name followed by a comma.
  return rest === '' || /^[A-ZÀ-Ý][\p{L} '-]{1,30},?$/u.test(rest) ? date : null;
}

const SENTENCE_END = /[.!?;…]["'”’)]?$/;

/** Short enough and shaped like a heading: no sentence punctuation at its end. */
export function headingShaped(text: string, { colonAllowed = true } = {}): boolean {
  const t = squash(text);
  if (t.length === 0 || t.length > 100) return false;
  if (t.split(' ').length > 12) return false;
  if (SENTENCE_END.test(t)) return false;
  if (!colonAllowed && t.endsWith(':')) return false;
  if (/^[a-z]/.test(t)) return false;
  return true;
}

/** Written in capitals ("WONEN EN ZORG"): at least three letters, nearly all upper case. */
export function inCapitals(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length < 3) return false;
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  return upper / letters.length >= 0.9;
}

/** A heading's text as a section: its outline number and trailing colon dropped. */
export const sectionText = (text: string) =>
  squash(text)
    .replace(/^(?:\d{1,2}(?:\.\d{1,2})*[.)]?|[IVX]{1,4}[.)]|[A-Z][.)])\s+/, '')
    .replace(/\s*:$/, '')
    .replace(/^[*_#]+\s*|\s*[*_]+$/g, '');

/** A question reads as one: it ends with a question mark (its first paragraph, at least). */
export const readsAsQuestion = (text: string) => /\?["'”’)]?\s*$/.test(text.split(/\n\s*\n/)[0].trim());

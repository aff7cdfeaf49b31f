/**
 * The one letter model: plain, serialisable data built from a dossier's snapshot. The HTML and
 * PDF renderers (and the mail) take this and nothing else, so every renderer says the same.
 */
import type { LetterSnapshot } from './letter';
import type { ResponseStatus } from './advice';
import { nl } from './i18n/nl';
import { dutchDate, todayInAmsterdam } from './dates';

const t = nl.letter;

/** A paragraph as its writer made it; a '\n' inside is a line break the renderers keep. */
export type Paragraph = string;

export type LetterStatus = Exclude<ResponseStatus, 'answered'> | 'pending';

export type LetterItem = {
  kind: 'question' | 'advice';
  number: number;
  /** "Vraag 1" / "Advies 1". */
  heading: string;
  /** The council's text; a question's is quoted. */
  text: Paragraph[];
  /** Advice items only: how the organisation takes it. */
  status: { code: LetterStatus; label: string } | null;
  /** "Antwoord" / "Onze reactie". */
  responseHeading: string;
  response: Paragraph[];
  /** No response yet (only in a concept). */
  pending: boolean;
};

export type LetterSection = { heading: string | null; items: LetterItem[] };

export type LabelValue = { label: string; value: string };

export type LetterModel = {
  version: 1;
  /** Before signing: the renderers mark the letter as a concept. */
  concept: boolean;
  language: 'nl';
  /** Title of the document (HTML <title>, PDF metadata); carries "CONCEPT" before signing. */
  documentTitle: string;
  subject: string;
  author: string;
  keywords: string;
  /** ISO timestamp: the signing moment, or when the concept was made. */
  createdAt: string;
  reference: string | null;
  organisation: { name: string; slug: string };
  /** A colour for the letterhead (#rrggbb). */
  accent: string;
  conceptLabel: string;
  conceptNotice: string | null;
  letterhead: { name: string; addressLines: string[]; contactLines: string[] };
  addressee: string[];
  references: LabelValue[];
  referenceNote: string;
  /** Repeated on every page after the first, with "Pagina n/N". */
  running: { date: LabelValue; reference: LabelValue; pageLabel: string };
  salutation: string;
  opening: Paragraph[];
  overview: { heading: string; intro: string; rows: { code: LetterStatus | 'answered'; label: string; count: number }[] } | null;
  sections: LetterSection[];
  closing: Paragraph[];
  greeting: string;
  signOff: string;
  signatories: { title: string; name: string }[];
  verifyNote: string | null;
  filenames: { pdf: string; html: string };
};

export type LetterOptions = {
  /** The moment a concept is made (tests fix it); ignored once signed. */
  now?: Date;
  /** Where anyone can check the letter's authenticity (shown in the letter). */
  verifyUrl?: string;
};

const DEFAULT_ACCENT = '#1f4e79';

/** Control characters other than newline would only show as boxes: tabs become spaces, the rest goes. */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

/** Paragraphs as the writer made them: a blank line separates, a single newline stays a line break. */
export function paragraphs(text: string | null | undefined): Paragraph[] {
  if (!text) return [];
  return cleanText(text)
    .split(/\n[ \u00a0]*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((line) => line.replace(/\s+$/, ''))
        .join('\n')
        .replace(/^\n+|\n+$/g, ''),
    )
    .filter((p) => p.trim() !== '');
}

/** Dutch quotation marks around a (possibly multi-paragraph) quote. */
function quoted(ps: Paragraph[]): Paragraph[] {
  if (!ps.length) return ps;
  const out = [...ps];
  out[0] = `“${out[0]}`;
  out[out.length - 1] = `${out[out.length - 1]}”`;
  return out;
}

const line = (s: string) => cleanText(s).replace(/\s*\n\s*/g, ' ').trim();

export function letterFilename(reference: string | null, concept: boolean, ext: 'pdf' | 'html') {
  // The reference is ASCII by construction (prefix of capitals, year, number), safe in a header.
  return t.filename(reference && /^[A-Za-z0-9-]+$/.test(reference) ? reference : null, concept, ext);
}

export function buildLetterModel(snapshot: LetterSnapshot, options: LetterOptions = {}): LetterModel {
  const { dossier, organisation: org, council } = snapshot;
  const concept = !snapshot.signedAt;
  const createdAt = snapshot.signedAt ?? (options.now ?? new Date()).toISOString();
  const date = dutchDate(todayInAmsterdam(new Date(createdAt)));
  const title = line(dossier.title);
  const reference = dossier.reference;
  const subject = t.subject(title);

  const items: LetterItem[] = dossier.items.map((item) => {
    const r = item.response;
    const pending = !r;
    const text = paragraphs(item.text);
    if (item.kind === 'question') {
      return {
        kind: 'question',
        number: item.number,
        heading: t.question(item.number),
        text: quoted(text),
        status: null,
        responseHeading: t.answer,
        response: r ? paragraphs(r.text) : [t.noResponseYet],
        pending,
      };
    }
    const code: LetterStatus = r && r.status !== 'answered' ? r.status : 'pending';
    return {
      kind: 'advice',
      number: item.number,
      heading: t.advice(item.number),
      text,
      status: { code, label: t.status[code] },
      responseHeading: t.ourResponse,
      response: r ? paragraphs(r.text) : [t.noResponseYet],
      pending,
    };
  });

  return {
    version: 1,
    concept,
    language: 'nl',
    documentTitle: concept ? t.conceptTitle(t.documentTitle(title, reference)) : t.documentTitle(title, reference),
    subject,
    author: line(org.name),
    keywords: [reference, dossier.councilReference].filter(Boolean).join(', '),
    createdAt,
    reference,
    organisation: { name: line(org.name), slug: org.slug },
    accent: /^#[0-9a-fA-F]{6}$/.test(org.theme?.colour ?? '') ? org.theme.colour! : DEFAULT_ACCENT,
    conceptLabel: t.concept,
    conceptNotice: concept ? t.conceptNotice : null,
    letterhead: {
      name: line(org.name),
      addressLines: org.letterhead.addressLines.map(line),
      contactLines: [
        org.letterhead.phone && `${t.letterhead.phone} ${line(org.letterhead.phone)}`,
        org.letterhead.email && `${t.letterhead.email} ${line(org.letterhead.email)}`,
        org.letterhead.website && `${t.letterhead.website} ${line(org.letterhead.website)}`,
      ].filter((s): s is string => Boolean(s)),
    },
    addressee: [t.addressee(line(council.name)), ...(council.addressLines ?? []).map(line)],
    references: [
      { label: t.labels.date, value: date },
      { label: t.labels.yourLetter, value: dutchDate(dossier.letterDate) },
      { label: t.labels.yourReference, value: dossier.councilReference ? line(dossier.councilReference) : t.none },
      { label: t.labels.ourReference, value: reference ?? t.none },
      { label: t.labels.subject, value: subject },
      { label: t.labels.attachments, value: t.noAttachments },
    ],
    referenceNote: t.mentionReference,
    running: {
      date: { label: t.labels.date, value: date },
      reference: { label: t.labels.ourReference, value: reference ?? t.none },
      pageLabel: t.labels.page,
    },
    salutation: line(council.salutation),
    opening: [
      t.opening({ date: dutchDate(dossier.letterDate), title, solicited: dossier.kind === 'solicited', policyDocument: dossier.policyDocument ? line(dossier.policyDocument) : null }),
      t.openingGuide,
    ],
    overview: overview(items),
    sections: sections(dossier.items.map((i) => i.section), items),
    closing: [t.closing({ name: line(org.contact.name), phone: org.contact.phone && line(org.contact.phone), email: org.contact.email && line(org.contact.email) })],
    greeting: t.greeting,
    signOff: `${line(org.signOff)},`,
    signatories: org.signatories.map((s) => ({ title: `${line(s.title)},`, name: line(s.name) })),
    verifyNote: options.verifyUrl ? t.verifyNote(options.verifyUrl, reference) : null,
    filenames: { pdf: letterFilename(reference, concept, 'pdf'), html: letterFilename(reference, concept, 'html') },
  };
}

function overview(items: LetterItem[]): LetterModel['overview'] {
  const questions = items.filter((i) => i.kind === 'question');
  const advice = items.filter((i) => i.kind === 'advice');
  if (!items.length) return null;
  const rows: NonNullable<LetterModel['overview']>['rows'] = [];
  if (advice.length) {
    for (const code of ['adopted', 'partly', 'declined', 'already_done'] as const) {
      rows.push({ code, label: t.overviewRows[code], count: advice.filter((i) => i.status?.code === code).length });
    }
  }
  if (questions.length) rows.push({ code: 'answered', label: t.overviewRows.answered, count: questions.filter((i) => !i.pending).length });
  const pending = items.filter((i) => i.pending).length;
  if (pending) rows.push({ code: 'pending', label: t.overviewRows.pending, count: pending });
  return { heading: t.overviewHeading, intro: t.overviewIntro(questions.length, advice.length), rows };
}

/**
 * Items keep their order; consecutive items under the same themed heading form a section. When
 * the council used no headings at all, questions and advice items get the usual ones.
 */
function sections(headings: (string | null)[], items: LetterItem[]): LetterSection[] {
  const anyHeading = headings.some((h) => h && h.trim());
  const out: LetterSection[] = [];
  items.forEach((item, i) => {
    const heading = anyHeading ? (headings[i]?.trim() ? line(headings[i]!) : null) : item.kind === 'question' ? t.questionsHeading : t.adviceHeading;
    const last = out[out.length - 1];
    if (last && last.heading === heading) last.items.push(item);
    else out.push({ heading, items: [item] });
  });
  return out;
}

/**
 * The one model of the integral list (integrale lijst): plain, serialisable data built from a
 * consultation's snapshot. The HTML and PDF renderers take this and nothing else, so both say the
 * same; like the letter (letter-model.ts), whose text rules it shares.
 */
import type { Consultation } from './consultations';
import type { OrganisationView } from './organisations';
import { nl } from './i18n/nl';
import { dutchDate, todayInAmsterdam } from './dates';
import { cleanText, paragraphs, type Paragraph } from './letter-model';

const t = nl.consultations.list;

/** What the list is made of, frozen at signing. Renderers work from this and nothing else. */
export type ListSnapshot = {
  consultation: Consultation;
  organisation: OrganisationView;
  signedAt: string | null;
  signedBy: { id: string; name: string } | null;
};

export type ListRow = {
  number: number;
  /** The part of the document the remark is about, if the participant named one. */
  section: string | null;
  remark: Paragraph[];
  response: Paragraph[];
  /** The response is the one given to another remark, printed by reference. */
  reference: boolean;
  /** No response yet (only in a concept). */
  pending: boolean;
  /** Legend codes, in the order the legend gives them. */
  processing: string[];
};

export type ListParticipant = { name: string; rows: ListRow[] };

export type LabelValue = { label: string; value: string };

export type ListModel = {
  version: 1;
  /** Before signing: the renderers mark the list as a concept. */
  concept: boolean;
  language: 'nl';
  /** Title of the document (HTML <title>, PDF metadata); carries "CONCEPT" before signing. */
  documentTitle: string;
  title: string;
  author: string;
  subject: string;
  /** ISO timestamp: the signing moment, or when the concept was made. */
  createdAt: string;
  accent: string;
  conceptLabel: string;
  conceptNotice: string | null;
  letterhead: { name: string; addressLines: string[]; contactLines: string[] };
  /** "Integrale lijst". */
  kind: string;
  facts: LabelValue[];
  intro: string;
  columns: { remark: string; response: string; processing: string };
  participants: ListParticipant[];
  noRemarks: string;
  legend: { heading: string; entries: { code: string; text: string }[] };
  /** Signed only: who adopted the list, when, and the signatories. */
  adoption: { statement: string; signatories: { title: string; name: string }[] } | null;
  /** On every page: the title, the date and "Pagina n/N". */
  running: { title: string; date: LabelValue; pageLabel: string };
  verifyNote: string | null;
  filenames: { pdf: string; html: string };
};

export type ListOptions = {
  /** The moment a concept is made (tests fix it); ignored once signed. */
  now?: Date;
  /** Where anyone can check the list's authenticity (shown in the list). */
  verifyUrl?: string;
};

const DEFAULT_ACCENT = '#1f4e79';
const line = (s: string) => cleanText(s).replace(/\s*\n\s*/g, ' ').trim();

/** An ASCII file name for the list: safe in a header, recognisable in a mailbox. */
export function listFilename(title: string, concept: boolean, ext: 'pdf' | 'html') {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return t.filename(concept, ext).replace(/\.(pdf|html)$/, `${slug ? `-${slug}` : ''}.$1`);
}

export function buildListModel(snapshot: ListSnapshot, options: ListOptions = {}): ListModel {
  const { consultation: c, organisation: org } = snapshot;
  const concept = !snapshot.signedAt;
  const createdAt = snapshot.signedAt ?? (options.now ?? new Date()).toISOString();
  const date = dutchDate(todayInAmsterdam(new Date(createdAt)));
  const title = line(c.title);

  // Where each remark stands, for responses given by reference.
  const owner = new Map<string, { number: number; participant: string }>();
  for (const p of c.participants) for (const r of p.remarks) owner.set(r.id, { number: r.number, participant: line(p.name) });
  const order = new Map(c.legend.map((e, i) => [e.code, i]));
  const remarkCount = c.participants.reduce((n, p) => n + p.remarks.length, 0);

  const participants: ListParticipant[] = c.participants.map((p) => ({
    name: line(p.name),
    rows: [...p.remarks]
      .sort((a, b) => a.number - b.number)
      .map((r) => {
        const response = r.response;
        const target = response?.sameAs ? owner.get(response.sameAs) : undefined;
        return {
          number: r.number,
          section: r.section ? line(r.section) : null,
          remark: paragraphs(r.text),
          response: !response ? [t.noResponseYet] : target ? [t.sameAs(target.number, target.participant)] : paragraphs(response.text),
          reference: Boolean(target),
          pending: !response,
          processing: [...(response?.processing ?? [])].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)),
        };
      }),
  }));

  return {
    version: 1,
    concept,
    language: 'nl',
    documentTitle: concept ? t.conceptTitle(title) : title,
    title,
    author: line(org.name),
    subject: `${t.heading}: ${line(c.document)}`,
    createdAt,
    accent: /^#[0-9a-fA-F]{6}$/.test(org.theme?.colour ?? '') ? org.theme.colour! : DEFAULT_ACCENT,
    conceptLabel: t.concept,
    conceptNotice: concept ? t.conceptNotice : null,
    letterhead: {
      name: line(org.name),
      addressLines: org.letterhead.addressLines.map(line),
      contactLines: [
        org.letterhead.phone && `${nl.letter.letterhead.phone} ${line(org.letterhead.phone)}`,
        org.letterhead.email && `${nl.letter.letterhead.email} ${line(org.letterhead.email)}`,
        org.letterhead.website && `${nl.letter.letterhead.website} ${line(org.letterhead.website)}`,
      ].filter((s): s is string => Boolean(s)),
    },
    kind: t.heading,
    facts: [
      { label: t.documentLabel, value: line(c.document) },
      { label: t.dateLabel, value: date },
    ],
    intro: t.intro(c.participants.length, remarkCount),
    columns: t.columns,
    participants,
    noRemarks: t.noRemarks,
    legend: { heading: t.legendHeading, entries: c.legend.map((e) => ({ code: line(e.code), text: t.legendEntry(line(e.code), cleanText(e.label).trim()) })) },
    adoption: concept
      ? null
      : {
          statement: t.adopted(line(org.signOff), date),
          signatories: org.signatories.map((s) => ({ title: line(s.title), name: line(s.name) })),
        },
    running: { title, date: { label: t.dateLabel, value: date }, pageLabel: t.pageLabel },
    verifyNote: options.verifyUrl ? t.verifyNote(options.verifyUrl) : null,
    filenames: { pdf: listFilename(title, concept, 'pdf'), html: listFilename(title, concept, 'html') },
  };
}

/**
 * What the DiWoo sitemaps say of a public dossier: two documents, the advice as received and the
 * response letter as signed ("is reactie op" the advice). Pure: the rows come from
 * services/public-archive.ts, the XML from web/feeds/diwoo-sitemap.ts.
 */
import { DIWOO } from '../../schema/diwoo';
import { nl } from '../../schema/i18n/nl';
import type { DiwooDocument } from '../../web/feeds/diwoo-sitemap';
import { xmlText } from '../../web/feeds/xml';
import { dutchDate, todayInAmsterdam } from '../../schema/dates';

const t = nl.publication;

/** The last Sunday of a month (1-12) of a year, as a day of the month. */
function lastSunday(year: number, month: number) {
  const last = new Date(Date.UTC(year, month, 0));
  return last.getUTCDate() - last.getUTCDay();
}

/**
 * Midnight at the start of a calendar day in Europe/Amsterdam, with its offset: summer time (+02:00)
 * runs from the last Sunday of March to the last Sunday of October, switching at 02:00/03:00, so
 * midnight of the switching days still has the offset of the day before.
 */
export function amsterdamMidnight(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const afterMarch = m > 3 || (m === 3 && d > lastSunday(y, 3));
  const beforeOctoberEnd = m < 10 || (m === 10 && d <= lastSunday(y, 10));
  return `${date}T00:00:00${afterMarch && beforeOctoberEnd ? '+02:00' : '+01:00'}`;
}

export type DiwooDossier = {
  id: string;
  title: string;
  reference: string;
  councilReference: string | null;
  letterDate: string;
  receivedOn: string | null;
  signedAt: string | null;
  sentAt: string;
  publishedAt: string;
  councilName: string;
};

export type DiwooContext = {
  /** The public address of the organisation's archive, e.g. https://example.nl/openbaar/almere */
  archiveUrl: string;
  organisation: { name: string; tooi?: string | null };
};

export const adviceDocumentUrl = (archiveUrl: string, id: string) => `${archiveUrl}/${id}/advies`;
export const letterDocumentUrl = (archiveUrl: string, id: string) => `${archiveUrl}/${id}/reactie.pdf`;

export function diwooDocuments(ctx: DiwooContext, d: DiwooDossier): [DiwooDocument, DiwooDocument] {
  const publisher = { label: ctx.organisation.name, resource: ctx.organisation.tooi ?? null };
  const category = [{ label: t.diwoo.category, resource: DIWOO.category.advice }];
  const adviceUrl = adviceDocumentUrl(ctx.archiveUrl, d.id);
  // The official title is required and must say something: a title of nothing but characters that
  // XML cannot carry becomes the reference.
  const title = xmlText(d.title) || `${t.diwoo.adviceType} ${d.reference}`;
  const signedAt = d.signedAt ?? d.sentAt;
  return [
    {
      loc: adviceUrl,
      lastmod: d.publishedAt,
      identifiers: [d.reference, ...(d.councilReference ? [d.councilReference] : [])],
      publisher,
      naamOpsteller: d.councilName,
      officieleTitel: title,
      informatiecategorieen: category,
      documentsoorten: [{ label: t.diwoo.adviceType, resource: DIWOO.documentType.advice }],
      creatiedatum: d.letterDate,
      format: { label: 'html', resource: DIWOO.format.html },
      aggregatiekenmerk: d.reference,
      documenthandelingen: [{ soortHandeling: { label: t.diwoo.received, resource: DIWOO.action.received }, atTime: amsterdamMidnight(d.receivedOn ?? d.letterDate) }],
    },
    {
      loc: letterDocumentUrl(ctx.archiveUrl, d.id),
      lastmod: d.publishedAt,
      identifiers: [d.reference],
      publisher,
      opsteller: ctx.organisation.tooi ? publisher : null,
      naamOpsteller: ctx.organisation.tooi ? null : ctx.organisation.name,
      officieleTitel: t.dossier.letterTitle(title),
      informatiecategorieen: category,
      documentsoorten: [{ label: t.diwoo.letterType, resource: DIWOO.documentType.letter }],
      creatiedatum: todayInAmsterdam(new Date(signedAt)),
      format: { label: 'pdf', resource: DIWOO.format.pdf },
      aggregatiekenmerk: d.reference,
      documenthandelingen: [{ soortHandeling: { label: t.diwoo.signed, resource: DIWOO.action.signed }, atTime: signedAt }],
      documentrelaties: [{ role: { label: t.diwoo.isResponseTo, resource: DIWOO.relation.isResponseTo }, relation: { label: title, resource: adviceUrl } }],
    },
  ];
}

export type DiwooList = { id: string; title: string; signedAt: string | null; sentAt: string; publishedAt: string };

export const listDocumentUrl = (archiveUrl: string, id: string) => `${archiveUrl}/consultaties/${id}/lijst.pdf`;

/**
 * What the DiWoo sitemaps say of a published consultation list: one document, the signed PDF. The
 * code list of document types has no "nota van beantwoording" or list: the integral list is the
 * organisation's signed written answer to the remarks it received, sent to every body that made
 * them — the role of the response letter — so it is a *brief*, signed (*ondertekening*), in the
 * category *adviezen* of the sitemap index it is listed in. The remarks are inside the list, not
 * documents of their own, so there is no relation to point to.
 */
export function diwooListDocument(ctx: DiwooContext, l: DiwooList): DiwooDocument {
  const publisher = { label: ctx.organisation.name, resource: ctx.organisation.tooi ?? null };
  const signedAt = l.signedAt ?? l.sentAt;
  return {
    loc: listDocumentUrl(ctx.archiveUrl, l.id),
    lastmod: l.publishedAt,
    identifiers: [],
    publisher,
    opsteller: ctx.organisation.tooi ? publisher : null,
    naamOpsteller: ctx.organisation.tooi ? null : ctx.organisation.name,
    officieleTitel: xmlText(l.title) || t.lists.diwooTitle(dutchDate(todayInAmsterdam(new Date(signedAt)))),
    informatiecategorieen: [{ label: t.diwoo.category, resource: DIWOO.category.advice }],
    documentsoorten: [{ label: t.diwoo.letterType, resource: DIWOO.documentType.letter }],
    creatiedatum: todayInAmsterdam(new Date(signedAt)),
    format: { label: 'pdf', resource: DIWOO.format.pdf },
    documenthandelingen: [{ soortHandeling: { label: t.diwoo.signed, resource: DIWOO.action.signed }, atTime: signedAt }],
  };
}

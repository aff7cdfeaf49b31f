/**
 * The Woo-index's harvesting files: a sitemap index per organisation, and sitemaps whose entries
 * carry DiWoo metadata (version 0.9.8). Elements are written in the order the schema declares
 * them (its sequences require it; where it allows any order, the declared order is kept too).
 */
import { DIWOO_NAMESPACE, SITEMAP_NAMESPACE } from '../../schema/diwoo';
import { el, xmlDocument, type XmlChild } from './xml';

/** A label with the URI of its code-list value (DiWoo's `resource` attribute). */
export type Coded = { label: string; resource?: string | null };

/** One document as the Woo-index should know it. */
export type DiwooDocument = {
  loc: string;
  /** When the entry last changed (ISO timestamp). */
  lastmod: string;
  identifiers: string[];
  publisher: Coded;
  /** The organisation that drew it up, when it has a TOOI identifier; else naamOpsteller. */
  opsteller?: Coded | null;
  naamOpsteller?: string | null;
  officieleTitel: string;
  informatiecategorieen: Coded[];
  documentsoorten: Coded[];
  /** xs:date */
  creatiedatum: string;
  format: Coded;
  /** Ties the documents of one dossier together. */
  aggregatiekenmerk?: string | null;
  documenthandelingen: { soortHandeling: Coded; atTime: string }[];
  documentrelaties?: { role: Coded; relation: Coded }[];
};

const d = (name: string) => `diwoo:${name}`;
const coded = (name: string, c: Coded) => el(d(name), { resource: c.resource ?? null }, c.label);
const list = <T,>(wrapper: string, items: T[] | undefined, item: (x: T) => XmlChild): XmlChild => (items?.length ? el(d(wrapper), null, items.map(item)) : null);

function diwoo(doc: DiwooDocument) {
  return el(
    d('Document'),
    null,
    el(
      d('DiWoo'),
      null,
      list('identifiers', doc.identifiers, (i) => el(d('identifier'), null, i)),
      coded('publisher', doc.publisher),
      doc.opsteller ? coded('opsteller', doc.opsteller) : null,
      doc.naamOpsteller ? el(d('naamOpsteller'), null, doc.naamOpsteller) : null,
      el(d('titelcollectie'), null, el(d('officieleTitel'), null, doc.officieleTitel)),
      el(
        d('classificatiecollectie'),
        null,
        list('informatiecategorieen', doc.informatiecategorieen, (c) => coded('informatiecategorie', c)),
        list('documentsoorten', doc.documentsoorten, (c) => coded('documentsoort', c)),
      ),
      el(d('creatiedatum'), null, doc.creatiedatum),
      coded('format', doc.format),
      doc.aggregatiekenmerk ? el(d('aggregatiekenmerk'), null, doc.aggregatiekenmerk) : null,
      list('documenthandelingen', doc.documenthandelingen, (h) => el(d('documenthandeling'), null, coded('soortHandeling', h.soortHandeling), el(d('atTime'), null, h.atTime))),
      list('documentrelaties', doc.documentrelaties, (r) => el(d('documentrelatie'), null, coded('role', r.role), coded('relation', r.relation))),
    ),
  );
}

/** A sitemap (`urlset`) of documents with their DiWoo metadata. */
export function renderDiwooSitemap(docs: DiwooDocument[]): string {
  return xmlDocument(
    el(
      'urlset',
      { xmlns: SITEMAP_NAMESPACE, 'xmlns:diwoo': DIWOO_NAMESPACE },
      docs.map((doc) => el('url', null, el('loc', null, doc.loc), el('lastmod', null, doc.lastmod), diwoo(doc))),
    ),
  );
}

/** The sitemap index: one entry per sitemap. */
export function renderSitemapIndex(locs: string[]): string {
  return xmlDocument(el('sitemapindex', { xmlns: SITEMAP_NAMESPACE }, locs.map((loc) => el('sitemap', null, el('loc', null, loc)))));
}

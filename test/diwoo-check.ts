/**
 * Our own check of the DiWoo sitemaps against what the public DiWoo metadata schema (XSD 0.9.8,
 * standaarden.overheid.nl/diwoo/metadata) and the sitemap protocol (sitemaps.org 0.9) require:
 * the XML parsed with a real parser (any error is a failure), every required element present, the
 * order the schemas' sequences demand, no element the schema does not declare, and each coded value
 * one of the code lists' values with its own label. Written from reading the schema; no schema
 * text is copied here. Returns a list of problems (empty: fine). Used in workerd and in Node.
 */
import { DOMParser, type Element } from '@xmldom/xmldom';

export const NS = {
  sitemap: 'http://www.sitemaps.org/schemas/sitemap/0.9',
  diwoo: 'https://standaarden.overheid.nl/diwoo/metadata/',
};

const KERN = 'https://identifier.overheid.nl/tooi/def/thes/kern/';
/** Code-list values the archive may use, with the label each has in its list. */
export const CODES = {
  informatiecategorie: { [`${KERN}c_99a836c7`]: 'adviezen' },
  documentsoort: { [`${KERN}c_d506b718`]: 'advies', [`${KERN}c_7652d853`]: 'brief' },
  soortHandeling: { [`${KERN}c_dfcee535`]: 'ontvangst', [`${KERN}c_e1ec050e`]: 'ondertekening' },
  role: { [`${KERN}c_07748060`]: 'is reactie op' },
  format: { 'http://publications.europa.eu/resource/authority/file-type/HTML': 'html', 'http://publications.europa.eu/resource/authority/file-type/PDF': 'pdf' },
} as const;
/** The organisation list's municipalities (TOOI identifiers of the form …/gemeente/gm + CBS code). */
const MUNICIPALITY = /^https:\/\/identifier\.overheid\.nl\/tooi\/id\/gemeente\/gm\d{4}$/;

/** The children of DiWooType in the order the schema declares them (an xs:all: each at most once). */
const DIWOO_CHILDREN = [
  'identifiers',
  'publisher',
  'verantwoordelijke',
  'medeverantwoordelijken',
  'opsteller',
  'naamOpsteller',
  'titelcollectie',
  'omschrijvingen',
  'classificatiecollectie',
  'creatiedatum',
  'geldigheid',
  'language',
  'format',
  'aggregatiekenmerk',
  'isPartOf',
  'hasParts',
  'documenthandelingen',
  'documentrelaties',
  'redenVerwijderingVervanging',
];
const DIWOO_REQUIRED = ['publisher', 'titelcollectie', 'classificatiecollectie', 'documenthandelingen'];
const XS_DATE = /^\d{4}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?$/;
const XS_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
/** W3C datetime (the sitemap protocol's lastmod). */
const W3C_DATETIME = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;

export function parseXml(xml: string) {
  const errors: string[] = [];
  const parser = new DOMParser({
    onError: (level, message) => {
      errors.push(`${level}: ${message}`);
    },
  });
  try {
    return { doc: parser.parseFromString(xml, 'application/xml'), errors };
  } catch (err) {
    // A fatal error stops the parser: nothing of the document can be trusted.
    return { doc: parser.parseFromString('<invalid/>', 'application/xml'), errors: [...errors, `fatal: ${(err as Error).message}`] };
  }
}

const elements = (e: Element) => Array.from(e.childNodes).filter((n): n is Element => n.nodeType === 1);
const text = (e: Element) => (e.textContent ?? '').trim();
const name = (e: Element) => `${e.namespaceURI === NS.diwoo ? 'diwoo:' : e.namespaceURI === NS.sitemap ? '' : `{${e.namespaceURI}}`}${e.localName}`;

export type DiwooEntry = { loc: string; lastmod: string | null; diwoo: Element };

/** Checks a DiWoo sitemap (`urlset`): the problems found and the entries read. */
export function checkDiwooSitemap(xml: string): { problems: string[]; entries: DiwooEntry[] } {
  const { doc, errors } = parseXml(xml);
  const problems = [...errors];
  const entries: DiwooEntry[] = [];
  const root = doc.documentElement;
  if (!root || root.namespaceURI !== NS.sitemap || root.localName !== 'urlset') return { problems: [...problems, `root is ${root && name(root)}, not urlset`], entries };
  for (const [n, url] of elements(root).entries()) {
    const at = `url[${n}]`;
    if (name(url) !== 'url') {
      problems.push(`${at}: ${name(url)} in urlset`);
      continue;
    }
    // sitemap 0.9: loc, then lastmod?, changefreq?, priority?, then elements of other namespaces.
    const kids = elements(url);
    const order = ['loc', 'lastmod', 'changefreq', 'priority'];
    let pos = -1;
    let other = false;
    for (const k of kids) {
      const i = order.indexOf(name(k));
      if (k.namespaceURI !== NS.sitemap) other = true;
      else if (i < 0) problems.push(`${at}: unknown ${name(k)}`);
      else if (other || i <= pos) problems.push(`${at}: ${name(k)} out of order`);
      else pos = i;
    }
    const loc = kids.find((k) => name(k) === 'loc');
    if (!loc || kids[0] !== loc) problems.push(`${at}: loc missing or not first`);
    else if (!/^https?:\/\/\S+$/.test(text(loc))) problems.push(`${at}: loc is not an absolute URL: ${text(loc)}`);
    const lastmod = kids.find((k) => name(k) === 'lastmod');
    if (lastmod && !W3C_DATETIME.test(text(lastmod))) problems.push(`${at}: lastmod ${text(lastmod)}`);
    const documents = kids.filter((k) => name(k) === 'diwoo:Document');
    if (documents.length !== 1) {
      problems.push(`${at}: ${documents.length} diwoo:Document`);
      continue;
    }
    // DocumentType: (DiWoo | MDTO+)?, extraMetadata*.
    const docKids = elements(documents[0]);
    const diwoo = docKids.filter((k) => name(k) === 'diwoo:DiWoo');
    if (diwoo.length !== 1 || docKids[0] !== diwoo[0]) problems.push(`${at}: diwoo:Document must start with one diwoo:DiWoo`);
    for (const k of docKids.slice(1)) if (name(k) !== 'diwoo:extraMetadata') problems.push(`${at}: ${name(k)} in diwoo:Document`);
    if (diwoo[0]) {
      problems.push(...checkDiwoo(diwoo[0], at));
      entries.push({ loc: loc ? text(loc) : '', lastmod: lastmod ? text(lastmod) : null, diwoo: diwoo[0] });
    }
  }
  return { problems, entries };
}

/** One element with a `resource` from a code list and its label. */
function checkCoded(e: Element | undefined, list: Record<string, string>, at: string): string[] {
  if (!e) return [`${at}: missing`];
  const resource = e.getAttribute('resource');
  if (!resource || !(resource in list)) return [`${at}: resource ${resource} not in the code list`];
  if (text(e) !== list[resource]) return [`${at}: label “${text(e)}” is not the list’s “${list[resource]}”`];
  return [];
}

/** A wrapper with one or more children of one name, and nothing else. */
function listOf(e: Element | undefined, child: string, at: string): { problems: string[]; items: Element[] } {
  if (!e) return { problems: [`${at}: missing`], items: [] };
  const kids = elements(e);
  const problems = kids.filter((k) => name(k) !== `diwoo:${child}`).map((k) => `${at}: ${name(k)} where ${child} belongs`);
  if (kids.length === 0) problems.push(`${at}: no ${child}`);
  return { problems, items: kids };
}

function checkDiwoo(d: Element, at: string): string[] {
  const problems: string[] = [];
  const kids = elements(d);
  const get = (n: string) => kids.find((k) => name(k) === `diwoo:${n}`);
  let last = -1;
  for (const k of kids) {
    const i = k.namespaceURI === NS.diwoo ? DIWOO_CHILDREN.indexOf(k.localName ?? '') : -1;
    if (i < 0) problems.push(`${at}: ${name(k)} is not a DiWoo element`);
    else if (i === last) problems.push(`${at}: ${name(k)} twice`);
    else if (i < last) problems.push(`${at}: ${name(k)} out of the declared order`);
    last = Math.max(last, i);
  }
  for (const r of DIWOO_REQUIRED) if (!get(r)) problems.push(`${at}: ${r} missing`);

  const publisher = get('publisher');
  if (publisher) {
    if (!text(publisher)) problems.push(`${at}: publisher without a name`);
    const resource = publisher.getAttribute('resource');
    if (resource && !MUNICIPALITY.test(resource)) problems.push(`${at}: publisher resource ${resource}`);
  }
  const opsteller = get('opsteller');
  if (opsteller && !MUNICIPALITY.test(opsteller.getAttribute('resource') ?? '')) problems.push(`${at}: opsteller needs a TOOI resource`);
  const ids = get('identifiers');
  if (ids) problems.push(...listOf(ids, 'identifier', `${at} identifiers`).problems);

  const titles = get('titelcollectie');
  if (titles) {
    const official = elements(titles).filter((k) => name(k) === 'diwoo:officieleTitel');
    if (official.length !== 1 || !text(official[0])) problems.push(`${at}: titelcollectie needs one officieleTitel`);
    for (const k of elements(titles)) if (!['diwoo:officieleTitel', 'diwoo:verkorteTitels', 'diwoo:alternatieveTitels'].includes(name(k))) problems.push(`${at}: ${name(k)} in titelcollectie`);
  }

  const classes = get('classificatiecollectie');
  if (classes) {
    const order = ['informatiecategorieen', 'documentsoorten', 'themas', 'trefwoorden'];
    const ck = elements(classes);
    for (const k of ck) if (!order.map((o) => `diwoo:${o}`).includes(name(k))) problems.push(`${at}: ${name(k)} in classificatiecollectie`);
    const cats = listOf(ck.find((k) => name(k) === 'diwoo:informatiecategorieen'), 'informatiecategorie', `${at} informatiecategorieen`);
    problems.push(...cats.problems, ...cats.items.flatMap((c) => checkCoded(c, CODES.informatiecategorie, `${at} informatiecategorie`)));
    const types = ck.find((k) => name(k) === 'diwoo:documentsoorten');
    if (types) {
      const t = listOf(types, 'documentsoort', `${at} documentsoorten`);
      problems.push(...t.problems, ...t.items.flatMap((c) => checkCoded(c, CODES.documentsoort, `${at} documentsoort`)));
    }
  }

  const created = get('creatiedatum');
  if (created && !XS_DATE.test(text(created))) problems.push(`${at}: creatiedatum ${text(created)} is no xs:date`);
  const format = get('format');
  if (format) problems.push(...checkCoded(format, CODES.format, `${at} format`));

  const actions = listOf(get('documenthandelingen'), 'documenthandeling', `${at} documenthandelingen`);
  problems.push(...actions.problems);
  for (const h of actions.items) {
    const hk = elements(h);
    for (const k of hk) if (!['diwoo:soortHandeling', 'diwoo:atTime', 'diwoo:wasAssociatedWith'].includes(name(k))) problems.push(`${at}: ${name(k)} in documenthandeling`);
    problems.push(...checkCoded(hk.find((k) => name(k) === 'diwoo:soortHandeling'), CODES.soortHandeling, `${at} soortHandeling`));
    const time = hk.find((k) => name(k) === 'diwoo:atTime');
    if (!time || !XS_DATETIME.test(text(time))) problems.push(`${at}: atTime ${time ? text(time) : 'missing'} is no xs:dateTime with a zone`);
  }

  const relations = get('documentrelaties');
  if (relations) {
    const r = listOf(relations, 'documentrelatie', `${at} documentrelaties`);
    problems.push(...r.problems);
    for (const rel of r.items) {
      const rk = elements(rel);
      problems.push(...checkCoded(rk.find((k) => name(k) === 'diwoo:role'), CODES.role, `${at} role`));
      const target = rk.find((k) => name(k) === 'diwoo:relation');
      if (!target || !target.getAttribute('resource')) problems.push(`${at}: relation without the document it points to`);
    }
  }
  return problems;
}

/** Checks a sitemap index: the problems found and the sitemaps it lists. */
export function checkSitemapIndex(xml: string): { problems: string[]; locs: string[] } {
  const { doc, errors } = parseXml(xml);
  const problems = [...errors];
  const root = doc.documentElement;
  if (!root || root.namespaceURI !== NS.sitemap || root.localName !== 'sitemapindex') return { problems: [...problems, 'root is not sitemapindex'], locs: [] };
  const locs: string[] = [];
  for (const s of elements(root)) {
    const kids = elements(s);
    if (name(s) !== 'sitemap' || name(kids[0] ?? s) !== 'loc') problems.push(`${name(s)}: needs loc first`);
    for (const k of kids.slice(1)) if (name(k) !== 'lastmod') problems.push(`sitemap: ${name(k)}`);
    if (kids[0]) locs.push(text(kids[0]));
  }
  return { problems, locs };
}

/** The value of a DiWoo child (by local names, a path), for assertions. */
export function diwooValue(d: Element, ...path: string[]): Element | undefined {
  let e: Element | undefined = d;
  for (const p of path) e = e && elements(e).find((k) => k.namespaceURI === NS.diwoo && k.localName === p);
  return e;
}

/**
 * The codes of the DiWoo metadata (version 0.9.8) that the Woo-index harvests from our sitemaps:
 * TOOI concepts for the information category, document types, document actions and relations, and
 * the EU file types. Only what the archive uses; the code lists themselves are published at
 * https://identifier.overheid.nl/tooi/ and https://standaarden.overheid.nl/diwoo/metadata/.
 */
export const DIWOO_NAMESPACE = 'https://standaarden.overheid.nl/diwoo/metadata/';
export const SITEMAP_NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9';

const kern = (code: string) => `https://identifier.overheid.nl/tooi/def/thes/kern/${code}`;

export const DIWOO = {
  /** Woo information category 010 ("adviezen"): the sitemap index is named after it. */
  category: { advice: kern('c_99a836c7') },
  documentType: { advice: kern('c_d506b718'), letter: kern('c_7652d853') },
  action: { received: kern('c_dfcee535'), signed: kern('c_e1ec050e') },
  relation: { isResponseTo: kern('c_07748060') },
  format: { html: 'http://publications.europa.eu/resource/authority/file-type/HTML', pdf: 'http://publications.europa.eu/resource/authority/file-type/PDF' },
} as const;

/** The sitemap index that robots.txt names, per organisation (the Woo-index's naming: category 010). */
export const SITEMAP_INDEX_FILE = 'sitemapindex-diwoo-infocat010.xml';

/** A municipality's TOOI identifier (the publisher's `resource`), from its CBS code such as gm0363. */
export const tooiMunicipality = (code: string) => `https://identifier.overheid.nl/tooi/id/gemeente/${code}`;
export const TOOI_MUNICIPALITY_CODE = /^gm\d{4}$/;

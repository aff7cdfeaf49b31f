/**
 * The public archive on the web (/openbaar/{slug}…), its Atom feed, and the Woo-index's harvesting
 * files: /robots.txt naming each organisation's DiWoo sitemap index, the index, and one sitemap
 * per year. Anything not public is 404, as if it did not exist. Pages carry no personal chrome
 * (they look the same signed in or not) and need no JavaScript.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../../context';
import { AppError, notFound } from '../../errors';
import { nl } from '../../../schema/i18n/nl';
import { SITEMAP_INDEX_FILE, tooiMunicipality } from '../../../schema/diwoo';
import {
  getPublicDossier,
  listPublic,
  organisationSlugs,
  PAGE_SIZE,
  parsePublicQuery,
  publicationYears,
  sitemapDossiers,
  type PublicOrganisation,
} from '../../services/public-archive';
import { diwooDocuments, diwooListDocument, listDocumentUrl } from '../../lib/diwoo';
import { listPublicConsultations, parseConsultationQuery } from '../../services/public-consultations';
import { dutchDate } from '../../../schema/dates';
import { PublicArchivePage, type ArchiveFilters } from '../../../web/pages/public-archive';
import { PublicAdvicePage, PublicDossierPage } from '../../../web/pages/public-dossier';
import { renderAtomFeed } from '../../../web/feeds/atom';
import { renderDiwooSitemap, renderSitemapIndex } from '../../../web/feeds/diwoo-sitemap';
import type { Chrome } from '../../../web/components/layout';
import { archivePath } from '../../../web/components/archive-tabs';
import { PUBLIC_CACHE, publicLetterResponse } from '../publication';
import { logoUrl } from './branding';
import { page } from './render';
import { webRoute, type WebApp } from './route';

type C = Context<AppEnv>;

/** The deployment's public address (PUBLIC_URL), else the request's origin: sitemaps and feeds need absolute URLs. */
export const publicBase = (c: C) => c.env.PUBLIC_URL?.replace(/\/+$/, '') || new URL(c.req.url).origin;

/** The organisation's look, and nobody signed in: a public page is the same for everyone. */
export function publicChrome(c: C, org: PublicOrganisation): Chrome {
  return {
    nonce: c.var.cspNonce,
    viewer: null,
    brand: { orgName: org.name, colour: org.theme.colour ?? null, logoUrl: logoUrl(org.slug, org.theme) },
    home: archivePath(org.slug),
  };
}

export function publicPage(c: C, element: Parameters<typeof page>[1]) {
  const res = page(c, element);
  res.headers.set('cache-control', PUBLIC_CACHE);
  return res;
}

function xml(body: string, type: string) {
  return new Response(body, { headers: { 'content-type': `${type}; charset=utf-8`, 'cache-control': PUBLIC_CACHE, 'x-content-type-options': 'nosniff' } });
}

async function archivePage(c: C) {
  const slug = c.req.param('slug') ?? '';
  const raw = { q: c.req.query('q'), council: c.req.query('raad'), year: c.req.query('jaar'), cursor: c.req.query('na') };
  const filters: ArchiveFilters = { q: (raw.q ?? '').slice(0, 200), councilId: raw.council ?? '', year: raw.year ?? '' };
  let problem: string | null = null;
  let query;
  try {
    query = parsePublicQuery(raw);
  } catch (err) {
    // A link that no longer fits (a stale cursor, a typed year): the first page, and why.
    if (!(err instanceof AppError) || err.status !== 422) throw err;
    problem = err.extra.errors ? (err.extra.errors as { message: string }[]).map((e) => e.message).join(' ') : err.detail;
    filters.year = /^\d{4}$/.test(filters.year) ? filters.year : '';
    query = parsePublicQuery({ q: raw.q, council: raw.council, year: filters.year || undefined });
  }
  const list = await listPublic(c.var.db, slug, query, { withFilters: true });
  if (!list.organisation) throw notFound();
  return publicPage(
    c,
    <PublicArchivePage
      chrome={publicChrome(c, list.organisation)}
      organisation={list.organisation}
      filters={filters}
      councils={list.councils ?? []}
      years={list.years ?? []}
      items={list.items}
      next={list.next}
      paged={query.after !== null}
      problem={problem}
    />,
  );
}

async function dossierPage(c: C, view: 'whole' | 'advice') {
  const found = await getPublicDossier(c.var.db, c.req.param('slug') ?? '', c.req.param('id') ?? '');
  if (!found) throw notFound();
  const chrome = publicChrome(c, found.organisation);
  return publicPage(c, view === 'whole' ? <PublicDossierPage chrome={chrome} dossier={found.dossier} /> : <PublicAdvicePage chrome={chrome} dossier={found.dossier} />);
}

/** The newest 50 publications: dossiers and consultation lists, by the moment they were sent. */
async function feed(c: C) {
  const slug = c.req.param('slug') ?? '';
  const [list, lists] = await Promise.all([listPublic(c.var.db, slug, parsePublicQuery({})), listPublicConsultations(c.var.db, slug, parseConsultationQuery({}))]);
  if (!list.organisation) throw notFound();
  const base = `${publicBase(c)}${archivePath(slug)}`;
  const t = nl.publication.feed;
  const dossiers = list.items.map((i, n) => ({
    id: `${base}/${i.id}`,
    title: i.title,
    link: `${base}/${i.id}`,
    enclosure: `${base}/${i.id}/reactie.pdf`,
    published: list.moments[n].sentAt,
    updated: list.moments[n].publishedAt,
    category: i.council.name,
    summary: t.summary(i.council.name, dutchDate(i.letterDate), dutchDate(i.sentOn), i.reference),
  }));
  const consultationLists = lists.items.map((i, n) => ({
    id: `${base}/consultaties/${i.id}`,
    title: i.title,
    link: `${base}/consultaties/${i.id}`,
    enclosure: listDocumentUrl(base, i.id),
    published: lists.moments[n].sentAt,
    updated: lists.moments[n].publishedAt,
    category: nl.publication.lists.feed.category,
    summary: nl.publication.lists.feed.summary(i.document, dutchDate(i.sentOn)),
  }));
  const entries = [...dossiers, ...consultationLists].sort((a, b) => (a.published < b.published ? 1 : a.published > b.published ? -1 : 0)).slice(0, PAGE_SIZE);
  // The newest publication's moment (or, with nothing published, a fixed one: the feed never changed).
  const updated = entries.map((e) => e.updated).sort().at(-1) ?? '1970-01-01T00:00:00.000Z';
  return xml(
    renderAtomFeed({
      id: base,
      title: t.title(list.organisation.name),
      subtitle: t.subtitle,
      self: `${base}/feed.xml`,
      html: base,
      author: list.organisation.name,
      updated,
      entries,
    }),
    'application/atom+xml',
  );
}

async function sitemapIndex(c: C) {
  const slug = c.req.param('slug') ?? '';
  const { organisation, years } = await publicationYears(c.var.db, slug);
  if (!organisation) throw notFound();
  const base = `${publicBase(c)}${archivePath(slug)}`;
  return xml(renderSitemapIndex(years.map((y) => `${base}/sitemaps/${y}.xml`)), 'application/xml');
}

async function sitemap(c: C) {
  const slug = c.req.param('slug') ?? '';
  const file = /^(\d{4})\.xml$/.exec(c.req.param('file') ?? '');
  if (!file) throw notFound();
  const { organisation, dossiers, lists } = await sitemapDossiers(c.var.db, slug, Number(file[1]));
  if (!organisation) throw notFound();
  const ctx = { archiveUrl: `${publicBase(c)}${archivePath(slug)}`, organisation: { name: organisation.name, tooi: organisation.tooiCode ? tooiMunicipality(organisation.tooiCode) : null } };
  return xml(renderDiwooSitemap([...dossiers.flatMap((d) => diwooDocuments(ctx, d)), ...lists.map((l) => diwooListDocument(ctx, l))]), 'application/xml');
}

/** Staff pages are not for search engines; the public archive and the verify page are, with each organisation's DiWoo sitemap index. */
async function robots(c: C) {
  const base = publicBase(c);
  const slugs = await organisationSlugs(c.var.db);
  const lines = ['User-agent: *', 'Allow: /openbaar/', 'Allow: /verify', 'Disallow: /', '', ...slugs.map((s) => `Sitemap: ${base}${archivePath(s)}/${SITEMAP_INDEX_FILE}`), ''];
  return new Response(lines.join('\n'), { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': PUBLIC_CACHE } });
}

export function registerPublicWebRoutes(app: WebApp) {
  webRoute(app, 'get', '/robots.txt', 'public', robots);
  webRoute(app, 'get', '/openbaar/:slug', 'public', archivePage);
  // The fixed names first: a dossier id never looks like them.
  webRoute(app, 'get', '/openbaar/:slug/feed.xml', 'public', feed);
  webRoute(app, 'get', `/openbaar/:slug/${SITEMAP_INDEX_FILE}`, 'public', sitemapIndex);
  webRoute(app, 'get', '/openbaar/:slug/sitemaps/:file', 'public', sitemap);
  webRoute(app, 'get', '/openbaar/:slug/:id', 'public', (c) => dossierPage(c, 'whole'));
  webRoute(app, 'get', '/openbaar/:slug/:id/advies', 'public', (c) => dossierPage(c, 'advice'));
  webRoute(app, 'get', '/openbaar/:slug/:id/reactie.pdf', 'public', (c) => publicLetterResponse(c, c.req.param('slug') ?? '', c.req.param('id') ?? ''));
}

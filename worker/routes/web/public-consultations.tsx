/**
 * The published consultation lists on the web (/openbaar/{slug}/consultaties…): the list of them,
 * one list's page and its signed PDF. Anything not public is 404, as if it did not exist. Registered
 * before the public dossier routes (/openbaar/{slug}/{id}…), whose `:id` would take "consultaties".
 */
import type { Context } from 'hono';
import type { AppEnv } from '../../context';
import { AppError, notFound } from '../../errors';
import { buildListModel } from '../../../schema/list-model';
import { getPublicConsultation, listPublicConsultations, parseConsultationQuery } from '../../services/public-consultations';
import { PublicConsultationsPage, PublicListPage } from '../../../web/pages/public-consultations';
import { publicListResponse } from '../consultation-publication';
import { publicChrome, publicPage } from './public';
import { webRoute, type WebApp } from './route';

type C = Context<AppEnv>;

async function listsPage(c: C) {
  const slug = c.req.param('slug') ?? '';
  let problem: string | null = null;
  let query;
  try {
    query = parseConsultationQuery({ cursor: c.req.query('na') });
  } catch (err) {
    // A link that no longer fits (a stale cursor): the first page, and why.
    if (!(err instanceof AppError) || err.status !== 422) throw err;
    problem = (err.extra.errors as { message: string }[] | undefined)?.map((e) => e.message).join(' ') ?? err.detail;
    query = parseConsultationQuery({});
  }
  const lists = await listPublicConsultations(c.var.db, slug, query);
  if (!lists.organisation) throw notFound();
  return publicPage(
    c,
    <PublicConsultationsPage
      chrome={publicChrome(c, lists.organisation)}
      organisation={lists.organisation}
      items={lists.items}
      next={lists.next}
      paged={query.after !== null}
      problem={problem}
    />,
  );
}

async function listPage(c: C) {
  const found = await getPublicConsultation(c.var.db, c.req.param('slug') ?? '', c.req.param('id') ?? '');
  if (!found) throw notFound();
  // The list's one model, from the snapshot it was signed from: the page says what the signed PDF says.
  const model = buildListModel(found.snapshot);
  return publicPage(c, <PublicListPage chrome={publicChrome(c, found.organisation)} consultation={found.consultation} model={model} />);
}

export function registerPublicConsultationWebRoutes(app: WebApp) {
  webRoute(app, 'get', '/openbaar/:slug/consultaties', 'public', listsPage);
  webRoute(app, 'get', '/openbaar/:slug/consultaties/:id', 'public', listPage);
  webRoute(app, 'get', '/openbaar/:slug/consultaties/:id/lijst.pdf', 'public', (c) => publicListResponse(c, c.req.param('slug') ?? '', c.req.param('id') ?? ''));
}

/** The overview of figures (/overzicht) and its CSV download, for every signed-in role (the service narrows). */
import type { Context } from 'hono';
import type { AppEnv, UserPrincipal } from '../../context';
import { calendarYear, type Period } from '../../../schema/figures';
import { nl } from '../../../schema/i18n/nl';
import { AppError } from '../../errors';
import { todayInAmsterdam } from '../../../schema/dates';
import { isoDate } from '../../../schema/zod';
import { isCouncilRole } from '../../policy';
import { loadFigures } from '../../services/figures';
import { CSV_TYPE, figuresCsv } from '../../services/figures-csv';
import { listCouncils } from '../../services/organisations';
import { FiguresPage, type FiguresForm } from '../../../web/pages/figures';
import type { FieldError } from '../../../web/components/form';
import { chrome, page } from './render';
import { webRoute, type WebApp } from './route';

type C = Context<AppEnv>;

/** The service's field names as the form calls them. */
const FORM_FIELD: Record<string, string> = { from: 'van', to: 'tot', councilId: 'raad' };

/**
 * The period and council of the request. A bound that is not in the query is the current year's;
 * one that is there but empty is no bound (the "all years" link).
 */
function readQuery(c: C, today: string) {
  const year = calendarYear(today);
  const errors: FieldError[] = [];
  const bound = (name: 'van' | 'tot', fallback: string): string | null => {
    const value = c.req.query(name);
    if (value === undefined) return fallback;
    const trimmed = value.trim();
    if (trimmed === '') return null;
    if (!isoDate().safeParse(trimmed).success) errors.push({ path: name, message: nl.fields.date });
    return trimmed;
  };
  const period: Period = { from: bound('van', year.from), to: bound('tot', year.to) };
  if (!errors.length && period.from && period.to && period.from > period.to) errors.push({ path: 'tot', message: nl.figures.periodReversed });
  const raad = c.req.query('raad')?.trim() ?? '';
  const form: FiguresForm = { van: period.from ?? '', tot: period.to ?? '', raad };
  return { period, councilId: raad || null, form, errors };
}

/** The query string that asks for exactly this view (empty bounds kept: they mean "no bound"). */
function queryOf(form: FiguresForm) {
  const q = new URLSearchParams({ van: form.van, tot: form.tot });
  if (form.raad) q.set('raad', form.raad);
  return q.toString();
}

/** A 422 of the service (unknown council, reversed period) as errors beside the form's fields. */
function formErrors(err: unknown): FieldError[] | null {
  if (!(err instanceof AppError) || err.status !== 422) return null;
  const errors = (err.extra.errors as FieldError[] | undefined) ?? [];
  return errors.map((e) => ({ path: FORM_FIELD[e.path] ?? e.path, message: e.message }));
}

async function figuresPage(c: C) {
  const p = c.var.principal as UserPrincipal;
  const today = todayInAmsterdam();
  const q = readQuery(c, today);
  const council = isCouncilRole(p);
  let figures = null;
  let errors = q.errors;
  if (!errors.length) {
    try {
      figures = await loadFigures(c.var.db, p, { period: q.period, councilId: q.councilId }, { page: true }, today);
    } catch (err) {
      errors = formErrors(err) ?? [];
      if (!errors.length) throw err;
    }
  }
  // With errors the figures were not read: the form still offers the councils.
  const options = council ? null : (figures?.councils ?? (await listCouncils(c.var.db, p.orgId)).map(({ id, name }) => ({ id, name })));
  return page(
    c,
    <FiguresPage
      chrome={chrome(c)}
      form={q.form}
      errors={errors}
      councilOptions={options}
      ownCouncil={council ? (c.var.session?.councilName ?? figures?.councils[0]?.name ?? '') : null}
      figures={figures}
      period={figures ? q.period : null}
      today={today}
      csvHref={`/overzicht.csv?${queryOf(q.form)}`}
      inboxOverdueHref={council ? null : '/adviezen?verlopen=1'}
    />,
    errors.length ? 422 : 200,
  );
}

async function figuresDownload(c: C) {
  const p = c.var.principal as UserPrincipal;
  const today = todayInAmsterdam();
  const q = readQuery(c, today);
  // A link the page made is valid; anything else gets the page with its errors.
  if (q.errors.length) return figuresPage(c);
  let stats;
  try {
    stats = (await loadFigures(c.var.db, p, { period: q.period, councilId: q.councilId }, { page: false }, today)).stats;
  } catch (err) {
    if (formErrors(err)) return figuresPage(c);
    throw err;
  }
  c.header('Cache-Control', 'no-store');
  c.header('Content-Disposition', `attachment; filename="${nl.figures.csv.filename(q.period.from, q.period.to)}"`);
  return c.body(figuresCsv(stats), 200, { 'Content-Type': CSV_TYPE });
}

export function registerFiguresWebRoutes(app: WebApp) {
  webRoute(app, 'get', '/overzicht', 'user', figuresPage);
  webRoute(app, 'get', '/overzicht.csv', 'user', figuresDownload);
}

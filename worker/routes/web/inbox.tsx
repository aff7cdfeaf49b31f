import type { Context } from 'hono';
import type { AppEnv, UserPrincipal } from '../../context';
import { ADVICE_STATUSES, type AdviceStatus } from '../../../schema/advice';
import { AppError } from '../../errors';
import { inboxPage as readInbox, type PageRequest } from '../../services/advice-list';
import { InboxPage } from '../../../web/pages/inbox';
import { chrome, page } from './render';
import { todayInAmsterdam } from '../../../schema/dates';

/** Rows per page of the staff's and the councils' lists. */
export const LIST_PAGE = 50;

/** The page's cursor (`na`), if any; a cursor that no longer fits is answered with the first page. */
export const pageRequest = (c: Context<AppEnv>): PageRequest => ({ limit: LIST_PAGE, cursor: c.req.query('na') || null });

/** Retries a list read on its first page when the cursor was refused (a link from before the filters changed). */
export async function firstPageIfStale<T>(req: PageRequest, read: (req: PageRequest) => Promise<T>): Promise<T> {
  try {
    return await read(req);
  } catch (err) {
    if (!(err instanceof AppError) || err.status !== 422 || !req.cursor) throw err;
    return read({ ...req, cursor: null });
  }
}

/** Officials, approvers and admins: every submitted dossier, filterable by status, council and overdue, in pages. */
export async function inboxPage(c: Context<AppEnv>) {
  const p = c.var.principal as UserPrincipal;
  const status = c.req.query('status') ?? '';
  const filters = { status: (ADVICE_STATUSES as readonly string[]).includes(status) ? status : '', councilId: c.req.query('raad') ?? '', overdue: c.req.query('verlopen') !== undefined };
  const req = pageRequest(c);
  const result = await firstPageIfStale(req, (r) =>
    readInbox(c.var.db, p, { statuses: filters.status ? [filters.status as AdviceStatus] : null, councilId: filters.councilId || null, overdue: filters.overdue }, r),
  );
  return page(c, <InboxPage chrome={chrome(c)} items={result.items} councils={result.councils} filters={filters} next={result.next} paged={req.cursor !== null} today={todayInAmsterdam()} />);
}

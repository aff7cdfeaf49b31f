import type { Context } from 'hono';
import type { AppEnv, UserPrincipal } from '../../context';
import { ADVICE_STATUSES, type AdviceStatus } from '../../../schema/advice';
import { listAdvice } from '../../services/dossier-read';
import { listCouncils } from '../../services/organisations';
import { filterSummaries } from '../../services/advice-filters';
import { InboxPage } from '../../../web/pages/inbox';
import { chrome, page } from './render';

/** Officials, approvers and admins: every submitted dossier, filterable by status, council and overdue. */
export async function inboxPage(c: Context<AppEnv>) {
  const p = c.var.principal as UserPrincipal;
  const status = c.req.query('status') ?? '';
  const filters = { status: (ADVICE_STATUSES as readonly string[]).includes(status) ? status : '', councilId: c.req.query('raad') ?? '', overdue: c.req.query('verlopen') !== undefined };
  const [all, councils] = await Promise.all([
    listAdvice(c.var.db, p, p.orgSlug, filters.status ? [filters.status as AdviceStatus] : null),
    listCouncils(c.var.db, p.orgId),
  ]);
  const items = filterSummaries(all, { councilId: filters.councilId || null, overdue: filters.overdue });
  return page(c, <InboxPage chrome={chrome(c)} items={items} councils={councils.map((x) => ({ id: x.id, name: x.name }))} filters={filters} />);
}

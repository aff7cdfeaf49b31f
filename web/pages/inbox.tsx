import { nl } from '../../schema/i18n/nl';
import { ADVICE_STATUSES, type DossierSummary } from '../../schema/advice';
import { Layout, PageTitle, type Chrome } from '../components/layout';
import { Checkbox, SelectField } from '../components/form';
import { DueDate, StatusBadge } from '../components/dossier';
import { Pager, withCursor } from '../components/pager';

const t = nl.web.inbox;
const a = nl.web.advice;

export type InboxFilters = { status: string; councilId: string; overdue: boolean };

export function InboxPage(props: {
  chrome: Chrome;
  items: DossierSummary[];
  councils: { id: string; name: string }[];
  filters: InboxFilters;
  /** The next page's cursor, if there is one; `paged`: this is not the first page. */
  next?: string | null;
  paged?: boolean;
  /** The day in Amsterdam, for the due dates. */
  today: string;
}) {
  const { filters, items } = props;
  const params = { status: filters.status || undefined, raad: filters.councilId || undefined, verlopen: filters.overdue ? '' : undefined };
  const href = (cursor: string | null) => withCursor('/adviezen', params, cursor);
  const filtered = filters.status !== '' || filters.councilId !== '' || filters.overdue;
  return (
    <Layout chrome={props.chrome} title={t.title} current="inbox">
      <PageTitle>{t.title}</PageTitle>
      <p className="ww-lead">{t.intro}</p>
      <form method="get" action="/adviezen" className="ww-panel" aria-labelledby="filters-title">
        <h2 className="utrecht-heading-3" id="filters-title">
          {t.filters}
        </h2>
        <div className="ww-filters">
          <SelectField
            name="status"
            label={t.status}
            value={filters.status}
            options={[{ value: '', label: t.anyStatus }, ...ADVICE_STATUSES.filter((s) => s !== 'draft').map((s) => ({ value: s, label: nl.status[s] }))]}
          />
          <SelectField name="raad" label={t.council} value={filters.councilId} options={[{ value: '', label: t.anyCouncil }, ...props.councils.map((c) => ({ value: c.id, label: c.name }))]} />
          <Checkbox name="verlopen" label={t.overdue} checked={filters.overdue} />
          <button type="submit" className="utrecht-button utrecht-button--secondary-action">
            {t.apply}
          </button>
          {filtered && (
            <a className="utrecht-link utrecht-link--html-a" href="/adviezen">
              {t.reset}
            </a>
          )}
        </div>
      </form>
      <p className="utrecht-paragraph" role="status">
        {props.next || props.paged ? nl.adviceList.pageCount(items.length) : t.count(items.length)}
      </p>
      {items.length === 0 ? (
        <p className="ww-empty utrecht-paragraph">{t.empty}</p>
      ) : (
        <div className="ww-table-wrap">
          <table className="utrecht-table utrecht-table--html-table">
            <caption className="ww-visually-hidden">{t.caption}</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th className="utrecht-table__header-cell" scope="col">
                  {a.colDue}
                </th>
                <th className="utrecht-table__header-cell" scope="col">
                  {a.colTitle}
                </th>
                <th className="utrecht-table__header-cell" scope="col">
                  {a.colCouncil}
                </th>
                <th className="utrecht-table__header-cell" scope="col">
                  {a.colStatus}
                </th>
                <th className="utrecht-table__header-cell" scope="col">
                  {a.colProgress}
                </th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {items.map((d) => (
                <tr className="utrecht-table__row" key={d.id}>
                  <td className="utrecht-table__cell">
                    <DueDate dueOn={d.dueOn} status={d.status} today={props.today} />
                  </td>
                  <td className="utrecht-table__cell">
                    <a className="utrecht-link utrecht-link--html-a" href={`/adviezen/${d.id}`}>
                      {d.title}
                    </a>
                    {d.reference && <span className="ww-due__note">{d.reference}</span>}
                  </td>
                  <td className="utrecht-table__cell">{d.council.name}</td>
                  <td className="utrecht-table__cell">
                    <StatusBadge status={d.status} />
                  </td>
                  <td className="utrecht-table__cell">{nl.web.dossier.progress(d.answeredCount, d.itemCount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager first={props.paged ? href(null) : null} next={props.next ? href(props.next) : null} />
    </Layout>
  );
}

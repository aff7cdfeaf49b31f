/**
 * The public archive of an organisation (/openbaar/{slug}): its published advice, newest first,
 * filtered by council and year, or searched. Works without JavaScript: the form is a GET, paging
 * is a link with the cursor.
 */
import { Fragment, type ReactNode } from 'react';
import { nl } from '../../schema/i18n/nl';
import type { PublicListItem } from '../../schema/publication';
import { Layout, PageTitle, type Chrome } from '../components/layout';
import { Alert, SelectField, TextField } from '../components/form';
import { ArchiveTabs } from '../components/archive-tabs';
import { dutchDate } from '../format';

const t = nl.publication.archive;

export type ArchiveFilters = { q: string; councilId: string; year: string };

/** The archive's own address with these filters (and a cursor): the page's links and its form agree. */
export function archiveHref(slug: string, f: ArchiveFilters, cursor?: string | null) {
  const params = new URLSearchParams();
  if (f.q) params.set('q', f.q);
  if (f.councilId) params.set('raad', f.councilId);
  if (f.year) params.set('jaar', f.year);
  if (cursor) params.set('na', cursor);
  const qs = params.toString();
  return `/openbaar/${encodeURIComponent(slug)}${qs ? `?${qs}` : ''}`;
}

/** A snippet's text with its matches marked: text nodes and <mark> elements, never markup from the text. */
export function Snippet({ text, highlights }: { text: string; highlights: [number, number][] }) {
  const parts: ReactNode[] = [];
  let at = 0;
  highlights.forEach(([start, end], i) => {
    if (start < at || end > text.length) return;
    if (start > at) parts.push(<Fragment key={`t${i}`}>{text.slice(at, start)}</Fragment>);
    parts.push(<mark key={`m${i}`}>{text.slice(start, end)}</mark>);
    at = end;
  });
  if (at < text.length) parts.push(<Fragment key="rest">{text.slice(at)}</Fragment>);
  return <p className="utrecht-paragraph ww-result__snippet">{parts}</p>;
}

function Result({ slug, item }: { slug: string; item: PublicListItem }) {
  return (
    <li className="ww-result">
      <h3 className="utrecht-heading-3 ww-result__title">
        <a className="utrecht-link utrecht-link--html-a" href={`/openbaar/${encodeURIComponent(slug)}/${encodeURIComponent(item.id)}`}>
          {item.title}
        </a>
      </h3>
      <dl className="ww-result__facts">
        <div>
          <dt>{t.council}</dt>
          <dd>{item.council.name}</dd>
        </div>
        <div>
          <dt>{t.letterDate}</dt>
          <dd>{dutchDate(item.letterDate)}</dd>
        </div>
        <div>
          <dt>{t.sentOn}</dt>
          <dd>{dutchDate(item.sentOn)}</dd>
        </div>
        <div>
          <dt>{t.reference}</dt>
          <dd>{item.reference}</dd>
        </div>
      </dl>
      {item.snippet && <Snippet text={item.snippet} highlights={item.highlights} />}
    </li>
  );
}

export function PublicArchivePage(props: {
  chrome: Chrome;
  organisation: { name: string; slug: string };
  filters: ArchiveFilters;
  councils: { id: string; name: string }[];
  years: number[];
  items: PublicListItem[];
  next: string | null;
  /** Not the first page: offer the way back to it. */
  paged: boolean;
  problem?: string | null;
}) {
  const { organisation: org, filters } = props;
  const searching = filters.q.trim() !== '';
  const filtered = searching || filters.councilId !== '' || filters.year !== '';
  const heading = searching ? t.resultsFor(filters.q.trim()) : t.newest;
  return (
    <Layout chrome={props.chrome} title={t.title(org.name)}>
      <ArchiveTabs slug={org.slug} current="advice" />
      <PageTitle>{t.title(org.name)}</PageTitle>
      <p className="ww-lead">{t.intro(org.name)}</p>
      <form method="get" action={`/openbaar/${encodeURIComponent(org.slug)}`} className="ww-panel" role="search" aria-labelledby="search-title">
        <h2 className="utrecht-heading-3" id="search-title">
          {t.searchHeading}
        </h2>
        <div className="ww-filters ww-filters--search">
          <TextField name="q" id="zoek-q" label={t.searchLabel} hint={t.searchHint} value={filters.q} />
          <SelectField
            name="raad"
            id="zoek-raad"
            label={t.councilLabel}
            value={filters.councilId}
            options={[{ value: '', label: t.anyCouncil }, ...props.councils.map((c) => ({ value: c.id, label: c.name }))]}
          />
          <SelectField
            name="jaar"
            id="zoek-jaar"
            label={t.yearLabel}
            value={filters.year}
            options={[{ value: '', label: t.anyYear }, ...props.years.map((y) => ({ value: String(y), label: String(y) }))]}
          />
          <button type="submit" className="utrecht-button utrecht-button--primary-action">
            {t.submit}
          </button>
          {filtered && (
            <a className="utrecht-link utrecht-link--html-a" href={archiveHref(org.slug, { q: '', councilId: '', year: '' })}>
              {t.reset}
            </a>
          )}
        </div>
      </form>
      {props.problem && (
        <Alert type="warning">
          <p className="utrecht-paragraph">{props.problem}</p>
        </Alert>
      )}
      <section aria-labelledby="results-title">
        <h2 className="utrecht-heading-2" id="results-title">
          {heading}
        </h2>
        {props.items.length === 0 ? (
          <p className="ww-empty utrecht-paragraph">{searching ? t.noneSearch : t.none}</p>
        ) : (
          <ol className="ww-results" aria-label={t.listLabel}>
            {props.items.map((item) => (
              <Result key={item.id} slug={org.slug} item={item} />
            ))}
          </ol>
        )}
        {(props.next || props.paged) && (
          <nav className="ww-pager" aria-label={t.pageNav}>
            {props.paged && (
              <a className="utrecht-link utrecht-link--html-a" href={archiveHref(org.slug, filters)}>
                {t.first}
              </a>
            )}
            {props.next && (
              <a className="utrecht-link utrecht-link--html-a" href={archiveHref(org.slug, filters, props.next)} rel="next">
                {t.next}
              </a>
            )}
          </nav>
        )}
      </section>
      <p className="utrecht-paragraph">
        <a className="utrecht-link utrecht-link--html-a" href={`/openbaar/${encodeURIComponent(org.slug)}/feed.xml`} type="application/atom+xml">
          {t.feed}
        </a>
      </p>
    </Layout>
  );
}

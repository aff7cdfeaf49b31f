/**
 * The published integral lists of an organisation (/openbaar/{slug}/consultaties), newest first, and
 * one list (/openbaar/{slug}/consultaties/{id}): its content as signed, rendered by the list's own
 * HTML renderer from its one model, with the signed PDF and how to verify it. No JavaScript needed.
 */
import { nl } from '../../schema/i18n/nl';
import type { ListModel } from '../../schema/list-model';
import type { PublicConsultation, PublicConsultationSummary } from '../../schema/public-consultations';
import { Layout, PageTitle, type Chrome } from '../components/layout';
import { Alert } from '../components/form';
import { ArchiveTabs, archivePath, listsPath } from '../components/archive-tabs';
import { ListBody } from '../list/list-document';
import { dutchDate, dutchDateTime } from '../format';

const t = nl.publication.lists;
const pager = nl.publication.archive;

export const listPath = (slug: string, id: string) => `${listsPath(slug)}/${encodeURIComponent(id)}`;
const pageHref = (slug: string, cursor?: string | null) => `${listsPath(slug)}${cursor ? `?${new URLSearchParams({ na: cursor })}` : ''}`;

export function PublicConsultationsPage(props: {
  chrome: Chrome;
  organisation: { name: string; slug: string };
  items: PublicConsultationSummary[];
  next: string | null;
  /** Not the first page: offer the way back to it. */
  paged: boolean;
  problem?: string | null;
}) {
  const { organisation: org } = props;
  return (
    <Layout chrome={props.chrome} title={t.archive.title(org.name)}>
      <ArchiveTabs slug={org.slug} current="lists" />
      <PageTitle>{t.archive.title(org.name)}</PageTitle>
      <p className="ww-lead">{t.archive.intro(org.name)}</p>
      {props.problem && (
        <Alert type="warning">
          <p className="utrecht-paragraph">{props.problem}</p>
        </Alert>
      )}
      <section aria-labelledby="results-title">
        <h2 className="utrecht-heading-2" id="results-title">
          {t.archive.newest}
        </h2>
        {props.items.length === 0 ? (
          <p className="ww-empty utrecht-paragraph">{t.archive.none}</p>
        ) : (
          <ol className="ww-results" aria-label={t.archive.listLabel}>
            {props.items.map((item) => (
              <li className="ww-result" key={item.id}>
                <h3 className="utrecht-heading-3 ww-result__title">
                  <a className="utrecht-link utrecht-link--html-a" href={listPath(org.slug, item.id)}>
                    {item.title}
                  </a>
                </h3>
                <dl className="ww-result__facts">
                  <div>
                    <dt>{t.archive.document}</dt>
                    <dd>{item.document}</dd>
                  </div>
                  <div>
                    <dt>{t.archive.sentOn}</dt>
                    <dd>{dutchDate(item.sentOn)}</dd>
                  </div>
                </dl>
              </li>
            ))}
          </ol>
        )}
        {(props.next || props.paged) && (
          <nav className="ww-pager" aria-label={pager.pageNav}>
            {props.paged && (
              <a className="utrecht-link utrecht-link--html-a" href={pageHref(org.slug)}>
                {pager.first}
              </a>
            )}
            {props.next && (
              <a className="utrecht-link utrecht-link--html-a" href={pageHref(org.slug, props.next)} rel="next">
                {pager.next}
              </a>
            )}
          </nav>
        )}
      </section>
      <p className="utrecht-paragraph">
        <a className="utrecht-link utrecht-link--html-a" href={`${archivePath(org.slug)}/feed.xml`} type="application/atom+xml">
          {pager.feed}
        </a>
      </p>
    </Layout>
  );
}

export function PublicListPage({ chrome, consultation: c, model }: { chrome: Chrome; consultation: PublicConsultation; model: ListModel }) {
  const slug = c.organisation.slug;
  const verify = `/verify?${new URLSearchParams({ sha256: c.list.sha256, reference: c.title })}`;
  return (
    <Layout chrome={chrome} title={c.title}>
      <a className="utrecht-link utrecht-link--html-a ww-back" href={listsPath(slug)}>
        {t.list.back(c.organisation.name)}
      </a>
      <ListBody model={model} as="article" className="ww-list" />
      <section className="ww-panel" aria-labelledby="list-pdf-title">
        <h2 className="utrecht-heading-2" id="list-pdf-title">
          {t.list.pdfHeading}
        </h2>
        <p className="utrecht-paragraph">{t.list.pdfIntro(dutchDate(c.sentOn))}</p>
        <p className="utrecht-paragraph">
          <a className="utrecht-link utrecht-link--html-a" href={`${listPath(slug, c.id)}/lijst.pdf`} type="application/pdf">
            {t.list.pdfDownload(c.list.pages)}
          </a>
        </p>
        <p className="utrecht-paragraph">
          {t.list.signedBy}: {c.signatories.map((s) => `${s.title} ${s.name}`).join(', ')} ({dutchDateTime(c.list.signedAt)})
        </p>
        <h3 className="utrecht-heading-3">{t.list.verifyHeading}</h3>
        <p className="utrecht-paragraph">{t.list.verifyText}</p>
        <p className="utrecht-paragraph ww-fingerprint">
          <code>{c.list.sha256}</code>
        </p>
        <p className="utrecht-paragraph">
          <a className="utrecht-link utrecht-link--html-a" href={verify}>
            {t.list.verifyLink}
          </a>
        </p>
      </section>
    </Layout>
  );
}

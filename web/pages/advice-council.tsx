/** The council's pages: their dossiers, one dossier (preview, waiting, or the answer), submitting. */
import { nl } from '../../schema/i18n/nl';
import type { Dossier, DossierSummary } from '../../schema/advice';
import { Layout, PageTitle, type Chrome } from '../components/layout';
import { Alert, Button, ButtonLink } from '../components/form';
import { AdviceText, DossierFacts, DueDate, StatusBadge } from '../components/dossier';
import { LetterFrame } from '../components/letter-frame';
import { dutchDate, dutchDateTime } from '../format';
import { Pager, withCursor } from '../components/pager';

const t = nl.web.advice;

export function CouncilListPage({
  chrome,
  councilName,
  items,
  next = null,
  paged = false,
  today,
}: {
  chrome: Chrome;
  councilName: string;
  items: DossierSummary[];
  /** The next page's cursor, if there is one; `paged`: this is not the first page. */
  next?: string | null;
  paged?: boolean;
  /** The day in Amsterdam, for the due dates. */
  today: string;
}) {
  return (
    <Layout chrome={chrome} title={t.listTitle} current="advice">
      <PageTitle aside={<ButtonLink href="/adviezen/nieuw">{t.newButton}</ButtonLink>}>{t.listTitle}</PageTitle>
      <p className="ww-lead">{t.listIntro(councilName)}</p>
      {items.length === 0 ? (
        <p className="ww-empty utrecht-paragraph">{t.empty}</p>
      ) : (
        <div className="ww-table-wrap">
          <table className="utrecht-table utrecht-table--html-table">
            <caption className="ww-visually-hidden">{t.listTitle}</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th className="utrecht-table__header-cell" scope="col">
                  {t.colTitle}
                </th>
                <th className="utrecht-table__header-cell" scope="col">
                  {t.colStatus}
                </th>
                <th className="utrecht-table__header-cell" scope="col">
                  {t.colReference}
                </th>
                <th className="utrecht-table__header-cell" scope="col">
                  {t.colDue}
                </th>
                <th className="utrecht-table__header-cell" scope="col">
                  {t.colUpdated}
                </th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {items.map((d) => (
                <tr className="utrecht-table__row" key={d.id}>
                  <td className="utrecht-table__cell">
                    <a className="utrecht-link utrecht-link--html-a" href={`/adviezen/${d.id}`}>
                      {d.title}
                    </a>
                  </td>
                  <td className="utrecht-table__cell">
                    <StatusBadge status={d.status} />
                  </td>
                  <td className="utrecht-table__cell">{d.reference ?? '–'}</td>
                  <td className="utrecht-table__cell">
                    <DueDate dueOn={d.dueOn} status={d.status} today={today} />
                  </td>
                  <td className="utrecht-table__cell">{dutchDateTime(d.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager first={paged ? withCursor('/adviezen', {}, null) : null} next={next ? withCursor('/adviezen', {}, next) : null} />
    </Layout>
  );
}

export function CouncilDossierPage(props: {
  chrome: Chrome;
  dossier: Dossier;
  canEdit: boolean;
  canSubmit: boolean;
  justSubmitted: boolean;
  /** The day in Amsterdam, for the due date. */
  today: string;
}) {
  const { dossier } = props;
  return (
    <Layout chrome={props.chrome} title={dossier.title} current="advice">
      <a className="utrecht-link utrecht-link--html-a ww-back" href="/adviezen">
        ← {t.listTitle}
      </a>
      <PageTitle>{dossier.title}</PageTitle>
      {props.justSubmitted && dossier.reference && dossier.dueOn && (
        <Alert type="ok" title={t.submittedTitle} live>
          <p className="utrecht-paragraph">{t.submittedText(dossier.reference, dutchDate(dossier.dueOn))}</p>
        </Alert>
      )}
      <DossierFacts dossier={dossier} today={props.today} />

      {dossier.status === 'draft' && (
        <section aria-labelledby="preview-title">
          <h2 className="utrecht-heading-2" id="preview-title">
            {t.previewTitle}
          </h2>
          <p className="utrecht-paragraph">{t.previewIntro}</p>
          <div className="ww-actions">
            {props.canEdit && (
              <ButtonLink href={`/adviezen/${dossier.id}/bewerken`} variant="secondary">
                {t.edit}
              </ButtonLink>
            )}
            {props.canSubmit ? <ButtonLink href={`/adviezen/${dossier.id}/indienen`}>{t.submit}</ButtonLink> : <p className="utrecht-paragraph ww-muted">{t.submitOnlySecretary}</p>}
          </div>
          <h3 className="utrecht-heading-3">{dossier.title}</h3>
          <AdviceText dossier={dossier} headingLevel={3} />
        </section>
      )}

      {dossier.status !== 'draft' && dossier.status !== 'sent' && (
        <>
          <Alert type="info">
            <p className="utrecht-paragraph">{t.waiting}</p>
          </Alert>
          <h2 className="utrecht-heading-2">{t.items}</h2>
          <AdviceText dossier={dossier} headingLevel={3} />
        </>
      )}

      {dossier.status === 'sent' && (
        <section aria-labelledby="response-title">
          <h2 className="utrecht-heading-2" id="response-title">
            {t.responseTitle}
          </h2>
          <div className="ww-actions">
            <ButtonLink href={`/adviezen/${dossier.id}/brief.pdf`}>{t.downloadPdf}</ButtonLink>
          </div>
          <LetterFrame adviceId={dossier.id} reference={dossier.reference} />
        </section>
      )}
    </Layout>
  );
}

export function SubmitConfirmPage({ chrome, dossier, orgName }: { chrome: Chrome; dossier: Dossier; orgName: string }) {
  return (
    <Layout chrome={chrome} title={t.submitTitle} current="advice">
      <a className="utrecht-link utrecht-link--html-a ww-back" href={`/adviezen/${dossier.id}`}>
        ← {t.previewTitle}
      </a>
      <PageTitle>{t.submitTitle}</PageTitle>
      <div className="ww-panel ww-narrow">
        <p className="utrecht-paragraph">
          <strong>{dossier.title}</strong>
        </p>
        <p className="utrecht-paragraph">{t.submitText(dossier.council.name, orgName)}</p>
        <p className="utrecht-paragraph">{t.submitWarning}</p>
        <form method="post" action={`/adviezen/${dossier.id}/indienen`} className="ww-actions">
          <Button>{t.submitConfirm}</Button>
          <a className="utrecht-link utrecht-link--html-a" href={`/adviezen/${dossier.id}`}>
            {t.cancel}
          </a>
        </form>
      </div>
    </Layout>
  );
}

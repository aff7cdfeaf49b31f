/**
 * One consultation. Staff: the participants and their remarks, and what the state allows (enter
 * remarks, close, answer, ask approval, review and sign, send). Council members: their council's
 * remarks and the form to add one; once the list is sent, the responses to them.
 */
import type { ReactNode } from 'react';
import { nl } from '../../schema/i18n/nl';
import type { Consultation, Remark } from '../../schema/consultations';
import { DeliveryTable, type Delivery } from '../components/delivery-table';
import { Layout, PageTitle, type Chrome } from '../components/layout';
import { Alert, Button, ButtonLink, ErrorSummary, TextAreaField, TextField, errorFor, type FieldError } from '../components/form';
import { ConsultationFacts, LegendList, RemarkText } from '../components/consultation';
import { DocumentFrame } from '../components/letter-frame';
import { TableScroll } from '../components/table-scroll';
import { dutchDateTime } from '../format';

const t = nl.consultations.web;

export const listHref = (id: string, format: 'html' | 'pdf') => `/consultaties/${id}/lijst.${format}`;

function ListFrame({ consultation }: { consultation: Consultation }) {
  return <DocumentFrame href={listHref(consultation.id, 'html')} title={t.listFrameTitle(consultation.title)} openLabel={t.listOpen} />;
}

function Notice({ text }: { text?: string | null }) {
  if (!text) return null;
  return (
    <Alert type="ok" live>
      <p className="utrecht-paragraph">{text}</p>
    </Alert>
  );
}

export type StaffParticipant = { id: string; name: string; council: boolean; recipients: number };

export type StaffConsultationProps = {
  chrome: Chrome;
  consultation: Consultation;
  participants: StaffParticipant[];
  can: {
    enterRemarks: boolean;
    close: boolean;
    answer: boolean;
    requestApproval: boolean;
    review: boolean;
    approve: boolean;
    send: boolean;
  };
  fourEyes: boolean;
  deliveries: Delivery[];
  notice?: string | null;
  /** Remarks without a response (a refused request for approval), each linked to where it is answered. */
  pageErrors?: (FieldError & { href: string })[];
  comment?: string;
  commentErrors?: FieldError[];
  /** The Woo publication panel (its decision, who took it, the form). */
  publication?: ReactNode;
};

export function StaffConsultationPage(props: StaffConsultationProps) {
  const { consultation: c, can } = props;
  const errors = [...(props.pageErrors ?? []), ...(props.commentErrors ?? [])];
  const hrefs = new Map((props.pageErrors ?? []).map((e) => [e.path, e.href]));
  const byId = new Map(c.participants.map((p) => [p.id, p]));
  const recipients = props.participants.reduce((n, p) => n + p.recipients, 0);
  return (
    <Layout chrome={props.chrome} title={c.title} current="consultations" hasErrors={errors.length > 0}>
      <a className="utrecht-link utrecht-link--html-a ww-back" href="/consultaties">
        ← {t.back}
      </a>
      <PageTitle>{c.title}</PageTitle>
      <ErrorSummary errors={errors} title={props.pageErrors?.length ? t.missingTitle : undefined} hrefFor={(path) => hrefs.get(path) ?? '#f-comment'} />
      <Notice text={props.notice} />
      {c.status === 'closed' && c.returnComment && (
        <Alert type="warning" title={t.returnedTitle}>
          <p className="utrecht-paragraph ww-item__text">{c.returnComment}</p>
        </Alert>
      )}
      {c.status === 'in_review' && !can.review && (
        <Alert type="info">
          <p className="utrecht-paragraph">{t.inReview}</p>
        </Alert>
      )}
      <ConsultationFacts consultation={c} />
      {c.list && <p className="utrecht-paragraph">{t.signedBy(c.list.signedBy.name, dutchDateTime(c.list.signedAt))}</p>}

      <div className="ww-actions">
        {can.answer && <ButtonLink href={`/consultaties/${c.id}/beantwoorden`}>{t.answer}</ButtonLink>}
        {can.enterRemarks && (
          <ButtonLink href={`/consultaties/${c.id}/opmerkingen`} variant="secondary">
            {t.enterRemarks}
          </ButtonLink>
        )}
        <ButtonLink href={listHref(c.id, 'pdf')} variant="secondary">
          {t.listDownload}
        </ButtonLink>
      </div>

      {can.close && (
        <form method="post" action={`/consultaties/${c.id}/sluiten`} className="ww-panel">
          <h2 className="utrecht-heading-3">{t.close}</h2>
          <p className="utrecht-paragraph">{t.closeText}</p>
          <Button variant="secondary">{t.close}</Button>
        </form>
      )}
      {can.requestApproval && (
        <form method="post" action={`/consultaties/${c.id}/goedkeuring`} className="ww-panel">
          <h2 className="utrecht-heading-3">{t.requestApproval}</h2>
          <p className="utrecht-paragraph">{t.requestApprovalText}</p>
          <Button>{t.requestApproval}</Button>
        </form>
      )}

      {can.review && (
        <>
          <h2 className="utrecht-heading-2">{t.reviewHeading}</h2>
          <p className="ww-lead">{t.reviewIntro}</p>
          <ListFrame consultation={c} />
          <section className="ww-panel" aria-labelledby="approve-title">
            <h3 className="utrecht-heading-3" id="approve-title">
              {t.approveLink}
            </h3>
            {props.fourEyes ? <p className="utrecht-paragraph">{t.fourEyes}</p> : can.approve && <ButtonLink href={`/consultaties/${c.id}/ondertekenen`}>{t.approveLink}</ButtonLink>}
          </section>
          <form method="post" action={`/consultaties/${c.id}/terugsturen`} className="ww-panel ww-form" noValidate aria-labelledby="return-title">
            <h3 className="utrecht-heading-3" id="return-title">
              {t.returnButton}
            </h3>
            <TextAreaField name="comment" label={t.returnLabel} hint={t.returnHint} value={props.comment} rows={5} error={errorFor(props.commentErrors, 'comment')} />
            <Button variant="secondary">{t.returnButton}</Button>
          </form>
        </>
      )}

      {can.send && (
        <form method="post" action={`/consultaties/${c.id}/verzenden`} className="ww-panel">
          <h2 className="utrecht-heading-3">{t.send}</h2>
          <p className="utrecht-paragraph">{t.sendText(props.participants.length, recipients)}</p>
          <Button>{t.send}</Button>
        </form>
      )}
      {(c.status === 'signed' || c.status === 'sent') && (
        <DeliveryTable deliveries={props.deliveries} emptyText={t.deliveryNone} />
      )}
      {!can.review && (c.status === 'signed' || c.status === 'sent') && (
        <>
          <h2 className="utrecht-heading-2">{t.listHeading}</h2>
          <ListFrame consultation={c} />
        </>
      )}

      {props.publication}

      <h2 className="utrecht-heading-2" id="participants-title">
        {t.participantsHeading}
      </h2>
      <TableScroll labelledBy="participants-title">
        <table className="utrecht-table utrecht-table--html-table">
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th className="utrecht-table__header-cell" scope="col">
                {t.colParticipant}
              </th>
              <th className="utrecht-table__header-cell" scope="col">
                {t.colKind}
              </th>
              <th className="utrecht-table__header-cell" scope="col">
                {t.colRemarks}
              </th>
              <th className="utrecht-table__header-cell" scope="col">
                {t.colAnswered}
              </th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {props.participants.map((p) => {
              const remarks = byId.get(p.id)?.remarks ?? [];
              return (
                <tr className="utrecht-table__row" key={p.id}>
                  <th className="utrecht-table__header-cell" scope="row">
                    {p.name}
                  </th>
                  <td className="utrecht-table__cell">{p.council ? t.kindCouncil : t.kindBody}</td>
                  <td className="utrecht-table__cell">{remarks.map((r) => r.number).join(', ') || '–'}</td>
                  <td className="utrecht-table__cell">{t.progress(remarks.filter((r) => r.response).length, remarks.length)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      <LegendList legend={c.legend} />
    </Layout>
  );
}

export type RemarkFormValues = { section: string; text: string };

/** A council member's page: their council's remarks, the form to add one, and the responses once sent. */
export function CouncilConsultationPage(props: {
  chrome: Chrome;
  consultation: Consultation;
  /** The council's own participant. */
  participantId: string;
  canAdd: boolean;
  values: RemarkFormValues;
  errors: FieldError[];
  notice?: string | null;
}) {
  const { consultation: c } = props;
  const own = c.participants.find((p) => p.id === props.participantId);
  const remarks = own?.remarks ?? [];
  const sent = c.status === 'sent';
  const all = new Map(c.participants.flatMap((p) => p.remarks.map((r) => [r.id, { remark: r, participant: p.name }] as const)));
  return (
    <Layout chrome={props.chrome} title={c.title} current="consultations" hasErrors={props.errors.length > 0}>
      <a className="utrecht-link utrecht-link--html-a ww-back" href="/consultaties">
        ← {t.back}
      </a>
      <PageTitle>{c.title}</PageTitle>
      <ErrorSummary errors={props.errors} />
      <Notice text={props.notice} />
      <dl className="ww-facts">
        <div>
          <dt>{t.facts.status}</dt>
          <dd>{nl.consultations.status[c.status]}</dd>
        </div>
        <div>
          <dt>{t.facts.document}</dt>
          <dd>{c.document}</dd>
        </div>
      </dl>
      {sent ? (
        <>
          <h2 className="utrecht-heading-2">{t.responsesHeading}</h2>
          <div className="ww-actions">
            <ButtonLink href={listHref(c.id, 'pdf')} variant="secondary">
              {t.listDownload}
            </ButtonLink>
          </div>
          {remarks.map((r) => (
            <SentRemark key={r.id} remark={r} all={all} />
          ))}
          <LegendList legend={c.legend} />
        </>
      ) : (
        <>
          {!props.canAdd && (
            <Alert type="info">
              <p className="utrecht-paragraph">{c.status === 'open' ? t.waiting : t.closedForRemarks}</p>
            </Alert>
          )}
          <h2 className="utrecht-heading-2">{t.yourRemarks}</h2>
          {remarks.length === 0 ? (
            <p className="utrecht-paragraph ww-empty">{t.noRemarksYet}</p>
          ) : (
            remarks.map((r) => (
              <article className="ww-item ww-item--single" key={r.id} id={`opmerking-${r.number}`}>
                <div>
                  <h3 className="utrecht-heading-3 ww-item__label">{t.remarkLabel(r.number)}</h3>
                  <RemarkText remark={r} />
                </div>
              </article>
            ))
          )}
          {props.canAdd && (
            <form method="post" action={`/consultaties/${c.id}/opmerkingen`} className="ww-panel ww-form" noValidate aria-labelledby="add-title" data-warn-unsaved={nl.web.advice.unsavedWarning}>
              <h2 className="utrecht-heading-2" id="add-title">
                {t.addRemark}
              </h2>
              <TextField name="section" label={t.remarkSection} hint={t.remarkSectionHint} value={props.values.section} error={errorFor(props.errors, 'section')} />
              <TextAreaField name="text" label={t.remarkText} hint={t.remarkTextHint} value={props.values.text} rows={6} error={errorFor(props.errors, 'text')} />
              <Button>{t.remarkSave}</Button>
            </form>
          )}
        </>
      )}
    </Layout>
  );
}

function SentRemark({ remark, all }: { remark: Remark; all: Map<string, { remark: Remark; participant: string }> }) {
  const r = remark.response;
  const target = r?.sameAs ? all.get(r.sameAs) : undefined;
  return (
    <article className="ww-item" id={`opmerking-${remark.number}`}>
      <div>
        <h3 className="utrecht-heading-3 ww-item__label">{t.remarkLabel(remark.number)}</h3>
        <RemarkText remark={remark} />
      </div>
      <div className="ww-item__response">
        <h4 className="utrecht-heading-4">{t.responseLabel}</h4>
        {target && <p className="utrecht-paragraph ww-muted">{t.sameAsShown(target.remark.number, target.participant)}</p>}
        <p className="utrecht-paragraph ww-item__text">{target ? target.remark.response?.text : r?.text}</p>
        <p className="utrecht-paragraph">
          <strong>{t.processingLabel}:</strong> {r?.processing.join(', ')}
        </p>
      </div>
    </article>
  );
}

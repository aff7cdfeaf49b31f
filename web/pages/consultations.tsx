/** The consultations of an organisation, and the form that starts one. */
import { nl } from '../../schema/i18n/nl';
import type { ConsultationSummary } from '../../schema/consultations';
import { Layout, PageTitle, type Chrome } from '../components/layout';
import { Alert, Button, ButtonLink, Checkbox, ErrorSummary, TextAreaField, TextField, errorFor, fieldId, type FieldError } from '../components/form';
import { ConsultationBadge } from '../components/consultation';
import { dutchDateTime } from '../format';

const t = nl.consultations.web;

export function ConsultationListPage(props: { chrome: Chrome; items: ConsultationSummary[]; canStart: boolean; councilName: string | null }) {
  return (
    <Layout chrome={props.chrome} title={t.listTitle} current="consultations">
      <PageTitle aside={props.canStart ? <ButtonLink href="/consultaties/nieuw">{t.newButton}</ButtonLink> : undefined}>{t.listTitle}</PageTitle>
      <p className="ww-lead">{props.councilName ? t.listIntroCouncil(props.councilName) : t.listIntro}</p>
      {props.items.length === 0 ? (
        <p className="ww-empty utrecht-paragraph">{t.empty}</p>
      ) : (
        <div className="ww-table-wrap">
          <table className="utrecht-table utrecht-table--html-table">
            <caption className="ww-visually-hidden">{t.caption}</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th className="utrecht-table__header-cell" scope="col">
                  {t.colTitle}
                </th>
                <th className="utrecht-table__header-cell" scope="col">
                  {t.colStatus}
                </th>
                <th className="utrecht-table__header-cell" scope="col">
                  {t.colParticipants}
                </th>
                <th className="utrecht-table__header-cell" scope="col">
                  {t.colProgress}
                </th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {props.items.map((c) => (
                <tr className="utrecht-table__row" key={c.id}>
                  <td className="utrecht-table__cell">
                    <a className="utrecht-link utrecht-link--html-a" href={`/consultaties/${c.id}`}>
                      {c.title}
                    </a>
                    <span className="ww-due__note">{c.document}</span>
                  </td>
                  <td className="utrecht-table__cell">
                    <ConsultationBadge status={c.status} />
                    <span className="ww-due__note">{dutchDateTime(c.updatedAt)}</span>
                  </td>
                  <td className="utrecht-table__cell">{c.participantCount}</td>
                  <td className="utrecht-table__cell">{t.progress(c.answeredCount, c.remarkCount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

export type NewConsultationValues = {
  title: string;
  document: string;
  legendPaste: string;
  legend: { code: string; label: string }[];
  councilIds: string[];
  bodies: { name: string; recipients: string; salutation: string; address: string }[];
};

export const emptyConsultationValues = (): NewConsultationValues => ({
  title: '',
  document: '',
  legendPaste: '',
  legend: [{ code: '', label: '' }],
  councilIds: [],
  bodies: [{ name: '', recipients: '', salutation: '', address: '' }],
});

export function NewConsultationPage(props: {
  chrome: Chrome;
  councils: { id: string; name: string }[];
  values: NewConsultationValues;
  errors: FieldError[];
  notice?: string | null;
}) {
  const { values, errors } = props;
  const err = (path: string) => errorFor(errors, path);
  return (
    <Layout chrome={props.chrome} title={t.newTitle} current="consultations" hasErrors={errors.length > 0}>
      <a className="utrecht-link utrecht-link--html-a ww-back" href="/consultaties">
        ← {t.back}
      </a>
      <PageTitle>{t.newTitle}</PageTitle>
      <p className="ww-lead">{t.newIntro}</p>
      <ErrorSummary errors={errors} />
      {props.notice && (
        <Alert type="info" live>
          <p className="utrecht-paragraph">{props.notice}</p>
        </Alert>
      )}
      <form method="post" action="/consultaties/nieuw" className="ww-form" noValidate data-warn-unsaved={nl.web.advice.unsavedWarning}>
        {/* Enter in a text field starts the consultation, not one of the buttons that change the form. */}
        <Button name="action" value="start" hidden tabIndex={-1}>
          {t.start}
        </Button>
        <div className="ww-panel">
          <TextField name="title" label={t.title} hint={t.titleHint} value={values.title} error={err('title')} />
          <TextField name="document" label={t.document} hint={t.documentHint} value={values.document} error={err('document')} />
        </div>

        <fieldset className="ww-panel" id={fieldId('legend')} aria-describedby="legend-hint">
          <legend className="utrecht-heading-2">{t.legend}</legend>
          <p className="utrecht-paragraph" id="legend-hint">
            {t.legendHint}
          </p>
          {err('legend') && <p className="ww-field-error">{err('legend')}</p>}
          <TextAreaField name="legendPaste" label={t.legendPaste} hint={t.legendPasteHint} value={values.legendPaste} rows={5} />
          <Button variant="secondary" name="action" value="legend">
            {t.legendFill}
          </Button>
          {values.legend.map((entry, i) => (
            <div className="ww-legend-row" key={i}>
              <TextField name={`legend.${i}.code`} label={t.legendCode(i + 1)} value={entry.code} width="sm" error={err(`legend.${i}.code`)} />
              <TextAreaField name={`legend.${i}.label`} label={t.legendLabel(i + 1)} value={entry.label} rows={2} error={err(`legend.${i}.label`)} />
            </div>
          ))}
          <Button variant="secondary" name="action" value="add-legend">
            {t.legendAdd}
          </Button>
        </fieldset>

        <fieldset className="ww-panel" id={fieldId('participants')} aria-describedby="participants-hint">
          <legend className="utrecht-heading-2">{t.participants}</legend>
          <p className="utrecht-paragraph" id="participants-hint">
            {t.participantsHint}
          </p>
          {err('participants') && <p className="ww-field-error">{err('participants')}</p>}
          <fieldset className="utrecht-form-fieldset__fieldset" id={fieldId('councils')}>
            <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t.councils}</legend>
            {err('councils') && <p className="ww-field-error">{err('councils')}</p>}
            {props.councils.length === 0 && <p className="utrecht-paragraph ww-muted">{t.noCouncils}</p>}
            {props.councils.map((c, i) => (
              <Checkbox key={c.id} name="councils" id={`f-councils-${i}`} value={c.id} label={c.name} checked={values.councilIds.includes(c.id)} />
            ))}
          </fieldset>
          <h3 className="utrecht-heading-3">{t.bodies}</h3>
          {values.bodies.map((b, i) => (
            <fieldset className="ww-item-editor" key={i} id={`organisatie-${i + 1}`}>
              <legend>{t.bodyHeading(i + 1)}</legend>
              <TextField name={`bodies.${i}.name`} label={t.bodyName} value={b.name} error={err(`bodies.${i}.name`)} />
              <TextAreaField name={`bodies.${i}.recipients`} label={t.bodyRecipients} hint={t.bodyRecipientsHint} value={b.recipients} rows={2} error={err(`bodies.${i}.recipients`)} />
              <TextField name={`bodies.${i}.salutation`} label={t.bodySalutation} hint={t.bodySalutationHint} value={b.salutation} error={err(`bodies.${i}.salutation`)} />
              <TextAreaField name={`bodies.${i}.address`} label={t.bodyAddress} hint={t.bodyAddressHint} value={b.address} rows={2} error={err(`bodies.${i}.address`)} />
            </fieldset>
          ))}
          <Button variant="secondary" name="action" value="add-body" formAction={`/consultaties/nieuw#organisatie-${values.bodies.length + 1}`}>
            {t.bodyAdd}
          </Button>
        </fieldset>

        <div className="ww-actions">
          <Button name="action" value="start">
            {t.start}
          </Button>
        </div>
      </form>
    </Layout>
  );
}

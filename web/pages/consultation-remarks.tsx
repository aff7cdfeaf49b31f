/**
 * An official enters the remarks of a participant who does not write in the app (an outside body's
 * letter or e-mail): the pasted text is split into remarks, and the split is checked and corrected
 * before anything is saved.
 */
import { nl } from '../../schema/i18n/nl';
import type { Consultation } from '../../schema/consultations';
import { Layout, PageTitle, type Chrome } from '../components/layout';
import { Alert, Button, Checkbox, ErrorSummary, SelectField, TextAreaField, TextField, errorFor, type FieldError } from '../components/form';

const t = nl.consultations.web;

export type RemarkEntryValues = {
  participantId: string;
  paste: string;
  section: string;
  /** The split remarks, once the text has been split (for checking). */
  remarks: { text: string; section: string; omit: boolean }[] | null;
};

export function RemarkEntryPage(props: { chrome: Chrome; consultation: Consultation; values: RemarkEntryValues; errors: FieldError[]; notice?: string | null }) {
  const { consultation: c, values, errors } = props;
  const err = (path: string) => errorFor(errors, path);
  const action = `/consultaties/${c.id}/opmerkingen`;
  return (
    <Layout chrome={props.chrome} title={`${t.enterTitle}: ${c.title}`} current="consultations" hasErrors={errors.length > 0}>
      <a className="utrecht-link utrecht-link--html-a ww-back" href={`/consultaties/${c.id}`}>
        ← {t.backToConsultation}
      </a>
      <PageTitle>{t.enterTitle}</PageTitle>
      <p className="ww-lead">{t.enterIntro}</p>
      <ErrorSummary errors={errors} />
      {props.notice && (
        <Alert type="ok" live>
          <p className="utrecht-paragraph">{props.notice}</p>
        </Alert>
      )}
      <form method="post" action={action} className="ww-form" noValidate data-warn-unsaved={nl.web.advice.unsavedWarning}>
        <div className="ww-panel">
          <SelectField
            name="participantId"
            label={t.enterParticipant}
            value={values.participantId}
            error={err('participantId')}
            options={c.participants.map((p) => ({ value: p.id, label: p.name }))}
          />
          <TextAreaField name="paste" label={t.enterPaste} hint={t.enterPasteHint} value={values.paste} rows={10} error={err('paste')} />
          <TextField name="section" label={t.enterSection} hint={t.remarkSectionHint} value={values.section} error={err('section')} />
          <Button variant={values.remarks ? 'secondary' : 'primary'} name="action" value="split" formAction={`${action}#controle`}>
            {t.enterSplit}
          </Button>
        </div>
        {values.remarks && (
          <section className="ww-panel" aria-labelledby="controle" id="controle-section">
            <h2 className="utrecht-heading-2" id="controle" tabIndex={-1}>
              {t.enterCheckHeading(values.remarks.length)}
            </h2>
            <p className="utrecht-paragraph">{t.enterCheckIntro}</p>
            {values.remarks.map((r, i) => (
              <fieldset className="ww-item-editor" key={i}>
                <legend>{t.enterRemark(i + 1)}</legend>
                <TextAreaField name={`remarks.${i}.text`} label={t.remarkText} value={r.text} rows={Math.min(10, 2 + Math.ceil(r.text.length / 90))} error={err(`remarks.${i}.text`)} />
                <TextField name={`remarks.${i}.section`} label={t.remarkSection} value={r.section} error={err(`remarks.${i}.section`)} />
                <Checkbox name={`remarks.${i}.omit`} label={t.enterOmit} checked={r.omit} />
              </fieldset>
            ))}
            <Button name="action" value="save">
              {t.enterSave}
            </Button>
          </section>
        )}
      </form>
    </Layout>
  );
}

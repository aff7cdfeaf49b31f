import { nl } from '../../schema/i18n/nl';
import { Layout, PageTitle, type Chrome } from '../components/layout';
import { Alert, Button, ErrorSummary, RadioGroup, TextAreaField, TextField, errorFor, type FieldError } from '../components/form';
import { itemLabel } from '../components/dossier';
import { DocumentUploadForm } from '../components/document-upload';

const t = nl.web.advice;

export type ItemValues = { kind: string; section: string; text: string };
export type AdviceFormValues = {
  title: string;
  policyDocument: string;
  kind: string;
  letterDate: string;
  councilReference: string;
  intro: string;
  items: ItemValues[];
};

/** Labels "Vraag 2" / "Advies 3" as the items would be numbered now. */
function numbering(items: ItemValues[]) {
  const count = { question: 0, advice: 0 };
  return items.map((i) => (i.kind === 'question' ? itemLabel('question', ++count.question) : i.kind === 'advice' ? itemLabel('advice', ++count.advice) : ''));
}

function ItemEditor({ item, index, total, label, action, errors }: { item: ItemValues; index: number; total: number; label: string; action: string; errors: FieldError[] }) {
  const n = index + 1;
  const suffix = <span className="ww-visually-hidden">{t.itemSuffix(n)}</span>;
  return (
    <fieldset className="ww-item-editor" id={`onderdeel-${n}`} data-item="">
      <legend>
        <span data-item-number="">{t.item(n)}</span>
        <span className="ww-muted" data-item-label="">
          {label ? ` · ${label}` : ''}
        </span>
      </legend>
      <RadioGroup
        name={`items.${index}.kind`}
        label={t.itemKind}
        inline
        value={item.kind}
        error={errorFor(errors, `items.${index}.kind`)}
        options={[
          { value: 'question', label: t.itemKindQuestion },
          { value: 'advice', label: t.itemKindAdvice },
        ]}
      />
      <TextField name={`items.${index}.section`} label={t.itemSection} hint={index === 0 ? t.itemSectionHint : undefined} value={item.section} error={errorFor(errors, `items.${index}.section`)} />
      <TextAreaField name={`items.${index}.text`} label={t.itemText} hint={index === 0 ? t.itemTextHint : undefined} value={item.text} rows={5} error={errorFor(errors, `items.${index}.text`)} />
      <div className="ww-item-tools">
        <Button variant="subtle" name="action" value={`up:${index}`} formAction={`${action}#onderdeel-${n - 1}`} hidden={index === 0} dataAction="up">
          {t.moveUp}
          {suffix}
        </Button>
        <Button variant="subtle" name="action" value={`down:${index}`} formAction={`${action}#onderdeel-${n + 1}`} hidden={index === total - 1} dataAction="down">
          {t.moveDown}
          {suffix}
        </Button>
        <Button variant="subtle" name="action" value={`remove:${index}`} formAction={`${action}#onderdelen`} dataAction="remove">
          {t.remove}
          {suffix}
        </Button>
      </div>
    </fieldset>
  );
}

export function AdviceFormPage(props: {
  chrome: Chrome;
  adviceId?: string;
  councilName: string;
  values: AdviceFormValues;
  errors: FieldError[];
  notice?: string | null;
  /** A new advice: the form to start from one's own document (with the reader's refusal, if any). */
  upload?: { error?: string; text?: string };
  /** The form was filled from the member's own document (issue 14): it is named, and becomes the dossier's source. */
  source?: { id: string; name: string; warnings: string[] };
}) {
  const { values, errors } = props;
  const imports = nl.imports.web;
  const action = props.adviceId ? `/adviezen/${props.adviceId}/bewerken` : '/adviezen/nieuw';
  const labels = numbering(values.items);
  const title = props.adviceId ? t.editTitle : t.newTitle;
  return (
    <Layout chrome={props.chrome} title={title} current={props.adviceId ? 'advice' : 'newAdvice'} hasErrors={errors.length > 0 || !!props.upload?.error}>
      <a className="utrecht-link utrecht-link--html-a ww-back" href={props.adviceId ? `/adviezen/${props.adviceId}` : '/adviezen'}>
        ← {props.adviceId ? t.previewTitle : t.listTitle}
      </a>
      <PageTitle>{title}</PageTitle>
      <p className="ww-lead">{t.formIntro}</p>
      <ErrorSummary errors={errors} />
      {props.notice && (
        <Alert type="ok" live>
          <p className="utrecht-paragraph">{props.notice}</p>
        </Alert>
      )}
      {props.source && (
        <Alert type="info">
          <p className="utrecht-paragraph">{imports.councilFromDocument(props.source.name)}</p>
          {props.source.warnings.length > 0 && (
            <ul className="utrecht-unordered-list">
              {props.source.warnings.map((w, i) => (
                <li className="utrecht-unordered-list__item" key={i}>
                  {w}
                </li>
              ))}
            </ul>
          )}
          <p className="utrecht-paragraph">
            <a className="utrecht-link utrecht-link--html-a" href={`/documenten/${props.source.id}`} download="">
              {imports.originalDownload(props.source.name)}
            </a>
          </p>
        </Alert>
      )}
      {!props.adviceId && !props.source && (
        <details className="ww-panel ww-start-document" open={props.upload?.error ? true : undefined}>
          <summary className="utrecht-heading-3">{imports.councilStartTitle}</summary>
          <p className="utrecht-paragraph">{imports.councilStartIntro}</p>
          <DocumentUploadForm action="/adviezen/nieuw/document" error={props.upload?.error} text={props.upload?.text} submit={imports.read} />
        </details>
      )}
      <form method="post" action={action} className="ww-form" noValidate data-advice-form="" data-warn-unsaved={t.unsavedWarning}>
        {props.source && <input type="hidden" name="importId" value={props.source.id} />}
        {/* Enter in a text field submits with the first submit button: that must be "save", not "move up". */}
        <button type="submit" name="action" value="save" hidden tabIndex={-1}>
          {t.saveDraft}
        </button>
        <div className="ww-panel">
          <p className="utrecht-paragraph">
            <strong>{t.council}:</strong> {props.councilName}
          </p>
          <TextField name="title" label={t.title} hint={t.titleHint} value={values.title} error={errorFor(errors, 'title')} required />
          <TextField name="policyDocument" label={t.policyDocument} hint={t.policyDocumentHint} value={values.policyDocument} error={errorFor(errors, 'policyDocument')} />
          <RadioGroup
            name="kind"
            label={t.kind}
            value={values.kind}
            error={errorFor(errors, 'kind')}
            options={[
              { value: 'solicited', label: t.kindSolicited, hint: t.kindSolicitedHint },
              { value: 'unsolicited', label: t.kindUnsolicited, hint: t.kindUnsolicitedHint },
            ]}
          />
          <TextField name="letterDate" type="date" label={t.letterDate} hint={t.letterDateHint} value={values.letterDate} width="sm" error={errorFor(errors, 'letterDate')} />
          <TextField name="councilReference" label={t.councilReference} hint={t.councilReferenceHint} value={values.councilReference} width="md" error={errorFor(errors, 'councilReference')} />
          <TextAreaField name="intro" label={t.intro} hint={t.introHint} value={values.intro} rows={4} error={errorFor(errors, 'intro')} />
        </div>

        <h2 className="utrecht-heading-2" id="onderdelen" tabIndex={-1}>
          {t.itemsLegend}
        </h2>
        <p className="utrecht-paragraph" id="f-items">
          {t.itemsHint}
        </p>
        {errorFor(errors, 'items') && (
          <p className="utrecht-paragraph ww-field-error">
            <span className="ww-visually-hidden">{nl.web.titleError}: </span>
            {errorFor(errors, 'items')}
          </p>
        )}
        <div data-items="">
          {values.items.map((item, i) => (
            <ItemEditor key={i} item={item} index={i} total={values.items.length} label={labels[i]} action={action} errors={errors} />
          ))}
        </div>
        <div className="ww-actions">
          <Button variant="secondary" name="action" value="add:question" formAction={`${action}#onderdeel-${values.items.length + 1}`} dataAction="add-question">
            {t.addQuestion}
          </Button>
          <Button variant="secondary" name="action" value="add:advice" formAction={`${action}#onderdeel-${values.items.length + 1}`} dataAction="add-advice">
            {t.addAdvice}
          </Button>
        </div>
        <div className="ww-actions ww-panel">
          <Button name="action" value="save">
            {t.saveDraft}
          </Button>
          <Button variant="secondary" name="action" value="preview">
            {t.saveAndPreview}
          </Button>
          <a className="utrecht-link utrecht-link--html-a" href={props.adviceId ? `/adviezen/${props.adviceId}` : '/adviezen'}>
            {t.cancel}
          </a>
        </div>
        <div className="ww-visually-hidden" role="status" aria-live="polite" data-item-announcer=""></div>
      </form>
      {/* For the page script: a blank item to add without a round trip (renumbered when inserted). */}
      <template data-item-template="">
        {/* A far index, so that its radios never share a group with a real item's before renumbering. */}
        <ItemEditor item={{ kind: '', section: '', text: '' }} index={999} total={1000} label="" action={action} errors={[]} />
      </template>
      <p hidden data-item-texts="" data-added={t.itemAdded(0)} data-removed={t.itemRemoved(0)} data-moved={t.itemMoved(0)} data-question={t.question(0)} data-advice={t.adviceItem(0)} data-item={t.item(0)} data-suffix={t.itemSuffix(0)} />
    </Layout>
  );
}

/**
 * Registering a received advice (officials): read the letter (upload or paste), then check the
 * proposed split beside the letter's own text, correct it, choose the council and the day it
 * arrived, and register. Every correction is a button of the form: it works without JavaScript
 * (the server answers with the form again); /assets/import.js only adds the cursor for splitting.
 */
import type { ReactNode } from 'react';
import { nl } from '../../schema/i18n/nl';
import { Layout, PageTitle, type Chrome } from '../components/layout';
import { Alert, Button, ErrorSummary, RadioGroup, SelectField, TextAreaField, TextField, errorFor, type FieldError } from '../components/form';
import { itemLabel } from '../components/dossier';
import type { AdviceFormValues } from './advice-form';
import { DocumentUploadForm, importName, type ImportInfo } from '../components/document-upload';

const t = nl.imports.web;
const a = nl.web.advice;

export type RegisterValues = AdviceFormValues & { councilId: string; receivedOn: string };
export type OriginalParagraph = { text: string; heading?: boolean; aside?: string; page?: number };

export function RegisterUploadPage(props: { chrome: Chrome; error?: string; text?: string }) {
  return (
    <Layout chrome={props.chrome} title={t.uploadTitle} current="register" hasErrors={!!props.error}>
      <a className="utrecht-link utrecht-link--html-a ww-back" href="/adviezen">
        ← {nl.web.inbox.title}
      </a>
      <PageTitle>{t.uploadTitle}</PageTitle>
      <p className="ww-lead">{t.uploadIntro}</p>
      {props.error && <ErrorSummary errors={[{ path: 'file', message: props.error }]} />}
      <div className="ww-panel ww-narrow">
        <DocumentUploadForm action="/adviezen/registreren" error={props.error} text={props.text} submit={t.read} />
      </div>
    </Layout>
  );
}

/** The letter as it was read: paragraphs, headings in bold, page headers and footers set apart. */
export function OriginalText({ original, download }: { original: OriginalParagraph[]; download: ReactNode }) {
  let page: number | undefined;
  return (
    <section className="ww-original" aria-labelledby="original-title">
      <h2 className="utrecht-heading-2" id="original-title">
        {t.originalTitle}
      </h2>
      <p className="utrecht-paragraph">{download}</p>
      <div className="ww-original__text" role="region" aria-label={t.originalRegion} tabIndex={0}>
        {original.length === 0 && <p className="utrecht-paragraph ww-muted">{t.originalNone}</p>}
        {original.map((p, i) => {
          const marker = p.page && p.page !== page && (page !== undefined || p.page > 1) ? <p className="ww-original__page">{t.page(p.page)}</p> : null;
          page = p.page ?? page;
          return (
            <div key={i}>
              {marker}
              <p className={`utrecht-paragraph ww-original__para${p.aside ? ' ww-muted' : ''}`}>
                {p.aside && <span className="ww-original__aside">({t.aside[p.aside] ?? p.aside}) </span>}
                {p.heading ? <strong>{p.text}</strong> : p.text}
              </p>
            </div>
          );
        })}
      </div>
    </section>
  );
}

function numbering(items: RegisterValues['items']) {
  const count = { question: 0, advice: 0 };
  return items.map((i) => (i.kind === 'question' ? itemLabel('question', ++count.question) : i.kind === 'advice' ? itemLabel('advice', ++count.advice) : ''));
}

function ItemCheck({ item, index, total, label, action, errors }: { item: RegisterValues['items'][number]; index: number; total: number; label: string; action: string; errors: FieldError[] }) {
  const n = index + 1;
  const suffix = <span className="ww-visually-hidden">{a.itemSuffix(n)}</span>;
  const tool = (op: string, text: string, target = n, hidden = false) => (
    <Button variant="subtle" name="action" value={`${op}:${index}`} formAction={`${action}#onderdeel-${target}`} hidden={hidden}>
      {text}
      {suffix}
    </Button>
  );
  return (
    <fieldset className="ww-item-editor" id={`onderdeel-${n}`}>
      <legend>
        {a.item(n)}
        <span className="ww-muted">{label ? ` · ${label}` : ''}</span>
      </legend>
      <RadioGroup
        name={`items.${index}.kind`}
        label={a.itemKind}
        inline
        value={item.kind}
        error={errorFor(errors, `items.${index}.kind`)}
        options={[
          { value: 'question', label: a.itemKindQuestion },
          { value: 'advice', label: a.itemKindAdvice },
        ]}
      />
      <TextField name={`items.${index}.section`} label={a.itemSection} value={item.section} error={errorFor(errors, `items.${index}.section`)} />
      <TextAreaField
        name={`items.${index}.text`}
        label={a.itemText}
        hint={index === 0 ? t.splitHint : undefined}
        value={item.text}
        rows={Math.min(14, Math.max(3, Math.ceil(item.text.length / 80) + item.text.split('\n').length))}
        error={errorFor(errors, `items.${index}.text`)}
      />
      <input type="hidden" name={`items.${index}.cursor`} value="" data-cursor-for={`f-items-${index}-text`} />
      <div className="ww-item-tools">
        {tool('split', t.split)}
        {tool('merge', t.merge, n, index === total - 1)}
        {tool('intro', t.toIntro, 0)}
        {tool('heading', t.toHeading)}
        {tool('remove', t.remove, Math.max(1, n - 1))}
      </div>
    </fieldset>
  );
}

export function RegisterCheckPage(props: {
  chrome: Chrome;
  imported: ImportInfo;
  original: OriginalParagraph[];
  warnings: string[];
  councils: { id: string; name: string }[];
  values: RegisterValues;
  errors: FieldError[];
  notice?: string | null;
}) {
  const { values, errors, imported } = props;
  const action = `/adviezen/registreren/${imported.id}`;
  const labels = numbering(values.items);
  const name = importName(imported);
  return (
    <Layout chrome={props.chrome} title={t.checkTitle} current="register" hasErrors={errors.length > 0}>
      <a className="utrecht-link utrecht-link--html-a ww-back" href="/adviezen/registreren">
        ← {t.uploadTitle}
      </a>
      <PageTitle>{t.checkTitle}</PageTitle>
      <p className="ww-lead">{t.checkIntro}</p>
      <ErrorSummary errors={errors} />
      {props.notice && (
        <Alert type="ok" live>
          <p className="utrecht-paragraph">{props.notice}</p>
        </Alert>
      )}
      {props.warnings.length > 0 && (
        <Alert type="warning" title={t.warningsTitle}>
          <ul className="utrecht-unordered-list">
            {props.warnings.map((w, i) => (
              <li className="utrecht-unordered-list__item" key={i}>
                {w}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      <div className="ww-register">
        <OriginalText
          original={props.original}
          download={
            <a className="utrecht-link utrecht-link--html-a" href={`/documenten/${imported.id}`} download="">
              {t.originalDownload(name)}
            </a>
          }
        />
        <section className="ww-register__proposal" aria-labelledby="proposal-title">
          <h2 className="utrecht-heading-2" id="proposal-title">
            {t.proposalTitle}
          </h2>
          <form method="post" action={action} className="ww-form" noValidate data-import-form="" data-warn-unsaved={a.unsavedWarning}>
            {/* Enter in a text field submits with the first button: it shows the form again, it never registers. */}
            <button type="submit" name="action" value="refresh" hidden tabIndex={-1}>
              {t.proposalTitle}
            </button>
            <div className="ww-panel">
              <h3 className="utrecht-heading-3">{t.received}</h3>
              <SelectField
                name="councilId"
                label={t.council}
                value={values.councilId}
                error={errorFor(errors, 'councilId')}
                options={[{ value: '', label: t.councilChoose }, ...props.councils.map((c) => ({ value: c.id, label: c.name }))]}
              />
              <TextField name="receivedOn" type="date" label={t.receivedOn} hint={t.receivedOnHint} value={values.receivedOn} width="sm" error={errorFor(errors, 'receivedOn')} />
            </div>
            <div className="ww-panel">
              <h3 className="utrecht-heading-3">{t.letter}</h3>
              <TextField name="title" label={a.title} value={values.title} error={errorFor(errors, 'title')} required />
              <TextField name="policyDocument" label={a.policyDocument} hint={a.policyDocumentHint} value={values.policyDocument} error={errorFor(errors, 'policyDocument')} />
              <RadioGroup
                name="kind"
                label={a.kind}
                value={values.kind}
                error={errorFor(errors, 'kind')}
                options={[
                  { value: 'solicited', label: a.kindSolicited },
                  { value: 'unsolicited', label: a.kindUnsolicited },
                ]}
              />
              <TextField name="letterDate" type="date" label={nl.web.dossier.letterDate} value={values.letterDate} width="sm" error={errorFor(errors, 'letterDate')} />
              <TextField name="councilReference" label={nl.web.dossier.councilReference} value={values.councilReference} width="md" error={errorFor(errors, 'councilReference')} />
              <TextAreaField name="intro" label={a.intro} value={values.intro} rows={5} error={errorFor(errors, 'intro')} />
            </div>
            <h3 className="utrecht-heading-3" id="onderdeel-0" tabIndex={-1}>
              {t.itemsTitle}
            </h3>
            <p className="utrecht-paragraph" id="f-items">
              {values.items.length ? t.itemsHint : t.noItems}
            </p>
            {errorFor(errors, 'items') && (
              <p className="utrecht-paragraph ww-field-error">
                <span className="ww-visually-hidden">{nl.web.titleError}: </span>
                {errorFor(errors, 'items')}
              </p>
            )}
            {values.items.map((item, i) => (
              <ItemCheck key={i} item={item} index={i} total={values.items.length} label={labels[i]} action={action} errors={errors} />
            ))}
            <div className="ww-actions">
              <Button variant="secondary" name="action" value="add:question" formAction={`${action}#onderdeel-${values.items.length + 1}`}>
                {a.addQuestion}
              </Button>
              <Button variant="secondary" name="action" value="add:advice" formAction={`${action}#onderdeel-${values.items.length + 1}`}>
                {a.addAdvice}
              </Button>
            </div>
            <div className="ww-actions ww-panel">
              <Button name="action" value="register">
                {t.register}
              </Button>
              <a className="utrecht-link utrecht-link--html-a" href="/adviezen">
                {t.cancel}
              </a>
            </div>
          </form>
        </section>
      </div>
      <script nonce={props.chrome.nonce} src="/assets/import.js" defer />
    </Layout>
  );
}

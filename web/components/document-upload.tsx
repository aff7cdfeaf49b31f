/** The form that reads a letter: a file (Word, PDF, text) or pasted text, posted as multipart. */
import { nl } from '../../schema/i18n/nl';
import { Button, TextAreaField } from './form';

const t = nl.imports.web;

export type ImportInfo = { id: string; filename: string | null; contentType: string; size: number };

/** "24 kB", "1,2 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} kB`;
  return `${(bytes / 1_000_000).toFixed(1).replace('.', ',')} MB`;
}

/** The name a person knows the import by: its file name, or "de geplakte tekst". */
export const importName = (i: Pick<ImportInfo, 'filename' | 'contentType'>) => i.filename ?? (i.contentType === 'text/plain' ? t.pastedText : 'advies');

/** Choose a file or paste text: one form, posted as multipart (the file) with the text beside it. */
export function DocumentUploadForm({ action, error, text, submit }: { action: string; error?: string; text?: string; submit: string }) {
  return (
    <form method="post" action={action} encType="multipart/form-data" className="ww-form" noValidate>
      {error && (
        <p className="utrecht-paragraph ww-field-error" id="f-file-error">
          <span className="ww-visually-hidden">{nl.web.titleError}: </span>
          {error}
        </p>
      )}
      <div className="utrecht-form-field utrecht-form-field--text">
        <div className="utrecht-form-field__label">
          <label className="utrecht-form-label" htmlFor="f-file">
            {t.file}
          </label>
        </div>
        <div className="utrecht-form-field__description utrecht-form-field-description" id="f-file-hint">
          {t.fileHint}
        </div>
        <div className="utrecht-form-field__input">
          <input
            className="utrecht-textbox utrecht-textbox--html-input ww-file"
            type="file"
            id="f-file"
            name="file"
            accept=".docx,.pdf,.txt,application/pdf,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            aria-describedby={error ? 'f-file-hint f-file-error' : 'f-file-hint'}
            aria-invalid={error ? true : undefined}
          />
        </div>
      </div>
      <TextAreaField name="text" label={t.text} hint={t.textHint} value={text ?? ''} rows={6} />
      <div className="ww-actions">
        <Button>{submit}</Button>
      </div>
    </form>
  );
}


/** The dossier's original letter, one click away (a fact of DossierFacts). */
export function SourceDocumentFact({ dossierId, source }: { dossierId: string; source: ImportInfo & { sha256: string } }) {
  const name = importName(source);
  return (
    <div>
      <dt>{t.source}</dt>
      <dd>
        <a className="utrecht-link utrecht-link--html-a" href={`/adviezen/${dossierId}/origineel`} download="">
          {t.sourceLink(name)}
        </a>
        <span className="ww-due__note">{t.sourceDetails(t.types[source.contentType] ?? source.contentType, fileSize(source.size))}</span>
      </dd>
    </div>
  );
}

/**
 * The registration form's values: from a proposal (the first time), from a post (every correction
 * after), and to the API's registration body (one validation for both).
 */
import type { ImportDraft } from '../../../schema/import/split';
import { isImportType, IMPORT_TYPES } from '../../services/import/read';
import type { ImportFile } from '../../services/imports';
import type { RegisterValues } from '../../../web/pages/register';
import type { AdviceFormValues } from '../../../web/pages/advice-form';
import { formText, optional, type FormBody } from './forms';
import { toAdviceInput, valuesFromForm } from './advice-form';

/** A letter that calls itself unsolicited ("ongevraagd advies") most likely is. */
const kindOf = (draft: ImportDraft) => (/\bongevraagd\b/i.test(`${draft.title ?? ''} ${draft.intro ?? ''}`) ? 'unsolicited' : 'solicited');

/** The advice form's values from a proposal (the council's own letter). */
export function adviceValuesFromDraft(draft: ImportDraft, today: string): AdviceFormValues {
  return {
    title: draft.title ?? '',
    policyDocument: '',
    kind: kindOf(draft),
    letterDate: draft.letterDate ?? today,
    councilReference: draft.councilReference ?? '',
    intro: draft.intro ?? '',
    items: draft.items.map((i) => ({ kind: i.kind, section: i.section ?? '', text: i.text })),
  };
}

export function registerValuesFromDraft(draft: ImportDraft, councils: { id: string }[], today: string): RegisterValues {
  return {
    ...adviceValuesFromDraft(draft, today),
    letterDate: draft.letterDate ?? '',
    // With one council there is nothing to choose.
    councilId: councils.length === 1 ? councils[0].id : '',
    receivedOn: today,
  };
}

/** The posted form, and where the cursor stood in each item's text (set by /assets/import.js). */
export function registerValuesFromForm(body: FormBody): { values: RegisterValues; cursors: string[] } {
  const posted = valuesFromForm(body);
  // Browsers post a textarea's line breaks as CRLF; its cursor (selectionStart) counts each as one character.
  const lf = (s: string) => s.replace(/\r\n?/g, '\n');
  const values = {
    ...posted,
    intro: lf(posted.intro),
    items: posted.items.map((i) => ({ ...i, text: lf(i.text) })),
    councilId: formText(body, 'councilId'),
    receivedOn: formText(body, 'receivedOn'),
  };
  // In the order valuesFromForm gives the items: by their posted index.
  const indexes = [...new Set(Object.keys(body).flatMap((k) => /^items\.(\d{1,3})\.(kind|section|text)$/.exec(k)?.[1] ?? []))].map(Number).sort((x, y) => x - y);
  const cursors = indexes.map((i) => formText(body, `items.${i}.cursor`));
  return { values, cursors };
}

/** The body for registerInputShape: the same validation as the API's registration. */
export function toRegisterInput(values: RegisterValues, importId: string) {
  return { ...toAdviceInput(values, values.councilId), receivedOn: optional(values.receivedOn), importId };
}

const EXTENSIONS: Record<string, string> = { docx: IMPORT_TYPES.docx, pdf: IMPORT_TYPES.pdf, txt: IMPORT_TYPES.text };

/**
 * The file (or pasted text) of an upload form as the import service takes it; null when the form
 * has neither. A browser that does not know a .docx sends it without a type: the extension tells.
 */
export async function uploadedFile(body: FormBody): Promise<ImportFile | null> {
  const file = body.file;
  if (file instanceof File && file.size > 0) {
    const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
    const type = isImportType(file.type.split(';')[0]) ? file.type : (EXTENSIONS[ext] ?? (file.type || 'application/octet-stream'));
    return { bytes: new Uint8Array(await file.arrayBuffer()), contentType: type, filename: file.name };
  }
  const text = formText(body, 'text');
  if (text.trim()) return { bytes: new TextEncoder().encode(text), contentType: 'text/plain; charset=utf-8', filename: null };
  return null;
}

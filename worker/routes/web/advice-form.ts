/**
 * The advice form without JavaScript: item buttons (add, move, remove) post the whole form and get
 * it back re-rendered with every value kept; "save" validates with the API's own shape.
 */
import type { Dossier } from '../../../schema/advice';
import { nl } from '../../../schema/i18n/nl';
import { todayInAmsterdam } from '../../../schema/dates';
import type { AdviceFormValues, ItemValues } from '../../../web/pages/advice-form';
import { formText, optional, type FormBody } from './forms';

const t = nl.web.advice;

export const emptyItem = (kind: 'question' | 'advice' = 'advice'): ItemValues => ({ kind, section: '', text: '' });

export function emptyValues(): AdviceFormValues {
  return { title: '', policyDocument: '', kind: 'solicited', letterDate: todayInAmsterdam(), councilReference: '', intro: '', items: [emptyItem('question')] };
}

export function valuesFromDossier(d: Dossier): AdviceFormValues {
  return {
    title: d.title,
    policyDocument: d.policyDocument ?? '',
    kind: d.kind,
    letterDate: d.letterDate,
    councilReference: d.councilReference ?? '',
    intro: d.intro ?? '',
    items: d.items.map((i) => ({ kind: i.kind, section: i.section ?? '', text: i.text })),
  };
}

/** Items arrive as items.N.kind / items.N.section / items.N.text, in the order of N. */
export function valuesFromForm(body: FormBody): AdviceFormValues {
  const indexes = new Set<number>();
  for (const key of Object.keys(body)) {
    const m = key.match(/^items\.(\d{1,3})\.(kind|section|text)$/);
    if (m) indexes.add(Number(m[1]));
  }
  const items = [...indexes]
    .sort((a, b) => a - b)
    .map((i) => ({ kind: formText(body, `items.${i}.kind`), section: formText(body, `items.${i}.section`), text: formText(body, `items.${i}.text`) }));
  return {
    title: formText(body, 'title'),
    policyDocument: formText(body, 'policyDocument'),
    kind: formText(body, 'kind'),
    letterDate: formText(body, 'letterDate'),
    councilReference: formText(body, 'councilReference'),
    intro: formText(body, 'intro'),
    items,
  };
}

/** The body for adviceInputShape: the same validation as PUT/POST on the API. */
export function toAdviceInput(values: AdviceFormValues, councilId: string) {
  return {
    councilId,
    title: values.title,
    policyDocument: optional(values.policyDocument),
    kind: values.kind || undefined,
    letterDate: values.letterDate,
    councilReference: optional(values.councilReference),
    intro: optional(values.intro),
    items: values.items.map((i) => ({ kind: i.kind || undefined, section: optional(i.section), text: i.text })),
  };
}

/** Applies an item button (add:question, up:2, remove:0 …); null when `action` is no item action. */
export function applyItemAction(values: AdviceFormValues, action: string): { values: AdviceFormValues; notice: string } | null {
  const items = [...values.items];
  const add = action.match(/^add:(question|advice)$/);
  if (add) {
    items.push(emptyItem(add[1] as 'question' | 'advice'));
    return { values: { ...values, items }, notice: t.itemAdded(items.length) };
  }
  const m = action.match(/^(up|down|remove):(\d{1,3})$/);
  if (!m) return null;
  const i = Number(m[2]);
  if (i >= items.length) return { values, notice: '' };
  if (m[1] === 'remove') {
    items.splice(i, 1);
    return { values: { ...values, items }, notice: t.itemRemoved(i + 1) };
  }
  const j = m[1] === 'up' ? i - 1 : i + 1;
  if (j < 0 || j >= items.length) return { values, notice: '' };
  [items[i], items[j]] = [items[j], items[i]];
  return { values: { ...values, items }, notice: t.itemMoved(j + 1) };
}

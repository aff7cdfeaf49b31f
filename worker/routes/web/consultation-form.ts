/**
 * The form that starts a consultation: its values read from a post, its buttons (fill the legend
 * from a pasted list, one more legend row or outside body), and the API's input built from it so
 * that one validation serves both. Error paths of the input are mapped back to the form's fields.
 */
import type { ConsultationInput } from '../../../schema/consultations';
import { parseLegend } from '../../../schema/consultation-text';
import { nl } from '../../../schema/i18n/nl';
import type { NewConsultationValues } from '../../../web/pages/consultations';
import type { FieldError } from '../../errors';
import { formText, type FormBody } from './forms';

const t = nl.consultations.web;

/** Indices present in field names such as `legend.3.code`. */
function indices(body: FormBody, prefix: string) {
  const found = new Set<number>();
  for (const key of Object.keys(body)) {
    const m = new RegExp(`^${prefix}\\.(\\d+)\\.`).exec(key);
    if (m) found.add(Number(m[1]));
  }
  return [...found].sort((a, b) => a - b);
}

const multi = (body: FormBody, key: string) => {
  const v = body[key];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
};

export function consultationValuesFromForm(body: FormBody): NewConsultationValues {
  return {
    title: formText(body, 'title'),
    document: formText(body, 'document'),
    legendPaste: formText(body, 'legendPaste'),
    legend: indices(body, 'legend').map((i) => ({ code: formText(body, `legend.${i}.code`), label: formText(body, `legend.${i}.label`) })),
    councilIds: multi(body, 'councils'),
    bodies: indices(body, 'bodies').map((i) => ({
      name: formText(body, `bodies.${i}.name`),
      recipients: formText(body, `bodies.${i}.recipients`),
      salutation: formText(body, `bodies.${i}.salutation`),
      address: formText(body, `bodies.${i}.address`),
    })),
  };
}

const filled = (s: string) => s.trim() !== '';
const lines = (s: string) =>
  s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** A button that changes the form rather than saving it: the new values and a notice, or null. */
export function applyConsultationAction(values: NewConsultationValues, action: string): { values: NewConsultationValues; notice: string | null } | null {
  if (action === 'legend') {
    const parsed = parseLegend(values.legendPaste);
    if (!parsed.length) return { values, notice: t.legendNothing };
    const kept = values.legend.filter((e) => filled(e.code) || filled(e.label));
    return { values: { ...values, legendPaste: '', legend: [...kept, ...parsed] }, notice: t.legendFilled(parsed.length) };
  }
  if (action === 'add-legend') return { values: { ...values, legend: [...values.legend, { code: '', label: '' }] }, notice: null };
  if (action === 'add-body') return { values: { ...values, bodies: [...values.bodies, { name: '', recipients: '', salutation: '', address: '' }] }, notice: null };
  return null;
}

/**
 * The API's input from the form: legend rows and outside bodies left empty are left out; the
 * chosen councils come first, in the order of the organisation's list, then the outside bodies.
 * `map` says where each participant came from, for the errors.
 */
export function toConsultationInput(values: NewConsultationValues, councils: { id: string }[]) {
  const legendRows = values.legend.map((e, i) => ({ e, i })).filter(({ e }) => filled(e.code) || filled(e.label));
  const chosen = councils.filter((c) => values.councilIds.includes(c.id));
  const bodies = values.bodies.map((b, i) => ({ b, i })).filter(({ b }) => filled(b.name) || filled(b.recipients) || filled(b.salutation) || filled(b.address));
  const input: ConsultationInput = {
    title: values.title,
    document: values.document,
    legend: legendRows.map(({ e }) => ({ code: e.code, label: e.label })),
    participants: [
      ...chosen.map((c) => ({ councilId: c.id })),
      ...bodies.map(({ b }) => ({
        name: b.name,
        recipients: lines(b.recipients),
        ...(filled(b.salutation) ? { salutation: b.salutation } : {}),
        ...(filled(b.address) ? { addressLines: lines(b.address) } : {}),
      })),
    ],
  };
  /** An error path of the input as the form's field (legend.2.code → the third filled row's field). */
  const fieldPath = (path: string): string => {
    const [head, index, field] = path.split('.');
    if (head === 'legend' && index !== undefined) return `legend.${legendRows[Number(index)]?.i ?? index}.${field ?? 'code'}`;
    if (head === 'participants' && index !== undefined) {
      const k = Number(index);
      if (k < chosen.length) return 'councils';
      const body = bodies[k - chosen.length]?.i ?? 0;
      const name = field === 'addressLines' ? 'address' : field === 'recipients' ? 'recipients' : field === 'salutation' ? 'salutation' : 'name';
      return `bodies.${body}.${name}`;
    }
    return path;
  };
  const mapErrors = (errors: FieldError[]) => {
    const seen = new Set<string>();
    return errors.map((e) => ({ ...e, path: fieldPath(e.path) })).filter((e) => !seen.has(e.path) && seen.add(e.path));
  };
  return { input, mapErrors };
}

/**
 * Officials' pages on a consultation's remarks: entering the remarks of an outside body (pasted,
 * split, checked, saved at once) and answering remark by remark.
 */
import type { Context } from 'hono';
import type { ZodError } from 'zod';
import type { AppEnv } from '../../context';
import { fieldErrors } from '../../../schema/zod';
import { remarkInputShape, remarkResponseInputShape, type Consultation } from '../../../schema/consultations';
import { splitRemarks } from '../../../schema/consultation-text';
import { nl } from '../../../schema/i18n/nl';
import * as service from '../../services/consultations';
import { acceptsRemarkResponses, saveRemarkResponse } from '../../services/consultation-responses';
import { lookalikes } from '../../services/lookalike';
import { mayOnConsultation } from '../../policy';
import { AppError, conflict, notFound } from '../../errors';
import { RemarkEntryPage, type RemarkEntryValues } from '../../../web/pages/consultation-remarks';
import { AnswerConsultationPage, answerQuery, pageOfRemark, type AnswerOrder, type AnswerView, type RemarkFormState } from '../../../web/pages/consultation-answer';
import type { FieldError } from '../../../web/components/form';
import { formText, serviceFieldErrors, type FormBody } from './forms';
import { chrome, page, seeOther } from './render';
import { webRoute, type WebApp } from './route';
import { consultationAsItIsNow, foundConsultation, type FoundConsultation } from './consultation-scope';

type C = Context<AppEnv>;
const t = nl.consultations.web;

// ---- entering remarks for a participant ---------------------------------------------------

function entryPage(c: C, found: FoundConsultation, values: RemarkEntryValues, errors: FieldError[] = [], notice: string | null = null, status?: number) {
  return page(c, <RemarkEntryPage chrome={chrome(c)} consultation={found.read.consultation} values={values} errors={errors} notice={notice} />, status ?? (errors.length ? 422 : 200));
}

function entryValues(body: FormBody): RemarkEntryValues {
  const indices = [...new Set(Object.keys(body).flatMap((k) => /^remarks\.(\d+)\.text$/.exec(k)?.[1] ?? []))].map(Number).sort((a, b) => a - b);
  return {
    participantId: formText(body, 'participantId'),
    paste: formText(body, 'paste'),
    section: formText(body, 'section'),
    remarks: indices.length
      ? indices.map((i) => ({ text: formText(body, `remarks.${i}.text`), section: formText(body, `remarks.${i}.section`), omit: formText(body, `remarks.${i}.omit`) !== '' }))
      : null,
  };
}

/**
 * POST /consultaties/:id/opmerkingen by staff the route's policy allowed to add remarks (council
 * roles take the other branch): split the pasted text for checking, or save the checked remarks.
 */
export async function postRemarkEntry(c: C, found: FoundConsultation) {
  if (found.read.scope.status !== 'open') throw conflict(nl.consultations.states.notOpen);
  const body = await c.req.parseBody();
  const values = entryValues(body);
  if (formText(body, 'action') !== 'save') {
    const split = splitRemarks(values.paste);
    if (!split.length) return entryPage(c, found, { ...values, remarks: null }, [{ path: 'paste', message: t.enterNothing }]);
    return entryPage(c, found, { ...values, remarks: split.map((text) => ({ text, section: values.section, omit: false })) });
  }
  const kept = (values.remarks ?? []).map((r, i) => ({ r, i })).filter(({ r }) => !r.omit);
  const errors: FieldError[] = [];
  const remarks = kept.flatMap(({ r, i }) => {
    const parsed = remarkInputShape.safeParse({ participantId: values.participantId || '-', text: r.text, ...(r.section.trim() ? { section: r.section } : {}) });
    if (parsed.success) return [{ text: parsed.data.text, section: parsed.data.section }];
    errors.push(...fieldErrors(parsed.error as ZodError).map((e) => ({ ...e, path: `remarks.${i}.${e.path}` })));
    return [];
  });
  if (!values.participantId) errors.unshift({ path: 'participantId', message: nl.consultations.fields.participantId });
  if (!kept.length) errors.push({ path: 'paste', message: t.enterNothing });
  if (errors.length) return entryPage(c, found, values, errors);
  try {
    const added = await service.addRemarks(c.var.db, found.p, found.read.scope, values.participantId, remarks);
    const numbers = added.map((a) => a.number);
    return seeOther(c, `/consultaties/${found.read.scope.id}/opmerkingen?opgeslagen=${numbers[0]}-${numbers[numbers.length - 1]}`);
  } catch (err) {
    const fieldErrs = serviceFieldErrors(err);
    if (fieldErrs) return entryPage(c, found, values, fieldErrs);
    throw err;
  }
}

// ---- answering -----------------------------------------------------------------------------

/** Up to three remarks that look alike, those with a response of their own (usable as a reference) first. */
function suggestions(c: Consultation): Map<string, string[]> {
  const remarks = c.participants.flatMap((p) => p.remarks);
  const own = new Set(remarks.filter((r) => r.response?.text != null).map((r) => r.id));
  const found = lookalikes(remarks, { max: 8 });
  return new Map(
    [...found].map(([id, list]) => [
      id,
      [...list]
        .sort((a, b) => Number(own.has(b.id)) - Number(own.has(a.id)) || b.score - a.score)
        .slice(0, 3)
        .map((l) => l.id),
    ]),
  );
}

/** The order and page of the answering page, from its query (a GET) or from the form's `terug` (a save). */
function answerOptions(c: C, body?: FormBody): AnswerView {
  const from = body ? new URLSearchParams(formText(body, 'terug').replace(/^\?/, '')) : new URLSearchParams(new URL(c.req.url).search);
  const order: AnswerOrder = from.get('volgorde') === 'onderdeel' ? 'onderdeel' : 'deelnemer';
  const page = Number(from.get('pagina'));
  return { order, unansweredFirst: from.get('open') === '1', page: Number.isInteger(page) && page > 0 ? page : 1 };
}

function answerPage(c: C, found: FoundConsultation, options: ReturnType<typeof answerOptions>, extra: { state?: RemarkFormState; notice?: string | null; status?: number } = {}) {
  const { read, p } = found;
  const canRespond = acceptsRemarkResponses(read.scope.status) && mayOnConsultation(p, read.scope, 'respond');
  return page(
    c,
    <AnswerConsultationPage
      chrome={chrome(c)}
      consultation={read.consultation}
      view={options}
      canRespond={canRespond}
      lookalikes={suggestions(read.consultation)}
      state={extra.state}
      notice={extra.notice}
    />,
    extra.status ?? 200,
  );
}

async function saveResponse(c: C) {
  const found = foundConsultation(c);
  const remarkId = c.req.param('remarkId') ?? '';
  const body = await c.req.parseBody({ all: true });
  const asked = answerOptions(c, body);
  // The page shown again (errors, a conflict) is the one with this remark on it.
  const options = { ...asked, page: pageOfRemark(found.read.consultation, asked, remarkId) };
  const located = service.allRemarks(found.read.consultation);
  const remark = located.find((x) => x.remark.id === remarkId)?.remark;
  if (!remark) throw notFound();
  const processing = ([] as unknown[]).concat(body.processing ?? []).filter((x): x is string => typeof x === 'string');
  const values: RemarkFormState = { remarkId, text: formText(body, 'text'), sameAsNumber: formText(body, 'sameAsNumber').trim(), processing, errors: [] };
  const version = Number(formText(body, 'version'));
  // "Zelfde reactie als opmerking n" by a suggestion's button (its id) or by the number typed.
  const byButton = formText(body, 'sameAs');
  const byNumber = values.sameAsNumber ? located.find((x) => String(x.remark.number) === values.sameAsNumber)?.remark : undefined;
  if (!byButton && values.sameAsNumber && !byNumber) {
    return answerPage(c, found, options, { state: { ...values, errors: [{ path: 'sameAs', message: t.sameAsUnknownNumber }] }, status: 422 });
  }
  const sameAs = byButton || byNumber?.id || null;
  const target = sameAs ? located.find((x) => x.remark.id === sameAs)?.remark : undefined;
  // A suggestion taken as it is: its processing too, unless the official chose codes.
  const codes = processing.length || !target?.response ? processing : target.response.processing;
  const input = sameAs ? { sameAs, processing: codes, version } : { text: values.text, processing: codes, version };
  const parsed = remarkResponseInputShape.safeParse({ ...input, version: Number.isInteger(version) ? version : -1 });
  const state = { ...values, ...(target ? { sameAsNumber: String(target.number), text: '' } : {}) };
  if (!parsed.success) return answerPage(c, found, options, { state: { ...state, errors: fieldErrors(parsed.error as ZodError) }, status: 422 });
  try {
    await saveRemarkResponse(c.var.db, found.p, found.read.scope, remarkId, parsed.data);
  } catch (err) {
    if (!(err instanceof AppError) || (err.status !== 409 && err.status !== 422)) throw err;
    const fresh = await consultationAsItIsNow(c, found);
    if (err.status === 409 && err.extra.current) {
      // Someone saved a newer version: shown beside the official's own response, which stays in the form.
      return answerPage(c, fresh, options, { state: { ...state, conflict: err.extra.current as RemarkFormState['conflict'] }, status: 409 });
    }
    const errors = serviceFieldErrors(err);
    if (errors) return answerPage(c, fresh, options, { state: { ...state, errors }, status: err.status });
    return answerPage(c, fresh, options, { state: { ...state, message: err.detail }, status: err.status });
  }
  const back = `${answerQuery(asked)}&opgeslagen=${remark.number}`;
  return seeOther(c, `/consultaties/${found.read.scope.id}/beantwoorden${back}#opmerking-${remark.number}`);
}

export function registerConsultationAnswerRoutes(app: WebApp) {
  webRoute(app, 'get', '/consultaties/:id/opmerkingen', { policy: 'user', load: 'consultation', action: 'addRemark' }, async (c) => {
    const found = foundConsultation(c);
    if (found.p.role !== 'official') return seeOther(c, `/consultaties/${found.read.scope.id}`);
    if (found.read.scope.status !== 'open') return seeOther(c, `/consultaties/${found.read.scope.id}`);
    const saved = /^(\d+)-(\d+)$/.exec(c.req.query('opgeslagen') ?? '');
    const notice = saved ? t.enterSaved(saved[1] === saved[2] ? [Number(saved[1])] : [Number(saved[1]), Number(saved[2])]) : null;
    const first = found.read.participants.find((x) => x.councilId === null) ?? found.read.participants[0];
    return entryPage(c, found, { participantId: first?.id ?? '', paste: '', section: '', remarks: null }, [], notice);
  });

  webRoute(app, 'get', '/consultaties/:id/beantwoorden', { policy: 'user', load: 'consultation', action: 'respond' }, async (c) => {
    const found = foundConsultation(c);
    const saved = Number(c.req.query('opgeslagen'));
    return answerPage(c, found, answerOptions(c), { notice: Number.isInteger(saved) && saved > 0 ? t.saved(saved) : null });
  });

  webRoute(app, 'post', '/consultaties/:id/reacties/:remarkId', { policy: 'user', load: 'consultation', action: 'respond' }, saveResponse);
}

/**
 * The officials' answering page: every remark beside its response editor, by participant or by
 * section of the document, the unanswered first on request. Each response is its own text or the
 * same as another remark's, with processing codes chosen from the legend; remarks that look alike
 * are offered as a reference. Saved per remark, with versions and the conflict view as for advice.
 */
import type { ReactNode } from 'react';
import { nl } from '../../schema/i18n/nl';
import type { Consultation, Remark, RemarkResponse } from '../../schema/consultations';
import { Layout, PageTitle, type Chrome } from '../components/layout';
import { Alert, Button, ErrorSummary, TextAreaField, TextField, type FieldError } from '../components/form';
import { ConsultationFacts, LegendList, RemarkText, legendEntryId } from '../components/consultation';
import { dutchDateTime } from '../format';

const t = nl.consultations.web;

export type AnswerOrder = 'deelnemer' | 'onderdeel';

/** What the official posted for one remark, shown again with its errors or beside a newer version. */
export type RemarkFormState = {
  remarkId: string;
  text: string;
  sameAsNumber: string;
  processing: string[];
  errors: FieldError[];
  /** The version that the save met (409): shown beside the official's own response. */
  conflict?: RemarkResponse | null;
  /** A refusal that is not about a field (the list went to review meanwhile). */
  message?: string;
};

/** The ids of a remark's fields: short and readable (`opmerking-4-tekst`), unique on the page. */
export const remarkFieldId = (n: number, field: 'text' | 'sameAs' | 'processing') => `opmerking-${n}-${field === 'text' ? 'tekst' : field === 'sameAs' ? 'zelfde' : 'verwerking'}`;
/** Which field an error path belongs beside. */
const fieldOf = (path: string): 'text' | 'sameAs' | 'processing' => (path.startsWith('processing') ? 'processing' : path === 'sameAs' ? 'sameAs' : 'text');

type Located = { remark: Remark; participant: string };

function Response({ response, located }: { response: RemarkResponse; located: Map<string, Located> }) {
  const target = response.sameAs ? located.get(response.sameAs) : undefined;
  return (
    <>
      {target && <p className="utrecht-paragraph ww-muted">{t.sameAsShown(target.remark.number, target.participant)}</p>}
      <p className="utrecht-paragraph ww-item__text">{target ? target.remark.response?.text : response.text}</p>
      <p className="utrecht-paragraph">
        <strong>{t.processing}:</strong> {response.processing.join(', ')}
      </p>
    </>
  );
}

function Reference({ response, located }: { response: RemarkResponse; located: Map<string, Located> }) {
  const target = response.sameAs ? located.get(response.sameAs) : undefined;
  if (!target) return null;
  return (
    <div className="ww-lookalikes">
      <p className="utrecht-paragraph">
        <strong>{t.sameAsShown(target.remark.number, target.participant)}</strong>
      </p>
      <p className="utrecht-paragraph ww-item__text">{target.remark.response?.text}</p>
    </div>
  );
}

function ResponseForm(props: {
  consultation: Consultation;
  remark: Remark;
  located: Map<string, Located>;
  state?: RemarkFormState;
  returnTo: string;
  lookalikes: ReactNode;
}) {
  const { consultation: c, remark: r, state } = props;
  const current = state?.conflict ?? r.response;
  const n = r.number;
  const sameAsNumber = r.response?.sameAs ? String(props.located.get(r.response.sameAs)?.remark.number ?? '') : '';
  const values = state ?? { text: r.response?.text ?? '', sameAsNumber, processing: r.response?.processing ?? [], errors: [] };
  const err = (field: 'text' | 'sameAs' | 'processing') => state?.errors.find((e) => fieldOf(e.path) === field)?.message;
  const forRemark = <span className="ww-visually-hidden">{t.saveFor(n)}</span>;
  const processingError = err('processing');
  return (
    <form method="post" action={`/consultaties/${c.id}/reacties/${r.id}`} className="ww-form" noValidate data-warn-unsaved={nl.web.advice.unsavedWarning}>
      <input type="hidden" name="version" value={current?.version ?? 0} />
      <input type="hidden" name="terug" value={props.returnTo} />
      <TextAreaField
        id={remarkFieldId(n, 'text')}
        name="text"
        label={
          <>
            {t.responseText}
            {forRemark}
          </>
        }
        value={values.text}
        rows={4}
        error={err('text')}
      />
      <TextField
        id={remarkFieldId(n, 'sameAs')}
        name="sameAsNumber"
        label={
          <>
            {t.sameAsNumber}
            {forRemark}
          </>
        }
        value={values.sameAsNumber}
        width="sm"
        inputMode="numeric"
        error={err('sameAs')}
      />
      <div className={`utrecht-form-fieldset${processingError ? ' utrecht-form-fieldset--invalid' : ''}`}>
        <fieldset className="utrecht-form-fieldset__fieldset utrecht-form-fieldset--html-fieldset" aria-describedby={processingError ? `${remarkFieldId(n, 'processing')}-error` : undefined}>
          <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
            {t.processing}
            {forRemark}
          </legend>
          {processingError && (
            <div className="utrecht-form-field-error-message ww-field-error" id={`${remarkFieldId(n, 'processing')}-error`}>
              <span className="ww-visually-hidden">{nl.web.titleError}: </span>
              {processingError}
            </div>
          )}
          <div className="ww-codes">
            {c.legend.map((e, i) => (
              <label className="ww-code" key={e.code}>
                <input
                  type="checkbox"
                  className="utrecht-checkbox utrecht-checkbox--html-input"
                  id={i === 0 ? remarkFieldId(n, 'processing') : undefined}
                  name="processing"
                  value={e.code}
                  defaultChecked={values.processing.includes(e.code)}
                  aria-describedby={legendEntryId(i)}
                />
                {e.code}
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      <Button variant="secondary">
        {t.save}
        {forRemark}
      </Button>
      {props.lookalikes}
    </form>
  );
}

function RemarkBlock(props: {
  consultation: Consultation;
  located: Map<string, Located>;
  item: Located;
  canRespond: boolean;
  state?: RemarkFormState;
  returnTo: string;
  lookalikes: string[];
  remarkHref: (id: string) => string;
}) {
  const { remark: r, participant } = props.item;
  const { state } = props;
  const others = props.lookalikes.map((id) => props.located.get(id)).filter((x): x is Located => Boolean(x));
  const lookalikes =
    others.length > 0 ? (
      <div className="ww-lookalikes">
        <h4 className="utrecht-heading-4">{t.lookalikes}</h4>
        <ul className="utrecht-unordered-list">
          {others.map((o) => {
            const usable = o.remark.response?.text != null && o.remark.id !== r.response?.sameAs;
            return (
              <li className="utrecht-unordered-list__item" key={o.remark.id}>
                <a className="utrecht-link utrecht-link--html-a" href={props.remarkHref(o.remark.id)}>
                  {t.remarkHeading(o.remark.number, o.participant)}
                </a>
                {props.canRespond && usable ? (
                  <Button variant="subtle" name="sameAs" value={o.remark.id}>
                    {t.lookalikeUse(o.remark.number)}
                    <span className="ww-visually-hidden">{t.saveFor(r.number)}</span>
                  </Button>
                ) : (
                  !o.remark.response?.text && <span className="ww-muted"> ({t.lookalikeUnanswered})</span>
                )}
              </li>
            );
          })}
        </ul>
      </div>
    ) : null;
  return (
    <article className={`ww-item${state?.conflict ? ' ww-item--conflict' : ''}`} id={`opmerking-${r.number}`}>
      <div>
        <h3 className="utrecht-heading-3 ww-item__label">
          {t.remarkHeading(r.number, participant)}
        </h3>
        <RemarkText remark={r} />
        {!props.canRespond && lookalikes}
      </div>
      <div className="ww-item__response">
        {state?.message && (
          <Alert type="error">
            <p className="utrecht-paragraph">{state.message}</p>
          </Alert>
        )}
        {state?.conflict && (
          <Alert type="warning" title={t.conflictTitle}>
            <p className="utrecht-paragraph">{t.conflictText}</p>
          </Alert>
        )}
        {state?.conflict ? (
          <div className="ww-conflict">
            <div className="ww-conflict__theirs">
              <h4 className="utrecht-heading-4">{t.conflictTheirs(state.conflict.updatedBy.name, dutchDateTime(state.conflict.updatedAt))}</h4>
              <Response response={state.conflict} located={props.located} />
            </div>
            <div className="ww-conflict__mine">
              <h4 className="utrecht-heading-4">{t.conflictMine}</h4>
              <ResponseForm consultation={props.consultation} remark={r} located={props.located} state={state} returnTo={props.returnTo} lookalikes={lookalikes} />
            </div>
          </div>
        ) : props.canRespond ? (
          <>
            {/* A response given by reference: what it says, above the form that can change it. */}
            {r.response?.sameAs && !state && <Reference response={r.response} located={props.located} />}
            <ResponseForm consultation={props.consultation} remark={r} located={props.located} state={state} returnTo={props.returnTo} lookalikes={lookalikes} />
          </>
        ) : r.response ? (
          <Response response={r.response} located={props.located} />
        ) : null}
        <p className="ww-item__meta">{r.response ? t.lastChanged(r.response.updatedBy.name, dutchDateTime(r.response.updatedAt)) : t.noResponse}</p>
      </div>
    </article>
  );
}

/** Remarks on one page of the answering page: enough to work through, small enough to load fast. */
export const REMARKS_PER_PAGE = 30;

export type AnswerView = { order: AnswerOrder; unansweredFirst: boolean; page: number };

type Placed = Located & { group: string };

/**
 * All remarks in the order of the answering page: by participant (in the order given) or by section
 * of the document (in order of first mention), by number within each; on request the unanswered
 * first, across all groups.
 */
export function orderRemarks(c: Consultation, order: AnswerOrder, unansweredFirst: boolean): Placed[] {
  const all = c.participants.flatMap((p) => p.remarks.map((remark) => ({ remark, participant: p.name })));
  const byNumber = [...all].sort((a, b) => a.remark.number - b.remark.number);
  const groupOf = (x: Located) => (order === 'deelnemer' ? x.participant : x.remark.section?.trim() || t.noSection);
  const groups = order === 'deelnemer' ? c.participants.map((p) => p.name) : [...new Set(byNumber.map(groupOf))];
  const rank = (x: Located) => (unansweredFirst && x.remark.response ? 1 : 0);
  return byNumber
    .map((x) => ({ ...x, group: groupOf(x) }))
    .sort((a, b) => rank(a) - rank(b) || groups.indexOf(a.group) - groups.indexOf(b.group) || a.remark.number - b.remark.number);
}

/** The query of an answering page (its order, and page). */
export const answerQuery = (v: AnswerView) => `?volgorde=${v.order}${v.unansweredFirst ? '&open=1' : ''}${v.page > 1 ? `&pagina=${v.page}` : ''}`;

/** The page (1-based) on which a remark stands, in this order. */
export function pageOfRemark(c: Consultation, view: Omit<AnswerView, 'page'>, remarkId: string) {
  const at = orderRemarks(c, view.order, view.unansweredFirst).findIndex((x) => x.remark.id === remarkId);
  return at < 0 ? 1 : Math.floor(at / REMARKS_PER_PAGE) + 1;
}

function Pager({ consultationId, view, pages }: { consultationId: string; view: AnswerView; pages: number }) {
  if (pages <= 1) return null;
  const href = (page: number) => `/consultaties/${consultationId}/beantwoorden${answerQuery({ ...view, page })}`;
  return (
    <nav className="ww-pager" aria-label={t.pages}>
      <ul>
        {Array.from({ length: pages }, (_, i) => i + 1).map((page) => (
          <li key={page}>
            {page === view.page ? (
              <span aria-current="page">{t.page(page, pages)}</span>
            ) : (
              <a className="utrecht-link utrecht-link--html-a" href={href(page)}>
                {t.page(page, pages)}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function AnswerConsultationPage(props: {
  chrome: Chrome;
  consultation: Consultation;
  view: AnswerView;
  canRespond: boolean;
  /** Per remark id: the ids of remarks that look alike, most alike first. */
  lookalikes: Map<string, string[]>;
  state?: RemarkFormState;
  notice?: string | null;
}) {
  const { consultation: c, state } = props;
  const located = new Map(c.participants.flatMap((p) => p.remarks.map((remark) => [remark.id, { remark, participant: p.name }] as const)));
  const { view } = props;
  const ordered = orderRemarks(c, view.order, view.unansweredFirst);
  const pages = Math.max(1, Math.ceil(ordered.length / REMARKS_PER_PAGE));
  const page = Math.min(Math.max(1, view.page), pages);
  const shown = ordered.slice((page - 1) * REMARKS_PER_PAGE, page * REMARKS_PER_PAGE);
  // Where each remark stands: a look-alike on another page links there.
  const pageOf = new Map(ordered.map((x, i) => [x.remark.id, Math.floor(i / REMARKS_PER_PAGE) + 1]));
  const remarkHref = (id: string) => {
    const target = located.get(id);
    const on = pageOf.get(id) ?? page;
    return `${on === page ? '' : answerQuery({ ...view, page: on })}#opmerking-${target?.remark.number ?? ''}`;
  };
  // Consecutive remarks of one group under one heading (a group split by the page or the order gets its heading again).
  const groups: { heading: string; items: Placed[] }[] = [];
  for (const item of shown) {
    const last = groups[groups.length - 1];
    if (last && last.heading === item.group) last.items.push(item);
    else groups.push({ heading: item.group, items: [item] });
  }
  const returnTo = answerQuery({ ...view, page });
  const stateRemark = state ? located.get(state.remarkId)?.remark : undefined;
  const errors = (state?.errors ?? []).map((e) => ({ ...e, href: stateRemark ? `#${remarkFieldId(stateRemark.number, fieldOf(e.path))}` : '#' }));
  const hrefs = new Map(errors.map((e) => [e.path, e.href]));
  return (
    <Layout chrome={props.chrome} title={`${t.answerTitle}: ${c.title}`} current="consultations" hasErrors={errors.length > 0}>
      <a className="utrecht-link utrecht-link--html-a ww-back" href={`/consultaties/${c.id}`}>
        ← {t.backToConsultation}
      </a>
      <PageTitle>{t.answerTitle}</PageTitle>
      <p className="ww-lead">{t.answerIntro}</p>
      <ErrorSummary errors={errors} hrefFor={(path) => hrefs.get(path) ?? '#'} />
      {props.notice && (
        <Alert type="ok" live>
          <p className="utrecht-paragraph">{props.notice}</p>
        </Alert>
      )}
      {!props.canRespond && (
        <Alert type="info">
          <p className="utrecht-paragraph">{c.status === 'in_review' ? t.inReview : t.readOnly}</p>
        </Alert>
      )}
      <ConsultationFacts consultation={c} />
      <form method="get" action={`/consultaties/${c.id}/beantwoorden`} className="ww-panel" aria-labelledby="order-title">
        <h2 className="utrecht-heading-3" id="order-title">
          {t.order}
        </h2>
        <div className="ww-filters">
          <div className="utrecht-form-field utrecht-form-field--select">
            <div className="utrecht-form-field__label">
              <label className="utrecht-form-label" htmlFor="volgorde">
                {t.order}
              </label>
            </div>
            <div className="utrecht-form-field__input">
              <select className="utrecht-select utrecht-select--html-select" id="volgorde" name="volgorde" defaultValue={view.order}>
                <option value="deelnemer">{t.orderParticipant}</option>
                <option value="onderdeel">{t.orderSection}</option>
              </select>
            </div>
          </div>
          <label className="ww-checkbox">
            <input type="checkbox" className="utrecht-checkbox utrecht-checkbox--html-input" name="open" value="1" defaultChecked={view.unansweredFirst} />
            {t.unansweredFirst}
          </label>
          <button type="submit" className="utrecht-button utrecht-button--secondary-action">
            {t.apply}
          </button>
        </div>
      </form>
      <LegendList legend={c.legend} />
      {groups.length === 0 && <p className="utrecht-paragraph ww-empty">{t.noRemarks}</p>}
      <Pager consultationId={c.id} view={{ ...view, page }} pages={pages} />
      {groups.map((g, i) => (
        <section key={`${i}-${g.heading}`}>
          <h2 className="utrecht-heading-2 ww-section-heading">
            {g.heading}
          </h2>
          {g.items.map((item) => (
            <RemarkBlock
              key={item.remark.id}
              consultation={c}
              located={located}
              item={item}
              canRespond={props.canRespond}
              state={state?.remarkId === item.remark.id ? state : undefined}
              returnTo={returnTo}
              lookalikes={props.lookalikes.get(item.remark.id) ?? []}
              remarkHref={remarkHref}
            />
          ))}
        </section>
      ))}
      <Pager consultationId={c.id} view={{ ...view, page }} pages={pages} />
    </Layout>
  );
}

/** The officials' page: each item beside its response editor, saved per item. */
import type { ReactNode } from 'react';
import { nl } from '../../schema/i18n/nl';
import { ADVICE_RESPONSE_STATUSES, QUESTION_RESPONSE_STATUS, type Dossier } from '../../schema/advice';
import { Layout, PageTitle, type Chrome } from '../components/layout';
import { Alert, Button, ErrorSummary, RadioGroup, TextAreaField, type FieldError } from '../components/form';
import { AdviceDetails, DossierFacts, ItemsBySection, ResponseBadge, itemLabel } from '../components/dossier';
import { dutchDateTime } from '../format';

const t = nl.web.dossier;

type Item = Dossier['items'][number];
type Current = NonNullable<Item['response']>;

/** What the official posted for one item, shown again with its errors or beside a newer version. */
export type ItemFormState = {
  itemId: string;
  status: string;
  text: string;
  errors: FieldError[];
  /** The version that the save met (409): shown beside the official's own text. */
  conflict?: Current | null;
  /** A refusal that is not about a field (e.g. the dossier went to review meanwhile). */
  message?: string;
};

/** The id of an item's status or text field: short and readable (`advies-2-status`), unique on the page. */
export const responseFieldId = (item: Pick<Item, 'kind' | 'number'>, field: 'status' | 'text') =>
  `${item.kind === 'question' ? 'vraag' : 'advies'}-${item.number}-${field}`;

/**
 * The field an item's error belongs beside: a status error beside the status radios, except for a
 * question, whose one status has no field; anything else beside the text.
 */
const fieldOf = (item: Pick<Item, 'kind'>, path: string): 'status' | 'text' => (path === 'status' && item.kind === 'advice' ? 'status' : 'text');

function ResponseForm({ dossierId, item, state, label }: { dossierId: string; item: Item; state?: ItemFormState; label: string }) {
  const current = state?.conflict ?? item.response;
  const version = current?.version ?? 0;
  const values = state ?? { status: item.response?.status ?? '', text: item.response?.text ?? '', errors: [] };
  const err = (field: 'status' | 'text') => state?.errors.find((e) => fieldOf(item, e.path) === field)?.message;
  const textLabel = item.kind === 'question' ? t.answerText : t.responseText;
  // Which item a field belongs to, for screen readers that list or jump between form fields.
  const forItem = <span className="ww-visually-hidden">{t.saveFor(label)}</span>;
  return (
    <form method="post" action={`/adviezen/${dossierId}/reacties/${item.id}`} className="ww-form" noValidate data-warn-unsaved={nl.web.advice.unsavedWarning}>
      <input type="hidden" name="version" value={version} />
      {item.kind === 'question' ? (
        // A question has one status (answered): nothing to choose, so no radio to show.
        <input type="hidden" name="status" value={QUESTION_RESPONSE_STATUS} />
      ) : (
        <RadioGroup
          id={responseFieldId(item, 'status')}
          name="status"
          label={
            <>
              {t.responseLegend}
              {forItem}
            </>
          }
          options={ADVICE_RESPONSE_STATUSES.map((s) => ({ value: s, label: nl.responseStatus[s] }))}
          value={values.status}
          error={err('status')}
        />
      )}
      <TextAreaField
        id={responseFieldId(item, 'text')}
        name="text"
        label={
          <>
            {textLabel}
            {forItem}
          </>
        }
        hint={item.kind === 'advice' ? t.responseTextHint : undefined}
        value={values.text}
        rows={7}
        error={err('text')}
      />
      <Button variant="secondary">
        {t.save}
        {forItem}
      </Button>
    </form>
  );
}

function Conflict({ current }: { current: Current }) {
  return (
    <div className="ww-conflict__theirs">
      <h4 className="utrecht-heading-4">{t.conflictTheirs(current.updatedBy.name, dutchDateTime(current.updatedAt))}</h4>
      <p className="utrecht-paragraph">
        <ResponseBadge status={current.status} />
      </p>
      <p className="utrecht-paragraph ww-item__text">{current.text}</p>
    </div>
  );
}

function ItemBlock({ dossier, item, canRespond, state, missing }: { dossier: Dossier; item: Item; canRespond: boolean; state?: ItemFormState; missing: boolean }) {
  const label = itemLabel(item.kind, item.number);
  const r = item.response;
  return (
    <section className={`ww-item${missing ? ' ww-item--missing' : ''}${state?.conflict ? ' ww-item--conflict' : ''}`} id={`item-${item.id}`}>
      <div>
        <h3 className="utrecht-heading-3 ww-item__label">
          {label}
        </h3>
        <p className="utrecht-paragraph ww-item__text">{item.text}</p>
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
            <Conflict current={state.conflict} />
            <div className="ww-conflict__mine">
              <h4 className="utrecht-heading-4">{t.conflictMine}</h4>
              <ResponseForm dossierId={dossier.id} item={item} state={state} label={label} />
            </div>
          </div>
        ) : canRespond ? (
          <ResponseForm dossierId={dossier.id} item={item} state={state} label={label} />
        ) : r ? (
          <>
            <p className="utrecht-paragraph">
              <ResponseBadge status={r.status} />
            </p>
            <p className="utrecht-paragraph ww-item__text">{r.text}</p>
          </>
        ) : null}
        <p className="ww-item__meta">{r ? t.lastChanged(r.updatedBy.name, dutchDateTime(r.updatedAt)) : t.noResponse}</p>
      </div>
    </section>
  );
}

/** The items with their responses (or editors): the bulk of the page. */
export function AnswerItems({ dossier, canRespond, itemState, missing }: { dossier: Dossier; canRespond: boolean; itemState?: ItemFormState; missing?: Set<string> }) {
  return (
    <ItemsBySection
      items={dossier.items}
      render={(item) => (
        <ItemBlock
          dossier={dossier}
          item={item}
          canRespond={canRespond}
          state={itemState?.itemId === item.id ? itemState : undefined}
          missing={missing?.has(`#item-${item.id}`) ?? false}
        />
      )}
    />
  );
}

export function AnswerPage(props: {
  chrome: Chrome;
  dossier: Dossier;
  canRespond: boolean;
  canRequestApproval: boolean;
  notice?: string | null;
  /** Page-level problems (e.g. items without a response), each linked to its item. */
  pageErrors?: (FieldError & { href: string })[];
  itemState?: ItemFormState;
  /** The Woo publication panel (web/components/publication-panel.tsx). */
  publication?: ReactNode;
}) {
  const { dossier } = props;
  const done = dossier.items.filter((i) => i.response).length;
  const total = dossier.items.length;
  const missing = new Set((props.pageErrors ?? []).map((e) => e.href));
  const stateItem = props.itemState && dossier.items.find((i) => i.id === props.itemState!.itemId);
  const itemErrors = props.itemState?.errors.map((e) => ({ ...e, href: stateItem ? `#${responseFieldId(stateItem, fieldOf(stateItem, e.path))}` : '#' })) ?? [];
  const allErrors = [...(props.pageErrors ?? []), ...itemErrors];
  const hrefs = new Map(allErrors.map((e) => [e.path, e.href]));
  return (
    <Layout chrome={props.chrome} title={dossier.title} current="inbox" hasErrors={allErrors.length > 0}>
      <a className="utrecht-link utrecht-link--html-a ww-back" href="/adviezen">
        ← {nl.web.inbox.title}
      </a>
      <PageTitle>{dossier.title}</PageTitle>
      <ErrorSummary errors={allErrors} title={props.pageErrors?.length ? t.missingTitle : undefined} hrefFor={(path) => hrefs.get(path) ?? '#'} />
      {props.notice && (
        <Alert type="ok" live>
          <p className="utrecht-paragraph">{props.notice}</p>
        </Alert>
      )}
      {dossier.status === 'in_progress' && dossier.returnComment && (
        <Alert type="warning" title={t.returned}>
          <p className="utrecht-paragraph ww-item__text">{dossier.returnComment}</p>
        </Alert>
      )}
      {dossier.status === 'in_review' && (
        <Alert type="info">
          <p className="utrecht-paragraph">{t.inReview}</p>
        </Alert>
      )}
      <DossierFacts dossier={dossier} />
      <div className="ww-progress">
        <progress className="ww-progress__bar" value={done} max={Math.max(total, 1)} aria-labelledby="progress-text" />
        <strong id="progress-text">{t.progress(done, total)}</strong>
      </div>
      <details className="ww-panel">
        <summary>
          <strong>{t.intro}</strong>
        </summary>
        <AdviceDetails dossier={dossier} />
        {dossier.intro && <p className="utrecht-paragraph ww-item__text">{dossier.intro}</p>}
      </details>
      <div className="ww-items">
        <AnswerItems dossier={dossier} canRespond={props.canRespond} itemState={props.itemState} missing={missing} />
      </div>
      {props.canRequestApproval && (
        <form method="post" action={`/adviezen/${dossier.id}/goedkeuring`} className="ww-panel">
          <h2 className="utrecht-heading-3">{t.requestApproval}</h2>
          <p className="utrecht-paragraph">{t.requestApprovalText}</p>
          <Button>{t.requestApproval}</Button>
        </form>
      )}
      {props.publication}
    </Layout>
  );
}

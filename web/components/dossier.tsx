/** Pieces that every dossier page shows: status, due date, facts, the advice itself. */
import { Fragment, type ReactNode } from 'react';
import { nl } from '../../schema/i18n/nl';
import type { AdviceStatus, Dossier, ItemKind, ResponseStatus } from '../../schema/advice';
import { daysUntil, dutchDate, isOverdue } from '../format';
import { todayInAmsterdam } from '../../schema/dates';
import { SourceDocumentFact } from './document-upload';

const t = nl.web.advice;

// Whole class names, so that the CSS build finds them.
const STATUS_CLASS: Record<AdviceStatus | ResponseStatus, string> = {
  draft: 'ww-badge--draft',
  submitted: 'ww-badge--submitted',
  in_progress: 'ww-badge--in_progress',
  in_review: 'ww-badge--in_review',
  signed: 'ww-badge--signed',
  sent: 'ww-badge--sent',
  adopted: 'ww-badge--adopted',
  partly: 'ww-badge--partly',
  declined: 'ww-badge--declined',
  already_done: 'ww-badge--already_done',
  answered: 'ww-badge--answered',
};

export function StatusBadge({ status }: { status: AdviceStatus }) {
  return <span className={`ww-badge ${STATUS_CLASS[status]}`}>{nl.status[status]}</span>;
}

export function ResponseBadge({ status }: { status: ResponseStatus }) {
  return <span className={`ww-badge ${STATUS_CLASS[status]}`}>{nl.responseStatus[status]}</span>;
}

export const itemLabel = (kind: ItemKind, n: number) => (kind === 'question' ? t.question(n) : t.adviceItem(n));

/** The due date, with how much time is left or how late it is on `today` (the request's day in Amsterdam, given once per page: a list has many). */
export function DueDate({ dueOn, status, today }: { dueOn: string | null; status: AdviceStatus; today: string }) {
  if (!dueOn) return <span className="ww-muted">{t.noDue}</span>;
  const overdue = isOverdue(dueOn, status, today);
  const days = daysUntil(dueOn, today);
  const done = status === 'signed' || status === 'sent';
  return (
    <span className={overdue ? 'ww-due ww-due--overdue' : 'ww-due'}>
      {dutchDate(dueOn)}
      {!done && <span className="ww-due__note">{overdue ? `${t.overdue}: ${t.daysLate(-days)}` : t.daysLeft(days)}</span>}
    </span>
  );
}

/** A dossier's facts; `today` is the request's day in Amsterdam (one dossier: computed here unless given). */
export function DossierFacts({ dossier, today = todayInAmsterdam(), extra }: { dossier: Dossier; today?: string; extra?: ReactNode }) {
  const overdue = isOverdue(dossier.dueOn, dossier.status, today);
  return (
    <dl className="ww-facts">
      <div>
        <dt>{t.status}</dt>
        <dd>
          <StatusBadge status={dossier.status} />
        </dd>
      </div>
      {dossier.dueOn && (
        <div className={overdue ? 'ww-facts__due ww-facts__due--overdue' : 'ww-facts__due'}>
          <dt>{t.due}</dt>
          <dd>
            <DueDate dueOn={dossier.dueOn} status={dossier.status} today={today} />
          </dd>
        </div>
      )}
      {dossier.reference && (
        <div>
          <dt>{t.reference}</dt>
          <dd>{dossier.reference}</dd>
        </div>
      )}
      {dossier.receivedOn && (
        <div>
          <dt>{nl.web.dossier.received}</dt>
          <dd>{dutchDate(dossier.receivedOn)}</dd>
        </div>
      )}
      <div>
        <dt>{t.colCouncil}</dt>
        <dd>{dossier.council.name}</dd>
      </div>
      {dossier.sourceDocument && <SourceDocumentFact dossierId={dossier.id} source={dossier.sourceDocument} />}
      {extra}
    </dl>
  );
}

/** Details of the council's letter. */
export function AdviceDetails({ dossier }: { dossier: Dossier }) {
  const d = nl.web.dossier;
  return (
    <dl className="ww-letter__meta">
      {dossier.policyDocument && (
        <>
          <dt>{d.policyDocument}</dt>
          <dd>{dossier.policyDocument}</dd>
        </>
      )}
      <dt>{d.kind}</dt>
      <dd>{dossier.kind === 'solicited' ? t.kindSolicited : t.kindUnsolicited}</dd>
      <dt>{d.letterDate}</dt>
      <dd>{dutchDate(dossier.letterDate)}</dd>
      {dossier.councilReference && (
        <>
          <dt>{d.councilReference}</dt>
          <dd>{dossier.councilReference}</dd>
        </>
      )}
    </dl>
  );
}

/** Items grouped under their section headings, in order; `render` draws one item. */
export function ItemsBySection<I extends { id: string; section: string | null }>({
  items,
  headingLevel = 2,
  render,
}: {
  items: I[];
  headingLevel?: 2 | 3;
  render: (item: I) => ReactNode;
}) {
  let previous: string | null = null;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <>
      {items.map((item) => {
        const showHeading = item.section && item.section !== previous;
        previous = item.section;
        return (
          <Fragment key={item.id}>
            {showHeading && <Heading className={`${headingLevel === 2 ? 'utrecht-heading-2' : 'utrecht-heading-3'} ww-section-heading`}>{item.section}</Heading>}
            {render(item)}
          </Fragment>
        );
      })}
    </>
  );
}

/** The advice as the council wrote it (preview for the council, reference for everyone). */
export function AdviceText({ dossier, headingLevel = 2 }: { dossier: Dossier; headingLevel?: 2 | 3 }) {
  const Sub = headingLevel === 2 ? 'h3' : 'h4';
  return (
    <div className="ww-letter">
      <AdviceDetails dossier={dossier} />
      {dossier.intro && <p className="utrecht-paragraph">{dossier.intro}</p>}
      <ItemsBySection
        items={dossier.items}
        headingLevel={headingLevel}
        render={(item) => (
          <div>
            <Sub className="utrecht-heading-4">{itemLabel(item.kind, item.number)}</Sub>
            <p className="utrecht-paragraph ww-item__text">{item.text}</p>
          </div>
        )}
      />
    </div>
  );
}

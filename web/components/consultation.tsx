/** Pieces that every consultation page shows: status, facts, the legend, a remark. */
import { nl } from '../../schema/i18n/nl';
import type { Consultation, ConsultationStatus, Remark } from '../../schema/consultations';

const t = nl.consultations.web;

// Whole class names, so that the CSS build finds them.
const STATUS_CLASS: Record<ConsultationStatus, string> = {
  open: 'ww-badge--submitted',
  closed: 'ww-badge--in_progress',
  in_review: 'ww-badge--in_review',
  signed: 'ww-badge--signed',
  sent: 'ww-badge--sent',
};

export function ConsultationBadge({ status }: { status: ConsultationStatus }) {
  return <span className={`ww-badge ${STATUS_CLASS[status]}`}>{nl.consultations.status[status]}</span>;
}

export function ConsultationFacts({ consultation }: { consultation: Consultation }) {
  const remarks = consultation.participants.flatMap((p) => p.remarks);
  const answered = remarks.filter((r) => r.response).length;
  return (
    <dl className="ww-facts">
      <div>
        <dt>{t.facts.status}</dt>
        <dd>
          <ConsultationBadge status={consultation.status} />
        </dd>
      </div>
      <div>
        <dt>{t.facts.document}</dt>
        <dd>{consultation.document}</dd>
      </div>
      <div>
        <dt>{t.facts.participants}</dt>
        <dd>{consultation.participants.length}</dd>
      </div>
      <div>
        <dt>{t.facts.remarks}</dt>
        <dd>{t.progress(answered, remarks.length)}</dd>
      </div>
    </dl>
  );
}

/** The id of a legend code's description on the page, for the checkboxes that name only the code. */
export const legendEntryId = (index: number) => `legenda-${index + 1}`;

export function LegendList({ legend, headingLevel = 2 }: { legend: Consultation['legend']; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="ww-panel" aria-labelledby="legend-title">
      <Heading className={headingLevel === 2 ? 'utrecht-heading-2' : 'utrecht-heading-3'} id="legend-title">
        {t.legendHeading}
      </Heading>
      <dl className="ww-code-legend">
        {legend.map((e, i) => (
          <div key={e.code}>
            <dt>{e.code}</dt>
            <dd id={legendEntryId(i)} className="ww-item__text">
              {e.label}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** A remark as its participant wrote it: number, section, text. */
export function RemarkText({ remark }: { remark: Remark }) {
  return (
    <>
      {remark.section && <p className="utrecht-paragraph ww-muted">{remark.section}</p>}
      <p className="utrecht-paragraph ww-item__text">{remark.text}</p>
    </>
  );
}

/**
 * An HTML rendering of the letter model (LetterSnapshot), used on the pages until the letter
 * feature's own HTML renderer is wired in through renderLetterHtml (worker/routes/web/letter-seam.tsx).
 * It works from the snapshot only, never from the database.
 */
import { nl } from '../../schema/i18n/nl';
import type { LetterSnapshot } from '../../worker/services/advice';
import { ADVICE_RESPONSE_STATUSES } from '../../schema/advice';
import { ItemsBySection, ResponseBadge, itemLabel } from './dossier';
import { dutchDate } from '../format';
import { todayInAmsterdam } from '../../worker/lib/dates';

const t = nl.web.letter;

export function LetterPreview({ snapshot }: { snapshot: LetterSnapshot }) {
  const { dossier, organisation: org, council } = snapshot;
  const date = snapshot.signedAt ? todayInAmsterdam(new Date(snapshot.signedAt)) : todayInAmsterdam();
  const advice = dossier.items.filter((i) => i.kind === 'advice');
  return (
    <article className="ww-letter" aria-label={nl.web.letter.title}>
      {!snapshot.signedAt && <p className="ww-letter__concept">{nl.web.review.concept}</p>}
      <p className="utrecht-paragraph">
        <strong>{org.name}</strong>
        {'\n'}
        {org.letterhead.addressLines.join('\n')}
      </p>
      <p className="utrecht-paragraph">
        {t.addressee(council.name)}
        {council.addressLines.length > 0 && `\n${council.addressLines.join('\n')}`}
      </p>
      <dl className="ww-letter__meta">
        <dt>{t.date}</dt>
        <dd>{dutchDate(date)}</dd>
        <dt>{t.yourLetter}</dt>
        <dd>{dutchDate(dossier.letterDate)}</dd>
        {dossier.councilReference && (
          <>
            <dt>{t.yourReference}</dt>
            <dd>{dossier.councilReference}</dd>
          </>
        )}
        <dt>{t.ourReference}</dt>
        <dd>{dossier.reference}</dd>
        <dt>{t.subject}</dt>
        <dd>{dossier.title}</dd>
      </dl>
      <p className="utrecht-paragraph ww-muted">{t.mentionReference}</p>
      <p className="utrecht-paragraph">{council.salutation}</p>
      <p className="utrecht-paragraph">{t.opening(dossier.kind === 'solicited', dutchDate(dossier.letterDate), dossier.title)}</p>
      {advice.length > 0 && (
        <>
          <h3 className="utrecht-heading-3">{t.overview}</h3>
          <ul className="utrecht-unordered-list">
            {ADVICE_RESPONSE_STATUSES.map((s) => {
              const n = advice.filter((i) => i.response?.status === s).length;
              return n > 0 ? (
                <li className="utrecht-unordered-list__item" key={s}>
                  {t.overviewCount(nl.responseStatus[s], n)}
                </li>
              ) : null;
            })}
          </ul>
        </>
      )}
      <ItemsBySection
        items={dossier.items}
        headingLevel={3}
        render={(item) => (
          <section>
            <h4 className="utrecht-heading-4">
              {itemLabel(item.kind, item.number)}
              {item.kind === 'advice' && item.response && (
                <>
                  {' '}
                  <ResponseBadge status={item.response.status} />
                </>
              )}
            </h4>
            <p className="utrecht-paragraph ww-quote">{item.text}</p>
            <p className="utrecht-paragraph">
              <strong>{item.kind === 'question' ? t.answer : t.ourResponse}</strong>
            </p>
            <p className="utrecht-paragraph">{item.response?.text ?? '–'}</p>
          </section>
        )}
      />
      <p className="utrecht-paragraph">{t.contact(org.contact.name)}</p>
      <p className="utrecht-paragraph">{t.regards}</p>
      <p className="utrecht-paragraph">{org.signOff},</p>
      {org.signatories.map((s) => (
        <p className="utrecht-paragraph" key={`${s.title}-${s.name}`}>
          {s.title},{'\n'}
          {s.name}
        </p>
      ))}
    </article>
  );
}

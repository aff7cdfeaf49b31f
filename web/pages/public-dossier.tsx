/**
 * One published dossier (/openbaar/{slug}/{id}): the advice with each item's response and status,
 * the signed letter and how to verify it. And the advice alone (/advies), the document that the
 * DiWoo sitemap lists as the advice received.
 */
import { nl } from '../../schema/i18n/nl';
import type { PublicDossier } from '../../schema/publication';
import { Layout, PageTitle, type Chrome } from '../components/layout';
import { ItemsBySection, ResponseBadge, itemLabel } from '../components/dossier';
import { dutchDate, dutchDateTime } from '../format';

const t = nl.publication.dossier;

/** Item labels sit under the section headings (h3) when there are sections, else right under the h2. */
const ItemHeading = ({ dossier, id, children }: { dossier: PublicDossier; id?: string; children: string }) => {
  const H = dossier.items.some((i) => i.section) ? 'h4' : 'h3';
  return (
    <H className="utrecht-heading-4 ww-item__label" id={id}>
      {children}
    </H>
  );
};

const base = (d: PublicDossier) => `/openbaar/${encodeURIComponent(d.organisation.slug)}`;

function Facts({ dossier: d }: { dossier: PublicDossier }) {
  const rows: [string, string | null][] = [
    [t.council, d.council.name],
    [t.kind, t.kinds[d.kind] ?? d.kind],
    [t.policyDocument, d.policyDocument],
    [t.letterDate, dutchDate(d.letterDate)],
    [t.councilReference, d.councilReference],
    [t.reference, d.reference],
    [t.receivedOn, d.receivedOn ? dutchDate(d.receivedOn) : null],
    [t.sentOn, dutchDate(d.sentOn)],
  ];
  return (
    <dl className="ww-facts" aria-label={t.facts}>
      {rows
        .filter(([, v]) => v)
        .map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}

function Overview({ dossier }: { dossier: PublicDossier }) {
  const counts = new Map<string, number>();
  for (const i of dossier.items) if (i.response) counts.set(i.response.status, (counts.get(i.response.status) ?? 0) + 1);
  if (counts.size === 0) return null;
  return (
    <section className="ww-panel" aria-labelledby="overview-title">
      <h2 className="utrecht-heading-3" id="overview-title">
        {t.overview}
      </h2>
      <ul className="utrecht-unordered-list">
        {(['adopted', 'partly', 'declined', 'already_done', 'answered'] as const)
          .filter((s) => counts.has(s))
          .map((s) => (
            <li className="utrecht-unordered-list__item" key={s}>
              {nl.responseStatus[s]}: {counts.get(s)}
            </li>
          ))}
      </ul>
    </section>
  );
}

export function PublicDossierPage({ chrome, dossier: d }: { chrome: Chrome; dossier: PublicDossier }) {
  const pdf = `${base(d)}/${encodeURIComponent(d.id)}/reactie.pdf`;
  const verify = `/verify?${new URLSearchParams({ sha256: d.letter.sha256, reference: d.reference })}`;
  return (
    <Layout chrome={chrome} title={d.title}>
      <a className="utrecht-link utrecht-link--html-a ww-back" href={base(d)}>
        {t.back(d.organisation.name)}
      </a>
      <PageTitle>{d.title}</PageTitle>
      <Facts dossier={d} />
      <Overview dossier={d} />
      <section aria-labelledby="advice-title">
        <h2 className="utrecht-heading-2" id="advice-title">
          {t.responsesHeading}
        </h2>
        {d.intro && <p className="utrecht-paragraph ww-item__text">{d.intro}</p>}
        <div className="ww-items">
          <ItemsBySection
            items={d.items}
            headingLevel={3}
            render={(item) => (
              <article className="ww-item ww-item--public" aria-labelledby={`item-${item.id}`}>
                <div>
                  <ItemHeading dossier={d} id={`item-${item.id}`}>
                    {itemLabel(item.kind, item.number)}
                  </ItemHeading>
                  <p className="utrecht-paragraph ww-item__text">{item.text}</p>
                </div>
                <div className="ww-item__response">
                  <p className="utrecht-paragraph">
                    <strong>{item.kind === 'question' ? t.answer : t.response}</strong>{' '}
                    {item.response && <ResponseBadge status={item.response.status} />}
                  </p>
                  <p className="utrecht-paragraph ww-item__text">{item.response?.text ?? t.noResponse}</p>
                </div>
              </article>
            )}
          />
        </div>
      </section>
      <section className="ww-panel" aria-labelledby="letter-title">
        <h2 className="utrecht-heading-2" id="letter-title">
          {t.letterHeading}
        </h2>
        <p className="utrecht-paragraph">{t.letterIntro(dutchDate(d.sentOn))}</p>
        <p className="utrecht-paragraph">
          <a className="utrecht-link utrecht-link--html-a" href={pdf} type="application/pdf">
            {t.letterDownload(d.reference)}
          </a>
        </p>
        <p className="utrecht-paragraph">
          {t.signedBy}: {d.signatories.map((s) => `${s.title} ${s.name}`).join(', ')} ({dutchDateTime(d.letter.signedAt)})
        </p>
        <h3 className="utrecht-heading-3">{t.verifyHeading}</h3>
        <p className="utrecht-paragraph">{t.verifyText}</p>
        <p className="utrecht-paragraph ww-fingerprint">
          <code>{d.letter.sha256}</code>
        </p>
        <p className="utrecht-paragraph">
          <a className="utrecht-link utrecht-link--html-a" href={verify}>
            {t.verifyLink}
          </a>
        </p>
      </section>
      <p className="utrecht-paragraph">
        <a className="utrecht-link utrecht-link--html-a" href={`${base(d)}/${encodeURIComponent(d.id)}/advies`}>
          {t.adviceOnly}
        </a>
      </p>
    </Layout>
  );
}

/** The advice as the council sent it, without the responses. */
export function PublicAdvicePage({ chrome, dossier: d }: { chrome: Chrome; dossier: PublicDossier }) {
  return (
    <Layout chrome={chrome} title={t.adviceOnlyTitle(d.title)}>
      <a className="utrecht-link utrecht-link--html-a ww-back" href={`${base(d)}/${encodeURIComponent(d.id)}`}>
        ← {t.fullDossier}
      </a>
      <PageTitle>{t.adviceOnlyTitle(d.title)}</PageTitle>
      <Facts dossier={d} />
      <section aria-labelledby="advice-title">
        <h2 className="utrecht-heading-2" id="advice-title">
          {t.adviceHeading}
        </h2>
        {d.intro && <p className="utrecht-paragraph ww-item__text">{d.intro}</p>}
        <ItemsBySection
          items={d.items}
          headingLevel={3}
          render={(item) => (
            <div className="ww-item ww-item--single">
              <ItemHeading dossier={d}>{itemLabel(item.kind, item.number)}</ItemHeading>
              <p className="utrecht-paragraph ww-item__text">{item.text}</p>
            </div>
          )}
        />
      </section>
    </Layout>
  );
}

/** The approver signs the integral list: what is signed, on whose behalf, and the passkey confirmation for exactly that. */
import { nl } from '../../schema/i18n/nl';
import type { Consultation } from '../../schema/consultations';
import type { Signatory } from '../../schema/organisations';
import { Layout, PageTitle, type Chrome } from '../components/layout';
import { Alert } from '../components/form';
import { DocumentFrame } from '../components/letter-frame';
import { PasskeyForm } from '../components/passkey-form';
import { listHref } from './consultation';

const t = nl.consultations.web;

export function ListSignConfirmPage(props: {
  chrome: Chrome;
  consultation: Consultation;
  signOff: string;
  signatories: Signatory[];
  /** SHA-256 of the content shown; posted back and bound into the passkey challenge. */
  contentHash: string;
  options: unknown;
  error?: string | null;
}) {
  const { consultation: c } = props;
  return (
    <Layout chrome={props.chrome} title={t.signTitle} current="consultations" hasErrors={!!props.error}>
      <a className="utrecht-link utrecht-link--html-a ww-back" href={`/consultaties/${c.id}`}>
        ← {t.backToConsultation}
      </a>
      <PageTitle>{t.signTitle}</PageTitle>
      {props.error && (
        <Alert type="error">
          <p className="utrecht-paragraph">{props.error}</p>
        </Alert>
      )}
      <div className="ww-panel ww-narrow">
        <p className="utrecht-paragraph">
          <strong>{t.signWhat(c.title)}</strong>
        </p>
        <p className="utrecht-paragraph">{nl.web.review.signOnBehalf(props.signOff)}</p>
        <ul className="utrecht-unordered-list">
          {props.signatories.map((s) => (
            <li className="utrecht-unordered-list__item" key={`${s.title}-${s.name}`}>
              {s.title}, {s.name}
            </li>
          ))}
        </ul>
      </div>
      <h2 className="utrecht-heading-2">{t.listHeading}</h2>
      <DocumentFrame href={listHref(c.id, 'html')} title={t.listFrameTitle(c.title)} openLabel={t.listOpen} />
      <div className="ww-panel ww-narrow">
        <Alert type="warning">
          <p className="utrecht-paragraph">{t.signFreeze}</p>
        </Alert>
        <p className="utrecht-paragraph">{t.signPasskey}</p>
        <p className="utrecht-paragraph ww-muted ww-fingerprint">
          {nl.web.review.signFingerprint}: <code>{props.contentHash}</code>
        </p>
        <PasskeyForm
          nonce={props.chrome.nonce}
          action={`/consultaties/${c.id}/ondertekenen`}
          mode="get"
          options={props.options}
          button={nl.web.review.signConfirm}
          fields={{ contentHash: props.contentHash }}
        />
        <p className="utrecht-paragraph">
          <a className="utrecht-link utrecht-link--html-a" href={`/consultaties/${c.id}`}>
            {nl.web.advice.cancel}
          </a>
        </p>
      </div>
    </Layout>
  );
}

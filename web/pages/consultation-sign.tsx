/** The approver signs the integral list: what is signed, on whose behalf, and the passkey confirmation for exactly that. */
import { nl } from '../../schema/i18n/nl';
import type { Consultation } from '../../schema/consultations';
import type { Signatory } from '../../schema/organisations';
import { Layout, PageTitle, type Chrome } from '../components/layout';
import { Alert } from '../components/form';
import { DocumentFrame } from '../components/letter-frame';
import { SignConfirm } from '../components/sign-confirm';
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
      <SignConfirm
        nonce={props.chrome.nonce}
        what={
          <p className="utrecht-paragraph">
            <strong>{t.signWhat(c.title)}</strong>
          </p>
        }
        signOff={props.signOff}
        signatories={props.signatories}
        previewHeading={t.listHeading}
        preview={<DocumentFrame href={listHref(c.id, 'html')} title={t.listFrameTitle(c.title)} openLabel={t.listOpen} />}
        freezeNotice={t.signFreeze}
        passkeyNotice={t.signPasskey}
        contentHash={props.contentHash}
        options={props.options}
        action={`/consultaties/${c.id}/ondertekenen`}
        cancelHref={`/consultaties/${c.id}`}
      />
    </Layout>
  );
}

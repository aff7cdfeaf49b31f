/** The approver's pages: the letter as it will be sent, return with a comment, or sign. */
import type { ReactNode } from 'react';
import { nl } from '../../schema/i18n/nl';
import type { Dossier } from '../../schema/advice';
import type { Signatory } from '../../schema/organisations';
import { Layout, PageTitle, type Chrome } from '../components/layout';
import { Alert, Button, ButtonLink, ErrorSummary, TextAreaField, type FieldError } from '../components/form';
import { DossierFacts } from '../components/dossier';
import { LetterFrame } from '../components/letter-frame';
import { SignConfirm } from '../components/sign-confirm';

const t = nl.web.review;

export function ReviewPage(props: {
  chrome: Chrome;
  dossier: Dossier;
  canApprove: boolean;
  fourEyes: boolean;
  comment?: string;
  errors?: FieldError[];
  /** The Woo publication panel (web/components/publication-panel.tsx). */
  publication?: ReactNode;
}) {
  const { dossier } = props;
  const errors = props.errors ?? [];
  return (
    <Layout chrome={props.chrome} title={`${t.title}: ${dossier.title}`} current="inbox" hasErrors={errors.length > 0}>
      <a className="utrecht-link utrecht-link--html-a ww-back" href="/adviezen">
        ← {nl.web.inbox.title}
      </a>
      <PageTitle>{dossier.title}</PageTitle>
      <ErrorSummary errors={errors} />
      <p className="ww-lead">{t.intro}</p>
      <DossierFacts dossier={dossier} />
      <h2 className="utrecht-heading-2">{t.previewHeading}</h2>
      <LetterFrame adviceId={dossier.id} reference={dossier.reference} />

      <section className="ww-panel" aria-labelledby="approve-title">
        <h2 className="utrecht-heading-3" id="approve-title">
          {t.approveHeading}
        </h2>
        {props.fourEyes ? (
          <p className="utrecht-paragraph">{t.fourEyes}</p>
        ) : (
          props.canApprove && <ButtonLink href={`/adviezen/${dossier.id}/ondertekenen`}>{t.approveLink}</ButtonLink>
        )}
      </section>

      <form method="post" action={`/adviezen/${dossier.id}/terugsturen`} className="ww-panel ww-form" noValidate aria-labelledby="return-title">
        <h2 className="utrecht-heading-3" id="return-title">
          {t.returnHeading}
        </h2>
        <TextAreaField name="comment" label={t.returnLabel} hint={t.returnHint} value={props.comment} rows={5} error={errors.find((e) => e.path === 'comment')?.message} />
        <Button variant="secondary">{t.returnButton}</Button>
      </form>
      {props.publication}
    </Layout>
  );
}

export function SignConfirmPage(props: {
  chrome: Chrome;
  dossier: Dossier;
  signOff: string;
  signatories: Signatory[];
  signerName: string;
  /** SHA-256 of the content shown; posted back and bound into the passkey challenge. */
  contentHash: string;
  /** The WebAuthn request options with the one-time signing challenge. */
  options: unknown;
  error?: string | null;
}) {
  const { dossier } = props;
  return (
    <Layout chrome={props.chrome} title={t.signTitle} current="inbox" hasErrors={!!props.error}>
      <a className="utrecht-link utrecht-link--html-a ww-back" href={`/adviezen/${dossier.id}`}>
        ← {t.title}
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
          <>
            <p className="utrecht-paragraph">
              <strong>{t.signWhat(dossier.reference ?? '', dossier.council.name)}</strong>
            </p>
            <p className="utrecht-paragraph">{dossier.title}</p>
          </>
        }
        signOff={props.signOff}
        signatories={props.signatories}
        previewHeading={t.signPreviewHeading}
        preview={<LetterFrame adviceId={dossier.id} reference={dossier.reference} />}
        freezeNotice={t.signFreeze}
        passkeyNotice={t.signPasskey}
        contentHash={props.contentHash}
        options={props.options}
        action={`/adviezen/${dossier.id}/ondertekenen`}
        cancelHref={`/adviezen/${dossier.id}`}
      />
    </Layout>
  );
}

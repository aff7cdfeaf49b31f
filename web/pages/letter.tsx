/** After signing: the frozen letter, its PDF, the send button and delivery per recipient. */
import type { ReactNode } from 'react';
import { nl } from '../../schema/i18n/nl';
import type { Dossier } from '../../schema/advice';
import type { SignedWith } from '../../schema/signing';
import { LetterFrame } from '../components/letter-frame';
import { Layout, PageTitle, type Chrome } from '../components/layout';
import { Alert, Button, ButtonLink } from '../components/form';
import { DossierFacts } from '../components/dossier';
import { DeliveryTable, type Delivery } from '../components/delivery-table';
import { dutchDateTime } from '../format';

const t = nl.web.letter;
const signedWithText = nl.security.signedWith;

export function LetterPage(props: {
  chrome: Chrome;
  dossier: Dossier;
  canSend: boolean;
  canRetry: boolean;
  recipientCount: number;
  deliveries: Delivery[];
  notice?: string | null;
  /** The Woo publication panel (web/components/publication-panel.tsx). */
  publication?: ReactNode;
  /** How the letter was signed (with a passkey, or which API token), as recorded with the signing. */
  signedWith?: SignedWith | null;
}) {
  const { dossier } = props;
  const letter = dossier.letter;
  return (
    <Layout chrome={props.chrome} title={dossier.title} current="inbox">
      <a className="utrecht-link utrecht-link--html-a ww-back" href="/adviezen">
        ← {nl.web.inbox.title}
      </a>
      <PageTitle>{dossier.title}</PageTitle>
      {props.notice && (
        <Alert type="ok" live>
          <p className="utrecht-paragraph">{props.notice}</p>
        </Alert>
      )}
      <DossierFacts dossier={dossier} />
      {letter && (
        <p className="utrecht-paragraph">
          {props.signedWith
            ? signedWithText.sentence(letter.signedBy.name, dutchDateTime(letter.signedAt), props.signedWith.method === 'passkey' ? signedWithText.passkey : signedWithText.token(props.signedWith.tokenId))
            : t.signedBy(letter.signedBy.name, dutchDateTime(letter.signedAt))}
        </p>
      )}
      <div className="ww-actions">
        <ButtonLink href={`/adviezen/${dossier.id}/brief.pdf`} variant="secondary">
          {t.downloadPdf}
        </ButtonLink>
      </div>
      {props.canSend && (
        <form method="post" action={`/adviezen/${dossier.id}/verzenden`} className="ww-panel">
          <h2 className="utrecht-heading-3">{t.send}</h2>
          <p className="utrecht-paragraph">{t.sendText(props.recipientCount)}</p>
          <Button>{t.send}</Button>
        </form>
      )}
      <DeliveryTable
        deliveries={props.deliveries}
        emptyText={t.deliveryNone}
        retryAction={props.canRetry ? (d) => `/adviezen/${dossier.id}/verzending/${d.id}/opnieuw` : undefined}
      />
      {letter && (
        <p className="utrecht-paragraph ww-muted">
          {t.sha}: <code>{letter.sha256}</code>
        </p>
      )}
      <h2 className="utrecht-heading-2">{t.title}</h2>
      <LetterFrame adviceId={dossier.id} reference={dossier.reference} />
      {props.publication}
    </Layout>
  );
}

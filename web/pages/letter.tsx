/** After signing: the frozen letter, its PDF, the send button and delivery per recipient. */
import type { ReactNode } from 'react';
import { nl } from '../../schema/i18n/nl';
import type { Dossier } from '../../schema/advice';
import type { SignedWith } from '../../schema/signing';
import type { MailStatus } from '../../schema/mail';
import type { DeliveryView } from '../../schema/mail';
import { LetterFrame } from '../components/letter-frame';
import { Layout, PageTitle, type Chrome } from '../components/layout';
import { Alert, Button, ButtonLink } from '../components/form';
import { DossierFacts } from '../components/dossier';
import { TableScroll } from '../components/table-scroll';
import { dutchDateTime } from '../format';

const t = nl.web.letter;
const signedWithText = nl.security.signedWith;

export type Delivery = Pick<DeliveryView, 'id' | 'to' | 'cc' | 'status' | 'updatedAt' | 'reason' | 'retriedAs'>;

const MAIL_CLASS: Record<MailStatus, string> = {
  queued: 'ww-badge--submitted',
  sending: 'ww-badge--submitted',
  sent: 'ww-badge--sent',
  delivery_delayed: 'ww-badge--in_review',
  delivered: 'ww-badge--delivered',
  bounced: 'ww-badge--bounced',
  complained: 'ww-badge--complained',
  failed: 'ww-badge--failed',
};

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
      <section className="ww-panel" aria-labelledby="delivery-title">
        <h2 className="utrecht-heading-3" id="delivery-title">
          {t.deliveryHeading}
        </h2>
        {props.deliveries.length === 0 ? (
          <p className="utrecht-paragraph">{t.deliveryNone}</p>
        ) : (
          <TableScroll labelledBy="delivery-title">
            <table className="utrecht-table utrecht-table--html-table">
              <thead className="utrecht-table__header">
                <tr className="utrecht-table__row">
                  <th className="utrecht-table__header-cell" scope="col">
                    {t.deliveryRecipient}
                  </th>
                  <th className="utrecht-table__header-cell" scope="col">
                    {t.deliveryStatus}
                  </th>
                  <th className="utrecht-table__header-cell" scope="col">
                    {t.deliveryUpdated}
                  </th>
                  <th className="utrecht-table__header-cell" scope="col">
                    {t.deliveryReason}
                  </th>
                </tr>
              </thead>
              <tbody className="utrecht-table__body">
                {props.deliveries.map((d) => (
                  <tr className="utrecht-table__row" key={d.id}>
                    <td className="utrecht-table__cell">
                      {d.to.join(', ')}
                      {d.cc.length > 0 && <span className="ww-due__note">cc: {d.cc.join(', ')}</span>}
                    </td>
                    <td className="utrecht-table__cell">
                      <span className={`ww-badge ${MAIL_CLASS[d.status]}`}>{nl.web.mailStatus[d.status]}</span>
                    </td>
                    <td className="utrecht-table__cell">{dutchDateTime(d.updatedAt)}</td>
                    <td className="utrecht-table__cell">
                      {d.reason && (d.status === 'failed' || d.status === 'bounced' || d.status === 'complained') && <span>{d.reason}</span>}
                      {props.canRetry && d.status === 'failed' && !d.retriedAs && (
                        <form method="post" action={`/adviezen/${dossier.id}/verzending/${d.id}/opnieuw`}>
                          <Button variant="secondary" aria-label={t.retryLabel(d.to.join(', '))}>
                            {t.retry}
                          </Button>
                        </form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
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

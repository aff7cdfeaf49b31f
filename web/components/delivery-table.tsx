/**
 * Delivery per recipient of a sent document (a letter, an integral list): to whom, the mail's
 * status as the provider reported it, when, and why it failed; a retry button where allowed.
 */
import { nl } from '../../schema/i18n/nl';
import type { DeliveryView, MailStatus } from '../../schema/mail';
import { Button } from './form';
import { TableScroll } from './table-scroll';
import { dutchDateTime } from '../format';

const t = nl.web.letter;

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

const showsReason = (d: Delivery) => !!d.reason && (d.status === 'failed' || d.status === 'bounced' || d.status === 'complained');

export function DeliveryTable(props: {
  deliveries: Delivery[];
  /** Said while nothing has been sent yet. */
  emptyText: string;
  /** Where a failed mail is sent again; absent where the document has no retry. */
  retryAction?: (delivery: Delivery) => string;
}) {
  const { retryAction } = props;
  return (
    <section className="ww-panel" aria-labelledby="delivery-title">
      <h2 className="utrecht-heading-3" id="delivery-title">
        {t.deliveryHeading}
      </h2>
      {props.deliveries.length === 0 ? (
        <p className="utrecht-paragraph">{props.emptyText}</p>
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
                    {showsReason(d) && <span>{d.reason}</span>}
                    {retryAction && d.status === 'failed' && !d.retriedAs && (
                      <form method="post" action={retryAction(d)}>
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
  );
}

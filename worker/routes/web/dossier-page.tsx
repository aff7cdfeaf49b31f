/** The one dossier page for staff: what it shows follows the dossier's state and the viewer's role. */
import type { Context } from 'hono';
import type { AppEnv, UserPrincipal } from '../../context';
import { acceptsResponses, type Dossier } from '../../../schema/advice';
import { nl } from '../../../schema/i18n/nl';
import type { FieldError } from '../../../schema/zod';
import type { DossierRead } from '../../services/dossier-read';
import { frozenSnapshot } from '../../services/letter-snapshot';
import { dutchDate } from '../../../schema/dates';
import { listDeliveries } from '../../services/dossier-mails';
import { may } from '../../policy';
import { AnswerPage, type ItemFormState } from '../../../web/pages/dossier-answer';
import { ReviewPage } from '../../../web/pages/review';
import { LetterPage } from '../../../web/pages/letter';
import { chrome, page } from './render';
import { publicationPanel, type PanelState } from './publication-panel';
import { parseSignedVia } from '../../../schema/signing';

type C = Context<AppEnv>;

/** A dossier the viewer may see, with the viewer. */
export type Found = DossierRead & { p: UserPrincipal };

export type Extra = {
  itemState?: ItemFormState;
  pageErrors?: (FieldError & { href: string })[];
  comment?: string;
  commentErrors?: FieldError[];
  /** The publication form as posted, with its errors. */
  publication?: PanelState;
  status?: number;
};

function noticeFor(c: C, dossier: Dossier): string | null {
  const q = (k: string) => c.req.query(k) !== undefined;
  const savedItem = c.req.query('opgeslagen');
  if (savedItem) {
    const item = dossier.items.find((i) => i.id === savedItem);
    if (item) return nl.web.dossier.saved(nl.itemLabel(item.kind, item.number));
  }
  if (q('geregistreerd') && dossier.reference && dossier.dueOn) return nl.imports.web.registered(dossier.reference, dutchDate(dossier.dueOn));
  if (q('al-geregistreerd')) return nl.imports.web.alreadyRegistered;
  if (q('goedkeuring')) return nl.web.dossier.requestedTitle;
  if (q('teruggestuurd')) return nl.web.review.returned;
  if (q('ondertekend')) return nl.web.review.signed;
  if (q('verzonden')) return nl.web.letter.sent;
  if (q('opnieuw')) return nl.web.letter.retried;
  return null;
}

/** The one dossier page for staff: what it shows follows the dossier's state and the viewer's role. */
export async function staffDossierPage(c: C, found: Found, extra: Extra = {}) {
  const { row, dossier, p } = found;
  const status = extra.status ?? 200;
  const publication = publicationPanel(c, found, extra.publication);
  if (dossier.status === 'in_review' && may(p, row, 'return')) {
    return page(
      c,
      <ReviewPage
        chrome={chrome(c)}
        dossier={dossier}
        canApprove={may(p, row, 'approve')}
        fourEyes={row.approvalRequestedBy === p.id}
        comment={extra.comment}
        errors={extra.commentErrors}
        publication={publication}
      />,
      status,
    );
  }
  if (dossier.status === 'signed' || dossier.status === 'sent') {
    const snapshot = frozenSnapshot(row);
    // The letter's own mails, one per council recipient; notices to staff are not part of it.
    const mails = may(p, row, 'viewDelivery') ? (await listDeliveries(c.var.db, row.id)).filter((m) => m.kind === 'letter') : [];
    return page(
      c,
      <LetterPage
        chrome={chrome(c)}
        dossier={dossier}
        canSend={dossier.status === 'signed' && may(p, row, 'send')}
        canRetry={may(p, row, 'retryDelivery')}
        recipientCount={snapshot?.council.recipients.length ?? 0}
        deliveries={mails}
        notice={noticeFor(c, dossier)}
        publication={publication}
        signedWith={parseSignedVia(row.signedVia)}
      />,
      status,
    );
  }
  return page(
    c,
    <AnswerPage
      chrome={chrome(c)}
      dossier={dossier}
      canRespond={acceptsResponses(dossier.status) && may(p, row, 'respond')}
      canRequestApproval={dossier.status === 'in_progress' && may(p, row, 'requestApproval')}
      notice={noticeFor(c, dossier)}
      itemState={extra.itemState}
      pageErrors={extra.pageErrors}
      publication={publication}
    />,
    status,
  );
}


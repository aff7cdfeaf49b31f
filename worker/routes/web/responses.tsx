/** Staff pages on one dossier: answering per item, requesting approval, review, signing, sending. */
import type { Context } from 'hono';
import type { ZodError } from 'zod';
import type { AppEnv, UserPrincipal } from '../../context';
import { fieldErrors } from '../../app';
import { responseInputShape, returnInputShape, type Dossier } from '../../../schema/advice';
import { nl } from '../../../schema/i18n/nl';
import * as service from '../../services/advice';
import { signLetter } from '../../services/letter';
import { mailContext } from '../../services/mail-context';
import { sendAdvice } from '../../services/send';
import { listDeliveries, retryDelivery } from '../../services/deliveries';
import { letterResponse, verifyUrl } from '../letter';
import { may } from '../../policy';
import { AppError, notFound } from '../../errors';
import { AnswerItems, AnswerPage, type ItemFormState } from '../../../web/pages/dossier-answer';
import { ReviewPage } from '../../../web/pages/review';
import { LetterPage } from '../../../web/pages/letter';
import type { FieldError } from '../../../web/components/form';
import { itemLabel } from '../../../web/components/dossier';
import { formText, serviceFieldErrors } from './forms';
import { chrome, encodedMarkup, page, seeOther, slotMarker, type Slot } from './render';
import { webRoute, type WebApp } from './route';
import { dossierFor } from './advice';
import { signConfirmPage, verifySigningAssertion } from './signing';

type C = Context<AppEnv>;

const ITEMS_SLOT = slotMarker('items');
type Found = Pick<service.DossierRead, 'row' | 'dossier' | 'itemsFragment'> & { p: UserPrincipal };

type Extra = {
  itemState?: ItemFormState;
  pageErrors?: (FieldError & { href: string })[];
  comment?: string;
  commentErrors?: FieldError[];
  status?: number;
};

function noticeFor(c: C, dossier: Dossier): string | null {
  const q = (k: string) => c.req.query(k) !== undefined;
  const savedItem = c.req.query('opgeslagen');
  if (savedItem) {
    const item = dossier.items.find((i) => i.id === savedItem);
    if (item) return nl.web.dossier.saved(itemLabel(item.kind, item.number));
  }
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
      />,
      status,
    );
  }
  if (dossier.status === 'signed' || dossier.status === 'sent') {
    const snapshot = service.frozenSnapshot(row);
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
      />,
      status,
    );
  }
  const canRespond = service.acceptsResponses(dossier.status) && may(p, row, 'respond');
  // The item list is most of the page: built once per items revision and per whether the viewer
  // may respond (all AnswerItems depends on), unless this rendering carries someone's input or errors.
  const slot: Slot | undefined =
    !extra.itemState && !extra.pageErrors?.length
      ? { marker: ITEMS_SLOT, bytes: found.itemsFragment(canRespond ? 'answer:respond' : 'answer:read', () => encodedMarkup(<AnswerItems dossier={dossier} canRespond={canRespond} />)) }
      : undefined;
  return page(
    c,
    <AnswerPage
      chrome={chrome(c)}
      dossier={dossier}
      itemsSlot={slot?.marker}
      canRespond={canRespond}
      canRequestApproval={dossier.status === 'in_progress' && may(p, row, 'requestApproval')}
      notice={noticeFor(c, dossier)}
      itemState={extra.itemState}
      pageErrors={extra.pageErrors}
    />,
    status,
    slot,
  );
}

/** The dossier as it is now (after a failed write), for re-rendering with the user's input. */
async function reload(c: C, found: Found): Promise<Found> {
  const fresh = await service.getDossier(c.var.db, found.row.id);
  if (!fresh) throw notFound();
  return { ...fresh, p: found.p };
}

async function saveItem(c: C) {
  const found = await dossierFor(c, 'respond');
  const itemId = c.req.param('itemId') ?? '';
  const body = await c.req.parseBody();
  const values = { itemId, status: formText(body, 'status'), text: formText(body, 'text') };
  const version = Number(formText(body, 'version'));
  const parsed = responseInputShape.safeParse({ text: values.text, status: values.status || undefined, version: Number.isInteger(version) ? version : -1 });
  if (!parsed.success) {
    return staffDossierPage(c, found, { itemState: { ...values, errors: fieldErrors(parsed.error as ZodError) }, status: 422 });
  }
  try {
    await service.saveResponse(c.var.db, found.p, found.row, itemId, parsed.data);
  } catch (err) {
    if (!(err instanceof AppError) || (err.status !== 409 && err.status !== 422)) throw err;
    const fresh = await reload(c, found);
    if (err.status === 409 && err.extra.current) {
      // Someone saved a newer version: show it beside the official's own text, which stays in the form.
      const current = err.extra.current as NonNullable<ItemFormState['conflict']>;
      return staffDossierPage(c, fresh, { itemState: { ...values, errors: [], conflict: current }, status: 409 });
    }
    const errors = serviceFieldErrors(err);
    if (errors) return staffDossierPage(c, fresh, { itemState: { ...values, errors }, status: err.status });
    return staffDossierPage(c, fresh, { itemState: { ...values, errors: [], message: err.detail }, status: err.status });
  }
  return seeOther(c, `/adviezen/${found.row.id}?opgeslagen=${encodeURIComponent(itemId)}#item-${itemId}`);
}

export function registerResponseWebRoutes(app: WebApp) {
  webRoute(app, 'post', '/adviezen/:id/reacties/:itemId', 'user', saveItem);

  webRoute(app, 'post', '/adviezen/:id/goedkeuring', 'user', async (c) => {
    const found = await dossierFor(c, 'requestApproval');
    try {
      await service.requestApproval(c.var.db, found.p, found.row, mailContext(c.env, c.req.url));
    } catch (err) {
      const errors = err instanceof AppError && err.status === 422 ? serviceFieldErrors(err) : null;
      if (!errors) throw err;
      // items.N.response → the item at position N.
      const pageErrors = errors.map((e) => {
        const position = Number(e.path.split('.')[1]);
        const item = found.dossier.items[position];
        return { ...e, href: item ? `#item-${item.id}` : '#' };
      });
      return staffDossierPage(c, found, { pageErrors, status: 422 });
    }
    return seeOther(c, `/adviezen/${found.row.id}?goedkeuring`);
  });

  webRoute(app, 'post', '/adviezen/:id/terugsturen', 'user', async (c) => {
    const found = await dossierFor(c, 'return');
    const comment = formText(await c.req.parseBody(), 'comment');
    const parsed = returnInputShape.safeParse({ comment });
    if (!parsed.success) return staffDossierPage(c, found, { comment, commentErrors: fieldErrors(parsed.error as ZodError), status: 422 });
    await service.returnAdvice(c.var.db, found.p, found.row, parsed.data.comment, mailContext(c.env, c.req.url));
    return seeOther(c, `/adviezen/${found.row.id}?teruggestuurd`);
  });

  // What is signed, with a passkey challenge bound to this dossier and its content hash.
  webRoute(app, 'get', '/adviezen/:id/ondertekenen', 'user', signConfirmPage);

  webRoute(app, 'post', '/adviezen/:id/ondertekenen', 'user', async (c) => {
    // Nothing is signed without a fresh passkey assertion for this dossier and the content shown.
    const asserted = await verifySigningAssertion(c);
    if ('refused' in asserted) return asserted.refused;
    const { row, p } = await dossierFor(c, 'approve');
    await service.approveAdvice(c.var.db, p, row, (snapshot) => signLetter(c.env, snapshot, { verifyUrl: verifyUrl(c) }), mailContext(c.env, c.req.url), {
      contentHash: asserted.contentHash,
    });
    return seeOther(c, `/adviezen/${row.id}?ondertekend`);
  });

  webRoute(app, 'post', '/adviezen/:id/verzenden', 'user', async (c) => {
    const { row, p } = await dossierFor(c, 'send');
    await sendAdvice(c.var.db, c.env.DOCUMENTS, mailContext(c.env, c.req.url), p, row);
    return seeOther(c, `/adviezen/${row.id}?verzonden`);
  });

  webRoute(app, 'post', '/adviezen/:id/verzending/:mailId/opnieuw', 'user', async (c) => {
    const { row, p } = await dossierFor(c, 'retryDelivery');
    await retryDelivery(c.var.db, p, row, c.req.param('mailId') ?? '', Date.now());
    return seeOther(c, `/adviezen/${row.id}?opnieuw#delivery-title`);
  });

  // The letter as the API serves it (routes/letter.ts); the PDF as a download.
  webRoute(app, 'get', '/adviezen/:id/brief.html', 'user', async (c) => letterResponse(c, (await dossierFor(c, 'viewLetter')).row, 'html'));
  webRoute(app, 'get', '/adviezen/:id/brief.pdf', 'user', async (c) => letterResponse(c, (await dossierFor(c, 'viewLetter')).row, 'pdf', { download: true }));
}

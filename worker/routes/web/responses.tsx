/** Staff actions on one dossier: answering per item, requesting approval, review, signing, sending. */
import type { Context } from 'hono';
import type { AppEnv, UserPrincipal } from '../../context';
import { fieldErrors } from '../../../schema/zod';
import { responseInputShape, returnInputShape } from '../../../schema/advice';
import { getDossier } from '../../services/dossier-read';
import { requestApproval, returnAdvice, saveResponse } from '../../services/responses';
import { approveAdvice } from '../../services/approval';
import { signLetter } from '../../services/letter';
import { mailContext } from '../../services/mail-context';
import { sendAdvice } from '../../services/send-letter';
import { retryDelivery } from '../../services/dossier-mails';
import { letterResponse, verifyUrl } from '../letter';
import { AppError, notFound } from '../../errors';
import type { ItemFormState } from '../../../web/pages/dossier-answer';
import { formText, serviceFieldErrors } from './forms';
import { seeOther } from './render';
import { webRoute, type WebApp } from './route';
import { staffDossierPage, type Extra } from './dossier-page';
import { signConfirmPage, verifySigningAssertion } from './signing';

type C = Context<AppEnv>;

const signedInUser = (c: C) => c.var.principal as UserPrincipal;

/** The dossier as it is now (after a refused write), shown again with what the user typed. */
async function pageAgain(c: C, extra: Extra) {
  const fresh = await getDossier(c.var.db, c.var.advice.id);
  if (!fresh) throw notFound();
  return staffDossierPage(c, { ...fresh, p: signedInUser(c) }, extra);
}

async function saveItem(c: C) {
  const itemId = c.req.param('itemId') ?? '';
  const body = await c.req.parseBody();
  const values = { itemId, status: formText(body, 'status'), text: formText(body, 'text') };
  const version = Number(formText(body, 'version'));
  const parsed = responseInputShape.safeParse({ text: values.text, status: values.status || undefined, version: Number.isInteger(version) ? version : -1 });
  if (!parsed.success) return pageAgain(c, { itemState: { ...values, errors: fieldErrors(parsed.error) }, status: 422 });
  try {
    await saveResponse(c.var.db, signedInUser(c), c.var.advice, itemId, parsed.data);
  } catch (err) {
    if (!(err instanceof AppError) || (err.status !== 409 && err.status !== 422)) throw err;
    if (err.status === 409 && err.extra.current) {
      // Someone saved a newer version: show it beside the official's own text, which stays in the form.
      const current = err.extra.current as NonNullable<ItemFormState['conflict']>;
      return pageAgain(c, { itemState: { ...values, errors: [], conflict: current }, status: 409 });
    }
    const errors = serviceFieldErrors(err);
    if (errors) return pageAgain(c, { itemState: { ...values, errors }, status: err.status });
    return pageAgain(c, { itemState: { ...values, errors: [], message: err.detail }, status: err.status });
  }
  return seeOther(c, `/adviezen/${c.var.advice.id}?opgeslagen=${encodeURIComponent(itemId)}#item-${itemId}`);
}

export function registerResponseWebRoutes(app: WebApp) {
  webRoute(app, 'post', '/adviezen/:id/reacties/:itemId', { policy: 'user', load: 'advice', action: 'respond' }, saveItem);

  webRoute(app, 'post', '/adviezen/:id/goedkeuring', { policy: 'user', load: 'dossier', action: 'requestApproval' }, async (c) => {
    const found = { row: c.var.advice, dossier: c.var.dossier, p: signedInUser(c) };
    try {
      await requestApproval(c.var.db, found.p, found.row, mailContext(c.env, c.req.url));
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

  webRoute(app, 'post', '/adviezen/:id/terugsturen', { policy: 'user', load: 'advice', action: 'return' }, async (c) => {
    const comment = formText(await c.req.parseBody(), 'comment');
    const parsed = returnInputShape.safeParse({ comment });
    if (!parsed.success) return pageAgain(c, { comment, commentErrors: fieldErrors(parsed.error), status: 422 });
    await returnAdvice(c.var.db, signedInUser(c), c.var.advice, parsed.data.comment, mailContext(c.env, c.req.url));
    return seeOther(c, `/adviezen/${c.var.advice.id}?teruggestuurd`);
  });

  // What is signed, with a passkey challenge bound to this dossier and its content hash.
  webRoute(app, 'get', '/adviezen/:id/ondertekenen', { policy: 'user', load: 'advice', action: 'approve' }, signConfirmPage);

  webRoute(app, 'post', '/adviezen/:id/ondertekenen', { policy: 'user', load: 'advice', action: 'approve' }, async (c) => {
    // Nothing is signed without a fresh passkey assertion for this dossier and the content shown.
    const asserted = await verifySigningAssertion(c);
    if ('refused' in asserted) return asserted.refused;
    const row = c.var.advice;
    await approveAdvice(c.var.db, signedInUser(c), row, (snapshot) => signLetter(c.env, snapshot, { verifyUrl: verifyUrl(c) }), mailContext(c.env, c.req.url), {
      contentHash: asserted.contentHash,
      credentialId: asserted.credentialId,
    });
    return seeOther(c, `/adviezen/${row.id}?ondertekend`);
  });

  webRoute(app, 'post', '/adviezen/:id/verzenden', { policy: 'user', load: 'advice', action: 'send' }, async (c) => {
    await sendAdvice(c.var.db, c.env.DOCUMENTS, mailContext(c.env, c.req.url), signedInUser(c), c.var.advice);
    return seeOther(c, `/adviezen/${c.var.advice.id}?verzonden`);
  });

  webRoute(app, 'post', '/adviezen/:id/verzending/:mailId/opnieuw', { policy: 'user', load: 'advice', action: 'retryDelivery' }, async (c) => {
    await retryDelivery(c.var.db, signedInUser(c), c.var.advice, c.req.param('mailId') ?? '', Date.now());
    return seeOther(c, `/adviezen/${c.var.advice.id}?opnieuw#delivery-title`);
  });

  // The letter as the API serves it (routes/letter.ts); the PDF as a download.
  const viewLetter = { policy: 'user', load: 'advice', action: 'viewLetter' } as const;
  webRoute(app, 'get', '/adviezen/:id/brief.html', viewLetter, (c) => letterResponse(c, c.var.advice, 'html'));
  webRoute(app, 'get', '/adviezen/:id/brief.pdf', viewLetter, (c) => letterResponse(c, c.var.advice, 'pdf', { download: true }));
}

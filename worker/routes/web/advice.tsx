/** Council pages: the council's dossiers, writing an advice, the preview, submitting, the answer. */
import type { Context } from 'hono';
import type { ZodError } from 'zod';
import type { AppEnv, UserPrincipal } from '../../context';
import { fieldErrors } from '../../app';
import { adviceInputShape, type Dossier } from '../../../schema/advice';
import { nl } from '../../../schema/i18n/nl';
import * as service from '../../services/advice';
import { authorizeAdvice, isCouncilRole, may, type AdviceAction } from '../../policy';
import { forbidden, notFound } from '../../errors';
import { AdviceFormPage, type AdviceFormValues } from '../../../web/pages/advice-form';
import { CouncilDossierPage, CouncilListPage, SubmitConfirmPage } from '../../../web/pages/advice-council';
import type { FieldError } from '../../../web/components/form';
import { applyItemAction, emptyValues, toAdviceInput, valuesFromDossier, valuesFromForm } from './advice-form';
import { formText, serviceFieldErrors } from './forms';
import { chrome, page, seeOther } from './render';
import { webRoute, type WebApp } from './route';
import { takeDossier } from '../../speculative';
import { staffDossierPage } from './responses';
import { mailContext } from '../../services/mail-context';
import { inboxPage } from './inbox';

type C = Context<AppEnv>;

export const signedInUser = (c: C) => c.var.principal as UserPrincipal;

/** Loads a dossier for an action on it: 404 unless the caller may know it, 403 unless the role may act. */
export async function dossierFor(c: C, action: AdviceAction) {
  const id = c.req.param('id') ?? '';
  // Usually read along with the session (speculative.ts); the same checks apply.
  const found = takeDossier(c, id) ?? (await service.getDossier(c.var.db, id));
  if (!found) throw notFound();
  const p = authorizeAdvice(c.var.principal, found.row, action);
  return { row: found.row, dossier: found.dossier, p, itemsFragment: found.itemsFragment };
}

function councilName(c: C) {
  return c.var.session?.councilName ?? '';
}

function formPage(c: C, values: AdviceFormValues, errors: FieldError[], opts: { adviceId?: string; notice?: string | null; status?: number }) {
  return page(
    c,
    <AdviceFormPage chrome={chrome(c)} adviceId={opts.adviceId} councilName={councilName(c)} values={values} errors={errors} notice={opts.notice} />,
    opts.status ?? (errors.length ? 422 : 200),
  );
}

/**
 * One POST of the advice form: an item button re-renders the form; save/preview validate with the
 * API's shape and call the API's service.
 */
async function postAdviceForm(c: C, existing: { row: service.AdviceRow } | null) {
  const p = signedInUser(c);
  const body = await c.req.parseBody();
  const values = valuesFromForm(body);
  const action = formText(body, 'action') || 'save';
  const adviceId = existing?.row.id;

  const itemAction = applyItemAction(values, action);
  if (itemAction) return formPage(c, itemAction.values, [], { adviceId, notice: itemAction.notice });

  const parsed = adviceInputShape.safeParse(toAdviceInput(values, p.councilId ?? ''));
  if (!parsed.success) return formPage(c, values, fieldErrors(parsed.error as ZodError), { adviceId });
  let id: string;
  try {
    id = existing ? (await service.updateAdvice(c.var.db, p, existing.row, parsed.data)).id : (await service.createAdvice(c.var.db, p, parsed.data)).id;
  } catch (err) {
    const errors = serviceFieldErrors(err);
    if (errors) return formPage(c, values, errors, { adviceId });
    throw err;
  }
  return seeOther(c, action === 'preview' ? `/adviezen/${id}` : `/adviezen/${id}/bewerken?opgeslagen`);
}

export function registerAdviceWebRoutes(app: WebApp) {
  webRoute(app, 'get', '/adviezen', 'user', async (c) => {
    const p = signedInUser(c);
    if (!isCouncilRole(p)) return inboxPage(c);
    const items = await service.listAdvice(c.var.db, p, p.orgSlug, null);
    return page(c, <CouncilListPage chrome={chrome(c)} councilName={councilName(c)} items={items} />);
  });

  webRoute(app, 'get', '/adviezen/nieuw', 'user', async (c) => {
    if (!isCouncilRole(signedInUser(c))) throw forbidden();
    return formPage(c, emptyValues(), [], {});
  });

  webRoute(app, 'post', '/adviezen/nieuw', 'user', async (c) => {
    if (!isCouncilRole(signedInUser(c))) throw forbidden();
    return postAdviceForm(c, null);
  });

  webRoute(app, 'get', '/adviezen/:id/bewerken', 'user', async (c) => {
    const { dossier } = await dossierFor(c, 'edit');
    if (dossier.status !== 'draft') return seeOther(c, `/adviezen/${dossier.id}`);
    return formPage(c, valuesFromDossier(dossier), [], { adviceId: dossier.id, notice: c.req.query('opgeslagen') !== undefined ? nl.web.advice.saved : null });
  });

  webRoute(app, 'post', '/adviezen/:id/bewerken', 'user', async (c) => {
    const found = await dossierFor(c, 'edit');
    return postAdviceForm(c, found);
  });

  webRoute(app, 'get', '/adviezen/:id', 'user', async (c) => {
    const found = await dossierFor(c, 'view');
    if (!isCouncilRole(found.p)) return staffDossierPage(c, found);
    return councilDossierPage(c, found.p, found.row, found.dossier);
  });

  webRoute(app, 'get', '/adviezen/:id/indienen', 'user', async (c) => {
    const { dossier } = await dossierFor(c, 'submit');
    if (dossier.status !== 'draft') return seeOther(c, `/adviezen/${dossier.id}`);
    return page(c, <SubmitConfirmPage chrome={chrome(c)} dossier={dossier} orgName={c.var.session?.orgName ?? ''} />);
  });

  webRoute(app, 'post', '/adviezen/:id/indienen', 'user', async (c) => {
    const { row, p } = await dossierFor(c, 'submit');
    await service.submitAdvice(c.var.db, p, row, mailContext(c.env, c.req.url));
    return seeOther(c, `/adviezen/${row.id}?ingediend`);
  });
}

function councilDossierPage(c: C, p: UserPrincipal, row: service.AdviceRow, dossier: Dossier) {
  return page(
    c,
    <CouncilDossierPage
      chrome={chrome(c)}
      dossier={dossier}
      canEdit={may(p, row, 'edit') && dossier.status === 'draft'}
      canSubmit={may(p, row, 'submit') && dossier.status === 'draft'}
      justSubmitted={c.req.query('ingediend') !== undefined}
    />,
  );
}

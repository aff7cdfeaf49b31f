/** Council pages: the council's dossiers, writing an advice, the preview, submitting, the answer. */
import type { Context } from 'hono';
import type { AppEnv, UserPrincipal } from '../../context';
import { fieldErrors } from '../../../schema/zod';
import { adviceInputShape, type Dossier } from '../../../schema/advice';
import { nl } from '../../../schema/i18n/nl';
import type { AdviceRow } from '../../../schema/advice';
import { createAdvice, submitAdvice, updateAdvice } from '../../services/advice-drafts';
import { listAdvicePage } from '../../services/advice-list';
import { isCouncilRole, may } from '../../policy';
import { forbidden } from '../../errors';
import { AdviceFormPage, type AdviceFormValues } from '../../../web/pages/advice-form';
import { CouncilDossierPage, CouncilListPage, SubmitConfirmPage } from '../../../web/pages/advice-council';
import type { FieldError } from '../../../web/components/form';
import { applyItemAction, emptyValues, toAdviceInput, valuesFromDossier, valuesFromForm } from './advice-form';
import { formText, serviceFieldErrors } from './forms';
import { chrome, page, seeOther } from './render';
import { webRoute, type WebApp } from './route';
import { staffDossierPage } from './dossier-page';
import { mailContext } from '../../services/mail-context';
import { councilDraft } from './imports';
import { firstPageIfStale, inboxPage, pageRequest } from './inbox';
import { todayInAmsterdam } from '../../../schema/dates';

type C = Context<AppEnv>;

const signedInUser = (c: C) => c.var.principal as UserPrincipal;

function councilName(c: C) {
  return c.var.session?.councilName ?? '';
}

type FormSource = { id: string; name: string; warnings: string[] };

function formPage(c: C, values: AdviceFormValues, errors: FieldError[], opts: { adviceId?: string; notice?: string | null; status?: number; source?: FormSource }) {
  return page(
    c,
    <AdviceFormPage chrome={chrome(c)} adviceId={opts.adviceId} councilName={councilName(c)} values={values} errors={errors} notice={opts.notice} source={opts.source} />,
    opts.status ?? (errors.length ? 422 : 200),
  );
}

/**
 * One POST of the advice form: an item button re-renders the form; save/preview validate with the
 * API's shape and call the API's service.
 */
async function postAdviceForm(c: C, existing: AdviceRow | null) {
  const p = signedInUser(c);
  const body = await c.req.parseBody();
  const values = valuesFromForm(body);
  const action = formText(body, 'action') || 'save';
  const adviceId = existing?.id;
  // A new advice written from the member's own document names it (issue 14).
  const importId = existing ? '' : formText(body, 'importId');
  const source = importId ? (await councilDraft(c, importId)).source : undefined;

  const itemAction = applyItemAction(values, action);
  if (itemAction) return formPage(c, itemAction.values, [], { adviceId, notice: itemAction.notice, source });

  const parsed = adviceInputShape.safeParse(toAdviceInput(values, p.councilId ?? ''));
  if (!parsed.success) return formPage(c, values, fieldErrors(parsed.error), { adviceId, source });
  let id: string;
  try {
    id = existing
      ? (await updateAdvice(c.var.db, p, existing, parsed.data)).id
      : (await createAdvice(c.var.db, p, { ...parsed.data, ...(importId ? { importId } : {}) })).id;
  } catch (err) {
    const errors = serviceFieldErrors(err);
    if (errors) return formPage(c, values, errors, { adviceId, source });
    throw err;
  }
  return seeOther(c, action === 'preview' ? `/adviezen/${id}` : `/adviezen/${id}/bewerken?opgeslagen`);
}

export function registerAdviceWebRoutes(app: WebApp) {
  webRoute(app, 'get', '/adviezen', 'user', async (c) => {
    const p = signedInUser(c);
    if (!isCouncilRole(p)) return inboxPage(c);
    const req = pageRequest(c);
    const list = await firstPageIfStale(req, (r) => listAdvicePage(c.var.db, p, p.orgSlug, { statuses: null }, r));
    return page(c, <CouncilListPage chrome={chrome(c)} councilName={councilName(c)} items={list.items} next={list.next} paged={req.cursor !== null} today={todayInAmsterdam()} />);
  });

  webRoute(app, 'get', '/adviezen/nieuw', 'user', async (c) => {
    if (!isCouncilRole(signedInUser(c))) throw forbidden();
    // Started from the member's own document: the form filled with its proposal.
    const document = c.req.query('document');
    if (document) {
      const { values, source } = await councilDraft(c, document);
      return formPage(c, values, [], { source });
    }
    return formPage(c, emptyValues(), [], {});
  });

  webRoute(app, 'post', '/adviezen/nieuw', 'user', async (c) => {
    if (!isCouncilRole(signedInUser(c))) throw forbidden();
    return postAdviceForm(c, null);
  });

  webRoute(app, 'get', '/adviezen/:id/bewerken', { policy: 'user', load: 'dossier', action: 'edit' }, async (c) => {
    const dossier = c.var.dossier;
    if (dossier.status !== 'draft') return seeOther(c, `/adviezen/${dossier.id}`);
    return formPage(c, valuesFromDossier(dossier), [], { adviceId: dossier.id, notice: c.req.query('opgeslagen') !== undefined ? nl.web.advice.saved : null });
  });

  webRoute(app, 'post', '/adviezen/:id/bewerken', { policy: 'user', load: 'advice', action: 'edit' }, (c) => postAdviceForm(c, c.var.advice));

  webRoute(app, 'get', '/adviezen/:id', { policy: 'user', load: 'dossier', action: 'view' }, async (c) => {
    const p = signedInUser(c);
    if (!isCouncilRole(p)) return staffDossierPage(c, { row: c.var.advice, dossier: c.var.dossier, p });
    return councilDossierPage(c, p, c.var.advice, c.var.dossier);
  });

  webRoute(app, 'get', '/adviezen/:id/indienen', { policy: 'user', load: 'dossier', action: 'submit' }, async (c) => {
    const dossier = c.var.dossier;
    if (dossier.status !== 'draft') return seeOther(c, `/adviezen/${dossier.id}`);
    return page(c, <SubmitConfirmPage chrome={chrome(c)} dossier={dossier} orgName={c.var.session?.orgName ?? ''} />);
  });

  webRoute(app, 'post', '/adviezen/:id/indienen', { policy: 'user', load: 'advice', action: 'submit' }, async (c) => {
    const row = c.var.advice;
    await submitAdvice(c.var.db, signedInUser(c), row, mailContext(c.env, c.req.url));
    return seeOther(c, `/adviezen/${row.id}?ingediend`);
  });
}

function councilDossierPage(c: C, p: UserPrincipal, row: AdviceRow, dossier: Dossier) {
  return page(
    c,
    <CouncilDossierPage
      chrome={chrome(c)}
      dossier={dossier}
      canEdit={may(p, row, 'edit') && dossier.status === 'draft'}
      canSubmit={may(p, row, 'submit') && dossier.status === 'draft'}
      justSubmitted={c.req.query('ingediend') !== undefined}
      today={todayInAmsterdam()}
    />,
  );
}

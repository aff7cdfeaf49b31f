/**
 * Pages of issue 14: an official registers a received advice (read the letter, check the split
 * beside its text, correct, register); a council member starts the advice form from their own
 * document; the original letter, one click away.
 */
import type { Context } from 'hono';
import type { AppEnv, UserPrincipal } from '../../context';
import { fieldErrors } from '../../../schema/zod';
import { registerInputShape } from '../../../schema/imports';
import { nl } from '../../../schema/i18n/nl';
import { applyCorrection, parseCorrection } from '../../../schema/import/corrections';
import { AppError, forbidden, notFound } from '../../errors';
import { isCouncilRole } from '../../policy';
import { todayInAmsterdam } from '../../../schema/dates';
import { listCouncils } from '../../services/organisations';
import { createImport, importFor, originalHeaders, originalOf, readingOf, sourceOfAdvice, type ImportFile } from '../../services/imports';
import type { ImportRow } from '../../../schema/imports';
import { registerAdvice } from '../../services/registration';
import { mailContext } from '../../services/mail-context';
import { RegisterCheckPage, RegisterUploadPage, type RegisterValues } from '../../../web/pages/register';
import { importName } from '../../../web/components/document-upload';
import { AdviceFormPage, type AdviceFormValues } from '../../../web/pages/advice-form';
import type { FieldError } from '../../../web/components/form';
import { formText, serviceFieldErrors } from './forms';
import { applyItemAction } from './advice-form';
import { adviceValuesFromDraft, registerValuesFromDraft, registerValuesFromForm, toRegisterInput, uploadedFile } from './import-form';
import { chrome, page, seeOther } from './render';
import { webRoute, type WebApp } from './route';

type C = Context<AppEnv>;
const t = nl.imports.web;

const signedIn = (c: C) => c.var.principal as UserPrincipal;

/** Registering is the officials' work; approvers and admins see the dossiers once registered. */
function official(c: C) {
  const p = signedIn(c);
  if (p.role !== 'official') throw forbidden(nl.imports.problems.registerOfficialsOnly);
  return p;
}

/**
 * Reads an uploaded letter; a file the import refuses (type, size, broken) comes back as the
 * message to show beside the upload field.
 */
async function readUpload(c: C, p: UserPrincipal, file: ImportFile | null): Promise<{ id: string } | { error: string; status: number }> {
  if (!file) return { error: t.nothingChosen, status: 422 };
  try {
    return await createImport(c.var.db, c.env.DOCUMENTS, p, file);
  } catch (err) {
    if (err instanceof AppError && [413, 415, 422].includes(err.status)) return { error: err.detail, status: err.status === 413 ? 413 : 422 };
    throw err;
  }
}

/** The original's bytes as a download: its own type, never run by the browser. */
async function serveOriginal(c: C, row: ImportRow) {
  const object = await originalOf(c.env.DOCUMENTS, row);
  return new Response(object.body, { status: 200, headers: originalHeaders(row) });
}

async function checkPage(c: C, p: UserPrincipal, row: ImportRow, values: RegisterValues | null, opts: { errors?: FieldError[]; notice?: string | null; status?: number } = {}) {
  const [reading, councils] = await Promise.all([readingOf(c.env.DOCUMENTS, row), listCouncils(c.var.db, p.orgId)]);
  const shown = values ?? registerValuesFromDraft(reading.draft, councils, todayInAmsterdam());
  const errors = opts.errors ?? [];
  return page(
    c,
    <RegisterCheckPage
      chrome={chrome(c)}
      imported={{ id: row.id, filename: row.filename, contentType: row.contentType, size: row.size }}
      original={reading.original}
      warnings={reading.warnings}
      councils={councils.map((x) => ({ id: x.id, name: x.name }))}
      values={shown}
      errors={errors}
      notice={opts.notice}
    />,
    opts.status ?? (errors.length ? 422 : 200),
  );
}

/** An import that is already a dossier's: the person goes to that dossier. */
const toDossier = (c: C, adviceId: string) => seeOther(c, `/adviezen/${adviceId}?al-geregistreerd`);

async function postCheck(c: C) {
  const p = official(c);
  const row = await importFor(c.var.db, p, c.req.param('importId') ?? '');
  if (row.adviceId) return toDossier(c, row.adviceId);
  const body = await c.req.parseBody();
  const { values, cursors } = registerValuesFromForm(body);
  const action = formText(body, 'action') || 'refresh';

  if (action === 'register') {
    const parsed = registerInputShape.safeParse(toRegisterInput(values, row.id));
    if (!parsed.success) return checkPage(c, p, row, values, { errors: fieldErrors(parsed.error) });
    try {
      const done = await registerAdvice(c.var.db, p, parsed.data, mailContext(c.env, c.req.url));
      return seeOther(c, `/adviezen/${done.id}?geregistreerd`);
    } catch (err) {
      // Registered meanwhile (a second click, a colleague): that dossier is the answer.
      if (err instanceof AppError && err.status === 409) {
        const adviceId = typeof err.extra.adviceId === 'string' ? err.extra.adviceId : (await importFor(c.var.db, p, row.id)).adviceId;
        if (adviceId) return toDossier(c, adviceId);
      }
      const errors = serviceFieldErrors(err);
      if (errors) return checkPage(c, p, row, values, { errors });
      throw err;
    }
  }

  const correction = parseCorrection(action, cursors[Number(action.split(':')[1])] ?? null);
  if (correction) {
    const n = correction.index + 1;
    const result = applyCorrection({ intro: values.intro, items: values.items }, correction);
    const notice = result.done ? t.notices[correction.op](n) : result.reason === 'last' ? t.notices.last : result.reason === 'nowhere' ? t.notices.nowhere : null;
    return checkPage(c, p, row, { ...values, ...result.values }, { notice });
  }
  const added = applyItemAction(values, action);
  if (added && action.startsWith('add:')) return checkPage(c, p, row, { ...values, ...added.values }, { notice: added.notice });
  return checkPage(c, p, row, values);
}

/** The advice form filled from a council member's own document (GET /adviezen/nieuw?document=…). */
export async function councilDraft(c: C, importId: string): Promise<{ values: AdviceFormValues; source: { id: string; name: string; warnings: string[] } }> {
  const p = signedIn(c);
  const row = await importFor(c.var.db, p, importId);
  if (row.uploadedBy !== p.id || row.adviceId) throw notFound();
  const reading = await readingOf(c.env.DOCUMENTS, row);
  return { values: adviceValuesFromDraft(reading.draft, todayInAmsterdam()), source: { id: row.id, name: importName(row), warnings: reading.warnings } };
}

export function registerImportWebRoutes(app: WebApp) {
  webRoute(app, 'get', '/adviezen/registreren', 'user', async (c) => {
    official(c);
    return page(c, <RegisterUploadPage chrome={chrome(c)} />);
  });

  webRoute(app, 'post', '/adviezen/registreren', 'user', async (c) => {
    const p = official(c);
    const body = await c.req.parseBody();
    const read = await readUpload(c, p, await uploadedFile(body));
    if ('error' in read) return page(c, <RegisterUploadPage chrome={chrome(c)} error={read.error} text={formText(body, 'text')} />, read.status);
    return seeOther(c, `/adviezen/registreren/${read.id}`);
  });

  webRoute(app, 'get', '/adviezen/registreren/:importId', 'user', async (c) => {
    const p = official(c);
    const row = await importFor(c.var.db, p, c.req.param('importId') ?? '');
    if (row.adviceId) return toDossier(c, row.adviceId);
    return checkPage(c, p, row, null);
  });

  webRoute(app, 'post', '/adviezen/registreren/:importId', 'user', postCheck);

  // A council member's own document: read it and open the advice form filled with the proposal.
  webRoute(app, 'post', '/adviezen/nieuw/document', 'user', async (c) => {
    const p = signedIn(c);
    if (!isCouncilRole(p)) throw forbidden();
    const body = await c.req.parseBody();
    const read = await readUpload(c, p, await uploadedFile(body));
    if ('error' in read) {
      const today = todayInAmsterdam();
      const values: AdviceFormValues = { title: '', policyDocument: '', kind: 'solicited', letterDate: today, councilReference: '', intro: '', items: [{ kind: 'question', section: '', text: '' }] };
      return page(
        c,
        <AdviceFormPage chrome={chrome(c)} councilName={c.var.session?.councilName ?? ''} values={values} errors={[]} upload={{ error: read.error, text: formText(body, 'text') }} />,
        read.status,
      );
    }
    return seeOther(c, `/adviezen/nieuw?document=${read.id}`);
  });

  // The original of an import: its uploader, officials and approvers (as the API's …/imports/{id}/file).
  webRoute(app, 'get', '/documenten/:importId', 'user', async (c) => serveOriginal(c, await importFor(c.var.db, signedIn(c), c.req.param('importId') ?? '')));

  // A dossier's original letter: everyone who may read the dossier.
  webRoute(app, 'get', '/adviezen/:id/origineel', { policy: 'user', load: 'advice', action: 'view' }, async (c) => {
    const row = await sourceOfAdvice(c.var.db, c.var.advice.id);
    if (!row) throw notFound();
    return serveOriginal(c, row);
  });
}

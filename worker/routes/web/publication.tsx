/** The staff's Woo publication decision on the dossier page: the form's post (the panel: publication-panel.tsx). */
import type { Context } from 'hono';
import type { UserPrincipal } from '../../context';
import { fieldErrors } from '../../../schema/zod';
import { publicationInputShape } from '../../../schema/publication';
import { decidePublication } from '../../services/publication';
import { formText } from './forms';
import { seeOther } from './render';
import { webRoute, type WebApp } from './route';
import { staffDossierPage } from './dossier-page';

/** The panel's form as posted (dossier and consultation pages): the values to show again, and the input checked. */
export function publicationForm(body: Awaited<ReturnType<Context['req']['parseBody']>>) {
  const values = { publish: formText(body, 'publish'), reason: formText(body, 'reason'), ground: formText(body, 'ground') };
  const input =
    values.publish === 'yes'
      ? { publish: true }
      : values.publish === 'no'
        ? { publish: false, reason: values.reason, ...(values.ground ? { ground: values.ground } : {}) }
        : {};
  return { values, parsed: publicationInputShape.safeParse(input) };
}

export function registerPublicationWebRoutes(app: WebApp) {
  webRoute(app, 'post', '/adviezen/:id/openbaarmaking', { policy: 'user', load: 'dossier', action: 'publish' }, async (c) => {
    const found = { row: c.var.advice, dossier: c.var.dossier, p: c.var.principal as UserPrincipal };
    const { values, parsed } = publicationForm(await c.req.parseBody());
    if (!parsed.success) return staffDossierPage(c, found, { publication: { values, errors: fieldErrors(parsed.error) }, status: 422 });
    await decidePublication(c.var.db, found.p, found.row, parsed.data);
    return seeOther(c, `/adviezen/${found.row.id}?openbaarmaking#openbaarmaking`);
  });
}

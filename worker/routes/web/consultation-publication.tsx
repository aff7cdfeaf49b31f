/** The staff's Woo publication decision on the consultation page: the form's post (the panel: publication-panel.tsx). */
import { fieldErrors } from '../../../schema/zod';
import { decideConsultationPublication } from '../../services/consultation-publication';
import { publicationForm } from './publication';
import { seeOther } from './render';
import { webRoute, type WebApp } from './route';
import { foundConsultation } from './consultation-scope';
import { staffPage } from './consultations';

export function registerConsultationPublicationWebRoutes(app: WebApp) {
  webRoute(app, 'post', '/consultaties/:id/openbaarmaking', { policy: 'user', load: 'consultation', action: 'publish' }, async (c) => {
    const found = foundConsultation(c);
    const { values, parsed } = publicationForm(await c.req.parseBody());
    if (!parsed.success) return staffPage(c, found, { publication: { values, errors: fieldErrors(parsed.error) }, status: 422 });
    await decideConsultationPublication(c.var.db, found.p, found.read.scope, parsed.data);
    return seeOther(c, `/consultaties/${found.read.scope.id}?openbaarmaking#openbaarmaking`);
  });
}

/**
 * The Woo publication panel of the staff's dossier pages (its form posts to routes/web/publication.tsx)
 * and consultation pages (routes/web/consultation-publication.tsx).
 */
import type { Context } from 'hono';
import type { AppEnv, UserPrincipal } from '../../context';
import { nl } from '../../../schema/i18n/nl';
import { may, mayOnConsultation } from '../../policy';
import { publicationView } from '../../services/publication';
import type { AdviceRow } from '../../../schema/advice';
import type { ConsultationScope } from '../../../schema/consultations';
import { PublicationPanel } from '../../../web/components/publication-panel';
import type { FieldError } from '../../../schema/zod';

export type PanelState = { values: { publish: string; reason: string; ground: string }; errors: FieldError[] };

/** The panel for a staff dossier page, from the dossier row as read (no extra query). */
export function publicationPanel(c: Context<AppEnv>, found: { row: AdviceRow; p: UserPrincipal }, state?: PanelState) {
  const { row, p } = found;
  const view = publicationView(row);
  return (
    <PublicationPanel
      action={`/adviezen/${row.id}/openbaarmaking`}
      view={view}
      publicUrl={view.public ? `/openbaar/${encodeURIComponent(p.orgSlug)}/${encodeURIComponent(row.id)}` : null}
      canDecide={may(p, row, 'publish')}
      values={state?.values}
      errors={state?.errors}
      notice={c.req.query('openbaarmaking') !== undefined ? nl.publication.panel.saved : null}
    />
  );
}


/** The panel for a staff consultation page, from the consultation row as read (no extra query). */
export function consultationPublicationPanel(c: Context<AppEnv>, found: { scope: ConsultationScope; p: UserPrincipal }, state?: PanelState) {
  const { scope, p } = found;
  const view = publicationView(scope);
  return (
    <PublicationPanel
      action={`/consultaties/${scope.id}/openbaarmaking`}
      subject="list"
      view={view}
      publicUrl={view.public ? `/openbaar/${encodeURIComponent(p.orgSlug)}/consultaties/${encodeURIComponent(scope.id)}` : null}
      canDecide={mayOnConsultation(p, scope, 'publish')}
      values={state?.values}
      errors={state?.errors}
      notice={c.req.query('openbaarmaking') !== undefined ? nl.publication.panel.saved : null}
    />
  );
}

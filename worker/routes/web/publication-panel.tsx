/** The Woo publication panel of the staff's dossier pages (its form posts to routes/web/publication.tsx). */
import type { Context } from 'hono';
import type { AppEnv, UserPrincipal } from '../../context';
import { nl } from '../../../schema/i18n/nl';
import { may } from '../../policy';
import { publicationView } from '../../services/publication';
import type { AdviceRow } from '../../../schema/advice';
import { PublicationPanel } from '../../../web/components/publication-panel';
import type { FieldError } from '../../../schema/zod';

export type PanelState = { values: { publish: string; reason: string; ground: string }; errors: FieldError[] };

/** The panel for a staff dossier page, from the dossier row as read (no extra query). */
export function publicationPanel(c: Context<AppEnv>, found: { row: AdviceRow; p: UserPrincipal }, state?: PanelState) {
  const { row, p } = found;
  const view = publicationView(row);
  return (
    <PublicationPanel
      adviceId={row.id}
      status={row.status}
      view={view}
      publicUrl={view.public ? `/openbaar/${encodeURIComponent(p.orgSlug)}/${encodeURIComponent(row.id)}` : null}
      canDecide={may(p, row, 'publish')}
      values={state?.values}
      errors={state?.errors}
      notice={c.req.query('openbaarmaking') !== undefined ? nl.publication.panel.saved : null}
    />
  );
}


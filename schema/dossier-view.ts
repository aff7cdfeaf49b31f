import type { AdviceStatus, Dossier } from './advice';
import { COUNCIL_ROLES, type Role } from './users';

/**
 * Whether a role reads the municipality's draft of the answer (the items' responses, with their
 * writers and versions, and the approver's comment when returning it) in this state. Council
 * members and secretaries read the answer once it has been sent to them, never a draft: the letter
 * and the web page have always waited until `sent`; this rule holds the same for every surface.
 */
export const readsDraftAnswer = (role: Role, status: AdviceStatus) => !COUNCIL_ROLES.includes(role) || status === 'sent';

/**
 * The dossier as this role may read it: for council roles before `sent`, every `response` and the
 * `returnComment` are null. The one redaction rule of the API, the pages and the mails.
 */
export function visibleDossier<D extends Pick<Dossier, 'status' | 'returnComment' | 'items'>>(dossier: D, role: Role): D {
  if (readsDraftAnswer(role, dossier.status)) return dossier;
  return { ...dossier, returnComment: null, items: dossier.items.map((item) => ({ ...item, response: null })) };
}

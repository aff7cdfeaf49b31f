import type { WooGround } from './woo-grounds';

/** What was decided about a dossier's publication, by whom and when (the `advice.publication` column). */
export type PublicationDecision = {
  publish: boolean;
  /** Why it is withheld (required then); null when published. */
  reason: string | null;
  ground: WooGround | null;
  decidedBy: { id: string; name: string };
  decidedAt: string;
};

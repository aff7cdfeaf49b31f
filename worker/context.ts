import type { Env } from './env';
import type { Db } from './db';
import type { Role } from '../schema/users';

export type UserPrincipal = {
  kind: 'user';
  id: string;
  name: string;
  email: string;
  role: Role;
  orgId: string;
  orgSlug: string;
  councilId: string | null;
  via: 'token' | 'session';
  /** The API token the request came with (via: 'token'): what a signing records. */
  tokenId?: string;
};
export type Principal = { kind: 'platform' } | UserPrincipal;

export type WebSession = {
  idHash: string;
  orgName: string;
  theme: import('../schema/organisations').Theme;
  councilName: string | null;
};

export type AppEnv = {
  Bindings: Env;
  Variables: {
    db: Db;
    principal: Principal | null;
    /** What the route declared it loads (routing.ts), read with the credential; unset for routes that load nothing. */
    loaded?: import('../schema/loads').Loaded;
    /** The advice row of a route on one dossier, after the policy allowed the route's action on it. */
    advice: import('../schema/advice').AdviceRow;
    /** The whole dossier, for routes that load it. */
    dossier: import('../schema/advice').Dossier;
    /** The consultation of a route on one consultation, after the policy allowed the route's action on it. */
    consultation: import('../schema/consultations').ConsultationScope;
    /** The whole consultation, for routes that load it. */
    consultationRead: import('../schema/consultations').ConsultationRead;
    cspNonce: string;
    /**
     * What the idempotency store keeps of this answer instead of its body: set by a route whose
     * answer carries a secret (a new API token), which must never be stored.
     */
    storedAnswer?: string;
    /** The web session behind the principal (web pages only), with what the page chrome shows. */
    session: WebSession | null;
    /** The request carried a session that has just timed out (the sign-in page says so). */
    sessionExpired: boolean;
    /**
     * A session of an approver or admin that still owes its passkey step (register a first
     * passkey, or assert one). Such a session has no principal: it reaches the passkey pages only.
     */
    pendingPasskey: { user: UserPrincipal; session: WebSession; step: 'register' | 'assert' } | null;
  };
};

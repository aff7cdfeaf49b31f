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
    /** Set by adviceScope for routes on one dossier. */
    dossier: import('./services/advice').AdviceRow;
    cspNonce: string;
    /** The web session behind the principal (web pages only), with what the page chrome shows. */
    session: WebSession | null;
    /** The request carried a session that has just timed out (the sign-in page says so). */
    sessionExpired: boolean;
  };
};

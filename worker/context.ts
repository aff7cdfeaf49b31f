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

export type AppEnv = {
  Bindings: Env;
  Variables: {
    db: Db;
    principal: Principal | null;
    /** Set by adviceScope for routes on one dossier. */
    dossier: import('./services/advice').AdviceRow;
    cspNonce: string;
  };
};

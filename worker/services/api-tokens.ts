/** Resolving an API token (stored as its SHA-256) to the user behind it. */
import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../db';
import type { UserPrincipal } from '../context';
import { apiTokens, users } from '../../schema/users';
import { organisations } from '../../schema/organisations';
import { nowIso } from '../../schema/dates';

const usable = (hash: string, now: string) =>
  and(eq(apiTokens.tokenHash, hash), isNull(apiTokens.revokedAt), isNull(users.disabledAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)));

/** The user behind a token's hash, if the token is usable (not revoked or expired, the user not blocked). */
export function tokenQuery(db: Db, hash: string, now = nowIso()) {
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      orgId: users.orgId,
      orgSlug: organisations.slug,
      councilId: users.councilId,
      // Aliased: D1 returns rows keyed by column name, and a second `id` would overwrite the user's.
      tokenId: sql<string>`${apiTokens.id}`.as('token_id'),
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(usable(hash, now))
    .limit(1);
}

/** The organisation of a usable token, as a subquery: what a read in the same batch may see (dossier-read.ts Scope). */
export function tokenScope(db: Db, hash: string, now = nowIso()) {
  return db
    .select({ orgId: users.orgId })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(usable(hash, now));
}

export const tokenPrincipal = (row: Awaited<ReturnType<typeof tokenQuery>>[number] | undefined): UserPrincipal | null =>
  row ? { kind: 'user', ...row, via: 'token' } : null;

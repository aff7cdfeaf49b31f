/**
 * API tokens: issued (shown once, stored as SHA-256), listed without their secret, revoked. Who may
 * issue one for whom is policy.ts's mayIssueTokenFor; approvers and admins issue their own right
 * after a passkey assertion (worker/routes/web/own-tokens.tsx).
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import { runBatch, type Statements } from '../db';
import type { Principal, UserPrincipal } from '../context';
import { apiTokens } from '../../schema/users';
import { newId, randomToken, sha256Hex } from '../lib/crypto';
import { addDays, nowIso } from '../../schema/dates';
import { notFound } from '../errors';
import { auditStatement } from './audit';

type Statement = Statements[number];

/** A new token for `userId`: its secret (shown once), its row and audit statement for one batch. */
export async function newToken(
  db: Db,
  actor: Principal,
  user: { id: string; orgId: string },
  expiresInDays: number | undefined,
  detail: Record<string, unknown> = {},
) {
  const token = randomToken('ww_');
  const id = newId();
  const expiresAt = expiresInDays ? `${addDays(nowIso().slice(0, 10), expiresInDays)}T00:00:00.000Z` : null;
  const statements: Statement[] = [
    db.insert(apiTokens).values({ id, userId: user.id, tokenHash: await sha256Hex(token), createdAt: nowIso(), expiresAt }),
    auditStatement(db, { orgId: user.orgId, actor, action: 'token.create', entity: 'user', entityId: user.id, detail: { tokenId: id, ...detail } }),
  ];
  return { id, token, expiresAt, statements };
}

/**
 * An approver or admin issues their own token. `assertion` is the passkey assertion the request
 * carried (purpose `token`, verified by the route): its counter update joins the batch, its
 * credential is recorded with the token.
 */
export async function issueOwnToken(db: Db, p: UserPrincipal, expiresInDays: number | undefined, assertion: { credentialId: string; touch: Statement }) {
  const created = await newToken(db, p, p, expiresInDays, { issuedWith: 'passkey', credentialId: assertion.credentialId });
  await runBatch(db, [assertion.touch, ...created.statements]);
  return { id: created.id, token: created.token, expiresAt: created.expiresAt };
}

/** A user's tokens, newest first, without their secret. */
export async function listTokens(db: Db, userId: string) {
  return db
    .select({ id: apiTokens.id, createdAt: apiTokens.createdAt, expiresAt: apiTokens.expiresAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt));
}

/** Revokes one of the user's own tokens (404 for anyone else's). */
export async function revokeOwnToken(db: Db, p: UserPrincipal, tokenId: string) {
  const [row] = await db.select().from(apiTokens).where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, p.id)));
  if (!row) throw notFound();
  if (row.revokedAt) return;
  await runBatch(db, [
    db.update(apiTokens).set({ revokedAt: nowIso() }).where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt))),
    auditStatement(db, { orgId: p.orgId, actor: p, action: 'token.revoke', entity: 'user', entityId: p.id, detail: { tokenId } }),
  ]);
}

/**
 * When a user's role changes: every token they hold is revoked (a token acts with the user's role,
 * and must not outlive the role it was issued for), with an audit row per token. Statements for
 * the batch of the change itself.
 */
export async function revokeAllStatements(db: Db, actor: Principal, user: { id: string; orgId: string }, reason: string): Promise<Statement[]> {
  const active = await db
    .select({ id: apiTokens.id })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, user.id), isNull(apiTokens.revokedAt)));
  if (!active.length) return [];
  return [
    db.update(apiTokens).set({ revokedAt: nowIso() }).where(and(eq(apiTokens.userId, user.id), isNull(apiTokens.revokedAt))),
    ...active.map((t) => auditStatement(db, { orgId: user.orgId, actor, action: 'token.revoke', entity: 'user', entityId: user.id, detail: { tokenId: t.id, reason } })),
  ];
}

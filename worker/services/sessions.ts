/**
 * Web sign-in by e-mail link and the sessions behind it.
 *
 * Login tokens and session ids are random 256-bit secrets; only their SHA-256 is stored, so a
 * copy of the database signs nobody in. A login token is spent by one conditional UPDATE, so two
 * clicks on the same link cannot both win.
 */
import { and, asc, eq, gt, inArray, isNull, lt, notInArray, or, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { runBatch, type Statements } from '../db';
import type { UserPrincipal, WebSession } from '../context';
import { loginTokens, passkeys, rateLimits, sessions, users, type Role } from '../../schema/users';
import { councils, organisations } from '../../schema/organisations';
import { randomToken, sha256Hex } from '../lib/crypto';
import { outboxStatement } from './mail-queue';
import { auditStatement } from './audit';
import { needsPasskey, PASSKEY_ROLES } from '../policy';
import type { Scope } from './dossier-read';

export const LOGIN_TOKEN_MS = 10 * 60 * 1000;
export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** lastSeenAt is written at most once a minute: enough for a 30-minute idle limit, and one write less per page. */
const TOUCH_AFTER_MS = 60 * 1000;

export const RATE_WINDOW_MS = 15 * 60 * 1000;
export const RATE_PER_ADDRESS = 5;
export const RATE_PER_CLIENT = 30;

/**
 * Counts one attempt in a fixed window and says whether it is within `limit`. One statement, so
 * concurrent attempts are all counted.
 */
export async function hitRateLimit(db: Db, key: string, limit: number, windowMs: number, now: number): Promise<boolean> {
  const windowStart = now - (now % windowMs);
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`CASE WHEN ${rateLimits.windowStart} = ${windowStart} THEN ${rateLimits.count} + 1 ELSE 1 END`,
        windowStart: sql`${windowStart}`,
      },
    })
    .returning({ count: rateLimits.count });
  return row.count <= limit;
}

export type SignInLink = { url: string; orgName: string; role: Role; userName: string };
export type SignInMail = { subject: string; html: string; text: string };

/**
 * Queues a mail with a sign-in link for every active user with this address (one per
 * organisation); the new link voids that user's unused links. Unknown addresses queue nothing; the
 * caller answers the same either way. Returns false when this client has asked too often, for this
 * address or for any: the address's limit counts per client, so that requests from elsewhere can
 * never lock its owner out.
 *
 * `defer` takes the lookup and the mail (the only work that differs between a known and an unknown
 * address) off the answer's path: the route answers after the same work whatever the address.
 */
export async function requestSignIn(
  db: Db,
  input: { email: string; client: string; baseUrl: string; now: number },
  compose: (links: SignInLink[]) => Promise<SignInMail>,
  defer: (work: Promise<void>) => void = () => undefined,
): Promise<boolean> {
  const { email, client, now } = input;
  const addressOk = await hitRateLimit(db, `signin:address-client:${await sha256Hex(`${email}\n${client}`)}`, RATE_PER_ADDRESS, RATE_WINDOW_MS, now);
  const clientOk = await hitRateLimit(db, `signin:client:${client}`, RATE_PER_CLIENT, RATE_WINDOW_MS, now);
  if (!addressOk || !clientOk) return false;
  defer(mailSignInLinks(db, input, compose));
  return true;
}

/** The sign-in mail for every active user with this address (nothing for an unknown one). */
async function mailSignInLinks(db: Db, input: { email: string; baseUrl: string; now: number }, compose: (links: SignInLink[]) => Promise<SignInMail>) {
  const { email, baseUrl, now } = input;
  const found = await db
    .select({ id: users.id, name: users.name, role: users.role, orgId: users.orgId, orgName: organisations.name })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(and(eq(users.email, email), isNull(users.disabledAt)))
    .orderBy(asc(organisations.name));
  if (found.length === 0) return;

  const tokens = await Promise.all(found.map(async (u) => ({ user: u, token: randomToken(), hash: '' })));
  for (const t of tokens) t.hash = await sha256Hex(t.token);
  const links = tokens.map(({ user, token }) => ({
    url: `${baseUrl}/inloggen/link?token=${encodeURIComponent(token)}`,
    orgName: user.orgName,
    role: user.role,
    userName: user.name,
  }));
  const mail = await compose(links);
  await runBatch(db, [
    // Expired tokens are of no use to anyone: clear them on the way. A new link voids the user's
    // unused ones: only the newest link in the mailbox works.
    db.delete(loginTokens).where(lt(loginTokens.expiresAt, now)),
    db.delete(loginTokens).where(and(inArray(loginTokens.userId, found.map((u) => u.id)), isNull(loginTokens.usedAt))),
    ...tokens.map((t) => db.insert(loginTokens).values({ tokenHash: t.hash, userId: t.user.id, createdAt: now, expiresAt: now + LOGIN_TOKEN_MS })),
    outboxStatement(db, {
      kind: 'sign_in',
      dedupeKey: `sign_in:${tokens[0].hash}`,
      orgId: found.length === 1 ? found[0].orgId : null,
      to: [email],
      ...mail,
    }),
  ]);
}

/** Who a sign-in link is for, without spending it (the page that a GET on the link shows). */
export async function peekLoginToken(db: Db, token: string, now: number) {
  const [row] = await db
    .select({ name: users.name, orgName: organisations.name })
    .from(loginTokens)
    .innerJoin(users, eq(users.id, loginTokens.userId))
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(and(eq(loginTokens.tokenHash, await sha256Hex(token)), isNull(loginTokens.usedAt), gt(loginTokens.expiresAt, now), isNull(users.disabledAt)));
  return row ?? null;
}

/**
 * Spends a sign-in token (once) and returns its user, or null when it is unknown, used or expired.
 * In the same batch the user's other unused links are voided.
 */
export async function spendLoginToken(db: Db, token: string, now: number): Promise<string | null> {
  const hash = await sha256Hex(token);
  const [[row]] = await db.batch([
    db
      .update(loginTokens)
      .set({ usedAt: now })
      .where(and(eq(loginTokens.tokenHash, hash), isNull(loginTokens.usedAt), gt(loginTokens.expiresAt, now)))
      .returning({ userId: loginTokens.userId }),
    // Matches only when the statement before spent this token (its used_at is this moment).
    db
      .delete(loginTokens)
      .where(
        and(
          isNull(loginTokens.usedAt),
          inArray(
            loginTokens.userId,
            db
              .select({ userId: loginTokens.userId })
              .from(loginTokens)
              .where(and(eq(loginTokens.tokenHash, hash), eq(loginTokens.usedAt, now))),
          ),
        ),
      ),
  ]);
  return row?.userId ?? null;
}


/**
 * A new session for the user; the previous one of this browser (if any) ends, so a planted id is
 * worthless. `passkeyVerified` marks a session opened by a passkey ceremony (whose statements come
 * in `extra`, in the same batch).
 */
export async function startSession(db: Db, userId: string, now: number, previousId?: string, opts: { passkeyVerified?: boolean; extra?: Statements; previousHash?: string } = {}) {
  const id = randomToken();
  const [user] = await db.select({ orgId: users.orgId, disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId));
  if (!user || user.disabledAt) return null;
  const passkeyVerified = opts.passkeyVerified ?? false;
  const statements = [
    db.insert(sessions).values({ idHash: await sha256Hex(id), userId, createdAt: now, lastSeenAt: now, expiresAt: now + SESSION_ABSOLUTE_MS, passkeyVerified }),
    db.delete(sessions).where(lt(sessions.expiresAt, now)),
    auditStatement(db, { orgId: user.orgId, actor: null, action: passkeyVerified ? 'session.passkey' : 'session.start', entity: 'user', entityId: userId }),
    ...(opts.extra ?? []),
  ];
  const previousHash = opts.previousHash ?? (previousId ? await sha256Hex(previousId) : undefined);
  if (previousHash) statements.push(db.delete(sessions).where(eq(sessions.idHash, previousHash)));
  await runBatch(db, statements);
  return id;
}

/**
 * The passkey step a session still owes: none (done, or the role needs none), a first passkey to
 * register, or an assertion with an existing one.
 */
export type PasskeyStep = 'none' | 'register' | 'assert';

export type ResumedSession =
  | { kind: 'active'; principal: UserPrincipal; session: WebSession; passkeyStep: PasskeyStep }
  | { kind: 'expired' }
  | { kind: 'none' };

/** The session behind a cookie id's hash, with the user and what the page chrome shows. */
function sessionQuery(db: Db, idHash: string) {
  return db
    // Aliases: D1 answers a batch's rows keyed by column name (dossier-read.ts `named`).
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      orgId: users.orgId,
      orgSlug: organisations.slug,
      orgName: sql<string>`${organisations.name}`.as('org_name'),
      theme: organisations.theme,
      councilId: users.councilId,
      councilName: sql<string | null>`${councils.name}`.as('council_name'),
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      disabledAt: users.disabledAt,
      passkeyVerified: sessions.passkeyVerified,
      hasPasskey: sql<number>`EXISTS (SELECT 1 FROM ${passkeys} WHERE ${passkeys.userId} = ${users.id})`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .leftJoin(councils, eq(councils.id, users.councilId))
    .where(eq(sessions.idHash, idHash));
}

/**
 * The organisation of a session that is active and complete (not idle, not expired, its passkey
 * step done where the role needs one), as a subquery: what a read in the same batch may see.
 */
function sessionScope(db: Db, idHash: string, now: number) {
  return db
    .select({ orgId: users.orgId })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.idHash, idHash),
        isNull(users.disabledAt),
        gt(sessions.expiresAt, now),
        gt(sessions.lastSeenAt, now - SESSION_IDLE_MS),
        or(notInArray(users.role, [...PASSKEY_ROLES]), eq(sessions.passkeyVerified, true)),
      ),
    );
}

/**
 * The session behind a cookie value, ended when it has been idle or alive too long. `alongside`
 * gives statements to run in the same batch as the lookup (the route's declared load), limited to
 * what the session may see; their results come back as `results`.
 */
export async function resumeSession(
  db: Db,
  id: string,
  now: number,
  alongside: (scope: Scope) => Statements = () => [],
): Promise<{ resumed: ResumedSession; results: unknown[] }> {
  const idHash = await sha256Hex(id);
  const [[row], ...results] = (await runBatch(db, [sessionQuery(db, idHash), ...alongside(sessionScope(db, idHash, now))])) as [
    Awaited<ReturnType<typeof sessionQuery>>,
    ...unknown[],
  ];
  if (!row) return { resumed: { kind: 'none' }, results };
  if (row.disabledAt || now >= row.expiresAt || now - row.lastSeenAt >= SESSION_IDLE_MS) {
    await db.delete(sessions).where(eq(sessions.idHash, idHash));
    return { resumed: { kind: 'expired' }, results };
  }
  if (now - row.lastSeenAt >= TOUCH_AFTER_MS) await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash));
  const principal: UserPrincipal = {
    kind: 'user',
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    orgId: row.orgId,
    orgSlug: row.orgSlug,
    councilId: row.councilId,
    via: 'session',
  };
  return {
    resumed: {
      kind: 'active',
      principal,
      session: { idHash, orgName: row.orgName, theme: row.theme, councilName: row.councilName },
      passkeyStep: !needsPasskey(row.role) || row.passkeyVerified ? 'none' : row.hasPasskey ? 'assert' : 'register',
    },
    results,
  };
}

export async function endSession(db: Db, idHash: string) {
  await db.delete(sessions).where(eq(sessions.idHash, idHash));
}

/** Every active user, for the demo sign-in of local development only (the route checks that). */
export async function listDemoUsers(db: Db) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, orgName: organisations.name, councilName: councils.name })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .leftJoin(councils, eq(councils.id, users.councilId))
    .where(isNull(users.disabledAt))
    .orderBy(asc(organisations.name), asc(users.role), asc(users.name));
}

import { createMiddleware } from 'hono/factory';
import type { AppEnv, Principal, UserPrincipal } from '../context';
import { sha256, toHex } from '../lib/crypto';
import { d1Of } from '../db';
import { withSpeculativeReads } from '../speculative';
import { nowIso } from '../lib/dates';
import { unauthorized } from '../errors';
import type { Context } from 'hono';

/** Resolves `Authorization: Bearer …` to a principal (or null); the policies decide what it may do. */
export const bearerAuth = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization');
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  if (header) {
    // Unknown or malformed credentials are 401, never anonymous.
    const principal = match ? await principalForToken(c, match[1]) : null;
    if (!principal) throw unauthorized();
    c.set('principal', principal);
  } else if (!c.get('principal')) c.set('principal', null);
  await next();
});

/** The digest of the platform's ADMIN_TOKEN, computed once per isolate (and per value). */
const adminDigests = new Map<string, Promise<ArrayBuffer>>();

async function principalForToken(c: Context<AppEnv>, token: string): Promise<Principal | null> {
  // The token's digest serves both the constant-time comparison with the admin token's digest
  // and the lookup of API tokens (stored as their SHA-256).
  const digest = await sha256(token);
  const admin = c.env.ADMIN_TOKEN;
  if (admin) {
    let adminDigest = adminDigests.get(admin);
    if (!adminDigest) adminDigests.set(admin, (adminDigest = sha256(admin)));
    if (crypto.subtle.timingSafeEqual(digest, await adminDigest)) return { kind: 'platform' };
  }
  // One round trip: the token's user together with the dossier the request is about (speculative.ts).
  const { results } = await withSpeculativeReads(c, tokenLookup(d1Of(c.var.db), toHex(digest)));
  return principalFromTokenRow(results[0] as TokenRow | undefined);
}

type TokenRow = Omit<UserPrincipal, 'kind' | 'via'> & { expiresAt: string | null };

/** The user behind an API token's hash, if the token is not revoked and the user not disabled. */
function tokenLookup(d1: D1Database, hash: string): D1PreparedStatement {
  return d1
    .prepare(
      `SELECT u.id, u.name, u.email, u.role, u.org_id AS orgId, o.slug AS orgSlug, u.council_id AS councilId, t.expires_at AS expiresAt
       FROM api_tokens t JOIN users u ON u.id = t.user_id JOIN organisations o ON o.id = u.org_id
       WHERE t.token_hash = ?1 AND t.revoked_at IS NULL AND u.disabled_at IS NULL LIMIT 1`,
    )
    .bind(hash);
}

function principalFromTokenRow(row: TokenRow | undefined): UserPrincipal | null {
  if (!row) return null;
  if (row.expiresAt && row.expiresAt <= nowIso()) return null;
  const { expiresAt: _expiresAt, ...user } = row;
  return { kind: 'user', ...user, via: 'token' };
}

import { createMiddleware } from 'hono/factory';
import { and, eq, isNull } from 'drizzle-orm';
import type { AppEnv, Principal } from '../context';
import { sha256Hex, secretsEqual } from '../lib/crypto';
import { apiTokens, users } from '../../schema/users';
import { organisations } from '../../schema/organisations';
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

async function principalForToken(c: Context<AppEnv>, token: string): Promise<Principal | null> {
  if (c.env.ADMIN_TOKEN && (await secretsEqual(token, c.env.ADMIN_TOKEN))) return { kind: 'platform' };
  const hash = await sha256Hex(token);
  const [row] = await c.var.db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      orgId: users.orgId,
      orgSlug: organisations.slug,
      councilId: users.councilId,
      expiresAt: apiTokens.expiresAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(and(eq(apiTokens.tokenHash, hash), isNull(apiTokens.revokedAt), isNull(users.disabledAt)))
    .limit(1);
  if (!row) return null;
  if (row.expiresAt && row.expiresAt <= nowIso()) return null;
  const { expiresAt: _expiresAt, ...user } = row;
  return { kind: 'user', ...user, via: 'token' };
}


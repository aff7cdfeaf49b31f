import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { runBatch } from '../db';
import type { Principal } from '../context';
import { organisations, councils, publicHolidays, type CreateOrganisation, type CreateCouncil, type OrganisationRow, type CouncilRow } from '../../schema/organisations';
export { organisationView, councilView } from '../../schema/organisations';
import { users, apiTokens, COUNCIL_ROLES, type CreateUser } from '../../schema/users';
import { conflict, forbidden, invalid, notFound } from '../errors';
import { newId } from '../lib/crypto';
import { nowIso } from '../../schema/dates';
import { nl } from '../../schema/i18n/nl';
import { auditStatement } from './audit';
import { newToken } from './token-issuance';
import { mayIssueTokenFor } from '../policy';

function isUniqueViolation(err: unknown) {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if (e instanceof Error && /UNIQUE constraint failed/i.test(e.message)) return true;
  }
  return false;
}

export async function createOrganisation(db: Db, actor: Principal, input: CreateOrganisation) {
  const row: OrganisationRow = {
    id: newId(),
    slug: input.slug,
    name: input.name,
    letterhead: input.letterhead,
    signatories: input.signatories,
    signOff: input.signOff,
    contact: input.contact,
    referencePrefix: input.referencePrefix,
    responseDays: input.responseDays,
    theme: input.theme ?? {},
    createdAt: nowIso(),
  };
  try {
    await runBatch(db, [
      db.insert(organisations).values(row),
      auditStatement(db, { orgId: row.id, actor, action: 'organisation.create', entity: 'organisation', entityId: row.id }),
    ]);
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(nl.fields.slugTaken, { errors: [{ path: 'slug', message: nl.fields.slugTaken }] });
    throw err;
  }
  return row;
}

export async function getOrganisationBySlug(db: Db, slug: string) {
  const [org] = await db.select().from(organisations).where(eq(organisations.slug, slug)).limit(1);
  if (!org) throw notFound();
  return org;
}

export async function listOrganisations(db: Db) {
  return db.select().from(organisations).orderBy(organisations.name);
}

export async function updateOrganisation(db: Db, actor: Principal, slug: string, input: Partial<CreateOrganisation>) {
  const org = await getOrganisationBySlug(db, slug);
  const { slug: _ignored, theme, ...rest } = input;
  const next = { ...rest, ...(theme ? { theme: { ...org.theme, ...theme } } : {}) };
  // An empty PATCH changes nothing (drizzle refuses an UPDATE without values).
  if (Object.keys(next).length === 0) return org;
  await runBatch(db, [
    db.update(organisations).set(next).where(eq(organisations.id, org.id)),
    auditStatement(db, { orgId: org.id, actor, action: 'organisation.update', entity: 'organisation', entityId: org.id, detail: { fields: Object.keys(next) } }),
  ]);
  return { ...org, ...next };
}

export async function createCouncil(db: Db, actor: Principal, slug: string, input: CreateCouncil) {
  const org = await getOrganisationBySlug(db, slug);
  const row: CouncilRow = {
    id: newId(),
    orgId: org.id,
    name: input.name,
    salutation: input.salutation || nl.defaultSalutation(input.name),
    recipients: input.recipients,
    addressLines: input.addressLines ?? [],
    createdAt: nowIso(),
  };
  await runBatch(db, [
    db.insert(councils).values(row),
    auditStatement(db, { orgId: org.id, actor, action: 'council.create', entity: 'council', entityId: row.id }),
  ]);
  return row;
}

export async function updateCouncil(db: Db, actor: Principal, slug: string, councilId: string, input: Partial<CreateCouncil>) {
  const org = await getOrganisationBySlug(db, slug);
  const [council] = await db.select().from(councils).where(and(eq(councils.id, councilId), eq(councils.orgId, org.id)));
  if (!council) throw notFound();
  const next = { ...input, salutation: input.salutation || council.salutation };
  await runBatch(db, [
    db.update(councils).set(next).where(eq(councils.id, council.id)),
    auditStatement(db, { orgId: org.id, actor, action: 'council.update', entity: 'council', entityId: council.id }),
  ]);
  return { ...council, ...next };
}

export async function listCouncils(db: Db, orgId: string) {
  return db.select().from(councils).where(eq(councils.orgId, orgId)).orderBy(councils.name);
}

export async function createUser(db: Db, actor: Principal, slug: string, input: CreateUser) {
  const org = await getOrganisationBySlug(db, slug);
  const councilRole = COUNCIL_ROLES.includes(input.role);
  if (councilRole && !input.councilId) throw invalid([{ path: 'councilId', message: nl.fields.councilRoleNeedsCouncil }]);
  if (!councilRole && input.councilId) throw invalid([{ path: 'councilId', message: nl.fields.staffRoleNoCouncil }]);
  if (input.councilId) {
    const [council] = await db.select({ id: councils.id }).from(councils).where(and(eq(councils.id, input.councilId), eq(councils.orgId, org.id)));
    if (!council) throw invalid([{ path: 'councilId', message: nl.fields.councilUnknown }]);
  }
  const row = {
    id: newId(),
    orgId: org.id,
    email: input.email,
    name: input.name,
    role: input.role,
    councilId: input.councilId ?? null,
    disabledAt: null,
    createdAt: nowIso(),
  };
  try {
    await runBatch(db, [
      db.insert(users).values(row),
      auditStatement(db, { orgId: org.id, actor, action: 'user.create', entity: 'user', entityId: row.id, detail: { role: row.role } }),
    ]);
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(nl.fields.userEmailTaken, { errors: [{ path: 'email', message: nl.fields.userEmailTaken }] });
    throw err;
  }
  return row;
}

export async function listUsers(db: Db, orgId: string) {
  return db.select().from(users).where(eq(users.orgId, orgId)).orderBy(users.name);
}

async function userOfOrganisation(db: Db, slug: string, userId: string) {
  const org = await getOrganisationBySlug(db, slug);
  const [user] = await db.select().from(users).where(and(eq(users.id, userId), eq(users.orgId, org.id)));
  if (!user) throw notFound();
  return { org, user };
}

/**
 * Issues an API token; only its SHA-256 is stored, the token itself is returned once. An
 * organisation admin issues tokens for roles without a passkey only (policy.ts mayIssueTokenFor).
 */
export async function createToken(db: Db, actor: Principal, slug: string, userId: string, expiresInDays?: number) {
  const { user } = await userOfOrganisation(db, slug, userId);
  if (!mayIssueTokenFor(actor, user.role)) throw forbidden(nl.security.tokenForPasskeyRole);
  const created = await newToken(db, actor, user, expiresInDays);
  await runBatch(db, created.statements);
  return { id: created.id, token: created.token, expiresAt: created.expiresAt };
}

export async function revokeToken(db: Db, actor: Principal, slug: string, userId: string, tokenId: string) {
  const { org, user } = await userOfOrganisation(db, slug, userId);
  const [row] = await db.select().from(apiTokens).where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, user.id)));
  if (!row) throw notFound();
  if (row.revokedAt) return;
  await runBatch(db, [
    db.update(apiTokens).set({ revokedAt: nowIso() }).where(eq(apiTokens.id, tokenId)),
    auditStatement(db, { orgId: org.id, actor, action: 'token.revoke', entity: 'user', entityId: user.id, detail: { tokenId } }),
  ]);
}

/** Extra non-working days (beyond the computed statutory holidays) that count for this organisation. */
export async function extraHolidays(db: Db, orgId: string): Promise<Set<string>> {
  const rows = await db.select({ date: publicHolidays.date, orgId: publicHolidays.orgId }).from(publicHolidays);
  return new Set(rows.filter((r) => r.orgId === null || r.orgId === orgId).map((r) => r.date));
}

export async function addHoliday(db: Db, actor: Principal, input: { date: string; name: string; orgId?: string | null }) {
  const orgId = input.orgId ?? null;
  await runBatch(db, [
    // The unique index (date, org_id) does not stop duplicates of national days: SQLite's NULLs
    // are distinct. One statement that inserts only what is not there is atomic on D1.
    db.insert(publicHolidays).select(
      sql`SELECT NULL, ${input.date}, ${input.name}, ${orgId}
          WHERE NOT EXISTS (SELECT 1 FROM public_holidays WHERE date = ${input.date} AND org_id IS ${orgId})`,
    ),
    auditStatement(db, { orgId: input.orgId ?? null, actor, action: 'holiday.add', entity: 'holiday', entityId: input.date }),
  ]);
}


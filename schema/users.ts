import { sqliteTable, text, integer, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { organisations, councils } from './organisations';

export const ROLES = ['admin', 'official', 'approver', 'council_member', 'council_secretary'] as const;
export type Role = (typeof ROLES)[number];
export const COUNCIL_ROLES: readonly Role[] = ['council_member', 'council_secretary'];

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id').notNull().references(() => organisations.id),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    councilId: text('council_id').references(() => councils.id),
    disabledAt: text('disabled_at'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('users_org_email').on(t.orgId, t.email), index('users_email').on(t.email)],
);

/** API tokens: only the SHA-256 of the token is stored. */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at'),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('api_tokens_user').on(t.userId)],
);

/** Web sessions: opaque id, only its hash stored. */
export const sessions = sqliteTable('sessions', {
  idHash: text('id_hash').primaryKey(),
  userId: text('user_id').notNull().references(() => users.id),
  createdAt: integer('created_at').notNull(),
  lastSeenAt: integer('last_seen_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  passkeyVerified: integer('passkey_verified', { mode: 'boolean' }).notNull().default(false),
});

/** Single-use sign-in links sent by e-mail. */
export const loginTokens = sqliteTable('login_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  userId: text('user_id').notNull().references(() => users.id),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  usedAt: integer('used_at'),
});

/** Fixed-window counters for rate limiting (sign-in requests per address and per client). */
export const rateLimits = sqliteTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: integer('window_start').notNull(),
  count: integer('count').notNull(),
});

/**
 * WebAuthn credentials (passkeys) of approvers and admins. `id` is the credential id
 * (base64url); `publicKey` the COSE public key (base64url); `counter` the last signature counter.
 */
export const passkeys = sqliteTable(
  'passkeys',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    publicKey: text('public_key').notNull(),
    counter: integer('counter').notNull().default(0),
    transports: text('transports', { mode: 'json' }).$type<string[]>().notNull().default([]),
    createdAt: text('created_at').notNull(),
    lastUsedAt: text('last_used_at'),
  },
  (t) => [index('passkeys_user').on(t.userId)],
);

/** `token`: an approver or admin issuing their own API token on their page (right after the assertion). */
export const CHALLENGE_PURPOSES = ['register', 'sign-in', 'sign', 'token'] as const;
export type ChallengePurpose = (typeof CHALLENGE_PURPOSES)[number];

/**
 * WebAuthn challenges: single-use (deleted when spent), short-lived, bound to the web session and
 * the user they were issued to, and to a purpose. A signing challenge is also bound to the
 * dossier and the SHA-256 of the letter content that the approver was shown.
 */
export const webauthnChallenges = sqliteTable(
  'webauthn_challenges',
  {
    id: text('id').primaryKey(),
    userId: text('user_id'),
    /** SHA-256 of the session id the challenge was issued to. */
    sessionHash: text('session_hash'),
    challenge: text('challenge').notNull(),
    purpose: text('purpose', { enum: CHALLENGE_PURPOSES }).notNull(),
    /** For signing: what is signed (passkeys.signingSubject: a dossier, a consultation) and the content hash the assertion is bound to. */
    adviceId: text('advice_id'),
    contentHash: text('content_hash'),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('webauthn_challenges_session').on(t.sessionHash)],
);

// ---- API shapes -------------------------------------------------------------------------

import { z, singleLine, email } from './zod';

export const createUserShape = z
  .strictObject({
    email: email(),
    name: singleLine(200),
    role: z.enum(ROLES),
    councilId: z.string().min(1).optional(),
  })
  .openapi('CreateUser');
export type CreateUser = z.infer<typeof createUserShape>;

export const userShape = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    councilId: z.string().nullable(),
  })
  .openapi('User');

export const createTokenShape = z
  .strictObject({ expiresInDays: z.number().int().min(1).max(730).optional() })
  .openapi('CreateToken');

/** The web sign-in form: an e-mail address, nothing else. */
export const signInRequestShape = z.object({ email: email() });

/** An admin changes a user's name, role, council or access (the address is the user's identity and stays). */
export const updateUserShape = z.strictObject({
  name: singleLine(200),
  role: z.enum(ROLES),
  councilId: z.string().min(1).optional(),
  disabled: z.boolean(),
});
export type UpdateUser = z.infer<typeof updateUserShape>;

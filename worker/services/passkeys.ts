/**
 * Passkeys (WebAuthn) for the roles that sign and configure: approvers and organisation admins.
 *
 * Every ceremony starts with a challenge that the server stores: single-use (spent by one
 * DELETE … RETURNING, whether the ceremony then succeeds or not), valid for CHALLENGE_MS, bound to
 * the web session and user it was issued to and to its purpose. A signing challenge is also bound
 * to what is signed (a dossier's letter, a consultation's list: its `subject`) and the SHA-256 of
 * the content shown to the approver: the row says so, and the challenge bytes themselves end in
 * SHA-256("sign:<subject>:<contentHash>"), so that the authenticator's signature covers what is signed.
 */
import { and, eq, lt, sql } from 'drizzle-orm';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Db } from '../db';
import { requestOrigin, type Env } from '../env';
import { passkeys, sessions, webauthnChallenges, type ChallengePurpose } from '../../schema/users';
import { runBatch } from '../db';
import type { Principal } from '../context';
import { auditStatement } from './audit';
import { getUser } from './users';
import { fromBase64Url, newId, sha256, sha256Hex, toBase64Url } from '../lib/crypto';
import { nowIso } from '../../schema/dates';
import type { LetterSnapshot } from '../../schema/letter';

const CHALLENGE_MS = 5 * 60 * 1000;
/** What the browser waits for the person at the authenticator. */
const CEREMONY_TIMEOUT_MS = 2 * 60 * 1000;
/** ES256 and RS256: what platform authenticators and security keys offer. */
const ALGORITHMS = [-7, -257];

export type RelyingParty = { id: string; name: string; origin: string };

/** The relying party is the app's own host: PUBLIC_URL's (in local development without it, the request's). */
export function relyingParty(env: Env, requestUrl: string): RelyingParty {
  const base = new URL(requestOrigin(env, requestUrl));
  return { id: base.hostname, name: env.APP_NAME || 'Wederwoord', origin: base.origin };
}

/** WebAuthn does not work on an IP address (no valid RP ID): the page sends such visitors to localhost. */
export const isIpHost = (hostname: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname) || hostname.startsWith('[');

// ---- base64url -----------------------------------------------------------------------------

// ---- what is signed --------------------------------------------------------------------------

/**
 * The SHA-256 of the letter's content as the approver sees it: the snapshot (dossier, items and
 * responses with their versions, organisation with its signatories and letterhead, council)
 * without the signing moment. Any change to what the letter says changes it.
 */
export function letterContentHash(snapshot: LetterSnapshot): Promise<string> {
  const { dossier, organisation, council } = snapshot;
  return sha256Hex(JSON.stringify({ dossier, organisation, council }));
}

/**
 * What a signing challenge is for: a dossier's letter (the advice id), or another signed document
 * named by its kind and id (`consultation:<id>`). Ids are UUIDs, so no two subjects are ever equal.
 */
export const signingSubject = {
  advice: (adviceId: string) => adviceId,
  consultation: (consultationId: string) => `consultation:${consultationId}`,
};

/** The binding that a signing challenge carries: SHA-256 of "sign:<subject>:<contentHash>". */
const signingBinding = async (subject: string, contentHash: string) => new Uint8Array(await sha256(`sign:${subject}:${contentHash}`));

// ---- challenges ------------------------------------------------------------------------------

type Binding = { userId: string; sessionHash: string; purpose: ChallengePurpose; subject?: string; contentHash?: string };

/** A fresh challenge: random bytes, for signing followed by the 32-byte binding to subject and content. */
async function newChallenge(binding: Binding): Promise<string> {
  const random = crypto.getRandomValues(new Uint8Array(32));
  if (binding.purpose !== 'sign') return toBase64Url(random);
  const bound = await signingBinding(binding.subject!, binding.contentHash!);
  const bytes = new Uint8Array(64);
  bytes.set(random, 0);
  bytes.set(bound, 32);
  return toBase64Url(bytes);
}

/**
 * Stores a challenge (replacing this session's earlier one for the same purpose, and clearing
 * expired ones) and returns the user's passkeys, in one round trip.
 */
async function storeChallenge(db: Db, binding: Binding, challenge: string, now: number) {
  const [, , , creds] = await db.batch([
    db.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, now)),
    db
      .delete(webauthnChallenges)
      .where(and(eq(webauthnChallenges.sessionHash, binding.sessionHash), eq(webauthnChallenges.purpose, binding.purpose))),
    db.insert(webauthnChallenges).values({
      id: newId(),
      userId: binding.userId,
      sessionHash: binding.sessionHash,
      challenge,
      purpose: binding.purpose,
      // The column keeps its first name; it holds the signing subject (signingSubject).
      adviceId: binding.subject ?? null,
      contentHash: binding.contentHash ?? null,
      expiresAt: now + CHALLENGE_MS,
    }),
    db.select({ id: passkeys.id, transports: passkeys.transports }).from(passkeys).where(eq(passkeys.userId, binding.userId)),
  ]);
  return creds;
}

/**
 * Spends the challenge that the response answers, if it is this session's and user's, for this
 * purpose (and subject and content), and still valid. Returns it, or null: unknown, spent,
 * expired or issued for something else. Spent either way: a second try needs a new challenge.
 */
async function spendChallenge(db: Db, binding: Binding, clientDataJSON: string, now: number): Promise<string | null> {
  const challenge = challengeOf(clientDataJSON);
  if (!challenge) return null;
  const [row] = await spendStatement(db, binding, challenge);
  return (await spentFor(binding, challenge, row, now)) ? challenge : null;
}

/** The challenge the browser answered, from its clientDataJSON (null when unreadable). */
function challengeOf(clientDataJSON: string): string | null {
  try {
    return String((JSON.parse(new TextDecoder().decode(fromBase64Url(clientDataJSON))) as { challenge?: unknown }).challenge ?? '') || null;
  } catch {
    return null;
  }
}

/** Spends the challenge (DELETE … RETURNING), even when the binding turns out not to match. */
function spendStatement(db: Db, binding: Binding, challenge: string) {
  return db
    .delete(webauthnChallenges)
    .where(
      and(
        eq(webauthnChallenges.challenge, challenge),
        eq(webauthnChallenges.sessionHash, binding.sessionHash),
        eq(webauthnChallenges.userId, binding.userId),
        eq(webauthnChallenges.purpose, binding.purpose),
      ),
    )
    .returning({ expiresAt: webauthnChallenges.expiresAt, adviceId: webauthnChallenges.adviceId, contentHash: webauthnChallenges.contentHash });
}

/** Whether the spent row (if any) was a live challenge for this binding. */
async function spentFor(binding: Binding, challenge: string, row: { expiresAt: number; adviceId: string | null; contentHash: string | null } | undefined, now: number) {
  if (!row || row.expiresAt <= now) return false;
  if (binding.purpose !== 'sign') return true;
  if (row.adviceId !== binding.subject || row.contentHash !== binding.contentHash) return false;
  // The challenge bytes commit to the subject and content too.
  const bytes = fromBase64Url(challenge);
  return bytes.length === 64 && toBase64Url(bytes.slice(32)) === toBase64Url(await signingBinding(binding.subject!, binding.contentHash!));
}

// ---- ceremonies ------------------------------------------------------------------------------

/** What an assertion is for: signing in, signing one document (signingSubject) with this content, or issuing one's own API token. */
export type AssertionPurpose = { kind: 'sign-in' } | { kind: 'sign'; subject: string; contentHash: string } | { kind: 'token' };

const assertionBinding = (userId: string, sessionHash: string, purpose: AssertionPurpose): Binding =>
  purpose.kind === 'sign'
    ? { userId, sessionHash, purpose: 'sign', subject: purpose.subject, contentHash: purpose.contentHash }
    : { userId, sessionHash, purpose: purpose.kind };

export type CeremonyUser = { id: string; name: string; email: string };

/** Options for registering a first passkey (navigator.credentials.create). */
export async function registrationOptions(
  db: Db,
  rp: RelyingParty,
  user: CeremonyUser,
  sessionHash: string,
  now = Date.now(),
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const binding: Binding = { userId: user.id, sessionHash, purpose: 'register' };
  const challenge = await newChallenge(binding);
  const existing = await storeChallenge(db, binding, challenge, now);
  return generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.name,
    userID: new Uint8Array(new TextEncoder().encode(user.id)),
    challenge: fromBase64Url(challenge),
    timeout: CEREMONY_TIMEOUT_MS,
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({ id: c.id, transports: c.transports })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
    supportedAlgorithmIDs: ALGORITHMS,
  });
}

/** Options for an assertion with one of the user's passkeys (navigator.credentials.get). */
export async function assertionOptions(
  db: Db,
  rp: RelyingParty,
  user: { id: string },
  sessionHash: string,
  purpose: AssertionPurpose,
  now = Date.now(),
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const binding = assertionBinding(user.id, sessionHash, purpose);
  const challenge = await newChallenge(binding);
  const creds = await storeChallenge(db, binding, challenge, now);
  const options = await generateAuthenticationOptions({ rpID: rp.id, challenge: fromBase64Url(challenge), timeout: CEREMONY_TIMEOUT_MS, userVerification: 'required' });
  return { ...options, allowCredentials: creds.map((c) => ({ id: c.id, type: 'public-key' as const, transports: c.transports as never })) };
}

function parseCredential<T extends { id: string; response: { clientDataJSON: string } }>(raw: string): T | null {
  try {
    const parsed = JSON.parse(raw) as T;
    if (!parsed || typeof parsed.id !== 'string' || typeof parsed.response?.clientDataJSON !== 'string') return null;
    return parsed;
  } catch {
    return null;
  }
}

/**
 * Verifies a registration response against this session's challenge. On success returns the
 * statement that stores the passkey (for the caller's batch, beside the session change).
 */
export async function verifyRegistration(db: Db, rp: RelyingParty, userId: string, sessionHash: string, raw: string, now = Date.now()) {
  const response = parseCredential<RegistrationResponseJSON>(raw);
  if (!response) return { ok: false, reason: 'malformed' } as const;
  const challenge = await spendChallenge(db, { userId, sessionHash, purpose: 'register' }, response.response.clientDataJSON, now);
  if (!challenge) return { ok: false, reason: 'challenge' } as const;
  try {
    const result = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
      supportedAlgorithmIDs: ALGORITHMS,
    });
    if (!result.verified) return { ok: false, reason: 'verification' } as const;
    const { credential } = result.registrationInfo;
    const insert = db.insert(passkeys).values({
      id: credential.id,
      userId,
      publicKey: toBase64Url(credential.publicKey),
      counter: credential.counter,
      transports: credential.transports ?? [],
      createdAt: nowIso(),
      lastUsedAt: nowIso(),
    });
    return { ok: true, credentialId: credential.id, insert } as const;
  } catch (err) {
    console.warn('passkey registration refused', err instanceof Error ? err.message : err);
    return { ok: false, reason: 'verification' } as const;
  }
}

/**
 * Verifies an assertion with one of the user's own passkeys against this session's challenge for
 * the purpose. On success returns the statement that records the new counter and last use.
 */
export async function verifyAssertion(
  db: Db,
  rp: RelyingParty,
  userId: string,
  sessionHash: string,
  purpose: AssertionPurpose,
  raw: string,
  now = Date.now(),
) {
  const response = parseCredential<AuthenticationResponseJSON>(raw);
  if (!response) return { ok: false, reason: 'malformed' } as const;
  const binding = assertionBinding(userId, sessionHash, purpose);
  const challenge = challengeOf(response.response.clientDataJSON);
  if (!challenge) return { ok: false, reason: 'challenge' } as const;
  // One round trip: the challenge spent and the passkey it was answered with.
  const [spentRows, storedRows] = await db.batch([
    spendStatement(db, binding, challenge),
    db
      .select()
      .from(passkeys)
      .where(and(eq(passkeys.id, response.id), eq(passkeys.userId, userId))),
  ]);
  if (!(await spentFor(binding, challenge, spentRows[0], now))) return { ok: false, reason: 'challenge' } as const;
  const [stored] = storedRows;
  if (!stored) return { ok: false, reason: 'credential' } as const;
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
      credential: { id: stored.id, publicKey: fromBase64Url(stored.publicKey), counter: stored.counter, transports: stored.transports as never },
    });
    if (!result.verified) return { ok: false, reason: 'verification' } as const;
    const { newCounter } = result.authenticationInfo;
    // Never lowers the counter (two uses racing keep the higher one).
    const touch = db
      .update(passkeys)
      .set({ counter: sql`max(${passkeys.counter}, ${newCounter})`, lastUsedAt: nowIso() })
      .where(eq(passkeys.id, stored.id));
    return { ok: true, credentialId: stored.id, touch } as const;
  } catch (err) {
    console.warn('passkey assertion refused', err instanceof Error ? err.message : err);
    return { ok: false, reason: 'verification' } as const;
  }
}

/**
 * A lost passkey: an admin removes all of a user's passkeys and ends the user's sessions. At the
 * next sign-in by e-mail link the user registers a new one. Returns how many were removed.
 */
export async function removePasskeys(db: Db, actor: Principal, slug: string, userId: string) {
  const { user } = await getUser(db, slug, userId);
  const [removed] = await runBatch(db, [
    db.delete(passkeys).where(eq(passkeys.userId, user.id)).returning({ id: passkeys.id }),
    db.delete(sessions).where(eq(sessions.userId, user.id)),
    db.delete(webauthnChallenges).where(eq(webauthnChallenges.userId, user.id)),
    auditStatement(db, { orgId: user.orgId, actor, action: 'passkey.remove', entity: 'user', entityId: user.id }),
  ]);
  return (removed as { id: string }[]).length;
}

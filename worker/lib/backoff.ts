/**
 * Retry timing for outgoing mail. Resend remembers an Idempotency-Key for 24 hours; every
 * retry of one outbox row must happen inside that window, or a retry could send a second copy.
 */
export const RETRY = {
  baseMs: 30_000,
  capMs: 60 * 60_000,
  /** Last moment (after the row was queued) at which an attempt may start: 1 h of margin on Resend's 24 h. */
  windowMs: 23 * 60 * 60_000,
  /** A row claimed longer ago than this is presumed abandoned (a send takes at most REQUEST_TIMEOUT_MS). */
  stuckAfterMs: 10 * 60_000,
  requestTimeoutMs: 30_000,
} as const;

/** Capped exponential backoff with "equal jitter": half fixed, half random, so retries spread out. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const exp = Math.min(RETRY.capMs, RETRY.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}

/** `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** When to try again: never before the server's Retry-After, never sooner than the backoff. */
export function nextAttemptAt(attempt: number, now: number, retryAfterMs: number | null, random: () => number = Math.random): number {
  return now + Math.max(backoffDelay(attempt, random), retryAfterMs ?? 0);
}

export const retryDeadline = (createdAtIso: string) => Date.parse(createdAtIso) + RETRY.windowMs;

import { RETRY, parseRetryAfter } from '../lib/backoff';

/**
 * Resend's send-email call over plain fetch. (The `resend` SDK runs in workerd too, but it folds
 * network failures and non-JSON answers into one generic error; here every answer must be
 * classified exactly, and Retry-After read, to decide between retry and failure.)
 */
export const RESEND_ENDPOINT = 'https://api.resend.com/emails';

export type ResendPayload = {
  from: string;
  to: string[];
  cc?: string[];
  subject: string;
  html: string;
  text: string;
  attachments?: { filename: string; content: string; content_type: string }[];
  tags?: { name: string; value: string }[];
};

export type ResendOutcome =
  | { kind: 'sent'; providerId: string }
  | { kind: 'retry'; reason: string; retryAfterMs: number | null }
  | { kind: 'failed'; status: number; reason: string };

export async function postEmail(opts: {
  apiKey: string;
  payload: ResendPayload;
  idempotencyKey: string;
  userAgent: string;
  now: number;
  fetch?: typeof fetch;
}): Promise<ResendOutcome> {
  const doFetch = opts.fetch ?? fetch;
  let res: Response;
  try {
    res = await doFetch(RESEND_ENDPOINT, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${opts.apiKey}`,
        'content-type': 'application/json',
        'idempotency-key': opts.idempotencyKey,
        'user-agent': opts.userAgent,
      },
      body: JSON.stringify(opts.payload),
      signal: AbortSignal.timeout(RETRY.requestTimeoutMs),
    });
  } catch (err) {
    // No answer at all: Resend may or may not have accepted it; the same Idempotency-Key makes a retry safe.
    return { kind: 'retry', reason: `network: ${err instanceof Error ? err.message : String(err)}`, retryAfterMs: null };
  }
  const body = await res.text();
  let parsed: { id?: string; name?: string; message?: string } = {};
  try {
    parsed = body ? JSON.parse(body) : {};
  } catch {
    /* not JSON: keep the raw text for the reason */
  }
  if (res.ok) {
    if (parsed.id) return { kind: 'sent', providerId: parsed.id };
    return { kind: 'retry', reason: `unexpected answer ${res.status}: ${body.slice(0, 200)}`, retryAfterMs: null };
  }
  const reason = `${res.status} ${parsed.name ?? ''} ${parsed.message ?? body.slice(0, 300)}`.replace(/\s+/g, ' ').trim();
  const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), opts.now);
  // 409 concurrent_idempotent_requests: the first request with this key is still running.
  if (res.status === 429 || res.status >= 500 || (res.status === 409 && parsed.name === 'concurrent_idempotent_requests')) {
    return { kind: 'retry', reason, retryAfterMs };
  }
  return { kind: 'failed', status: res.status, reason };
}

/** Base64 of bytes, in chunks (String.fromCharCode over a whole PDF would overflow the stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

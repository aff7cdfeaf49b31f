/**
 * Verification of Svix-signed webhooks (Resend's): HMAC-SHA256, keyed with the base64 secret
 * after `whsec_`, over `${svix-id}.${svix-timestamp}.${raw body}`; the header holds one or more
 * space-separated `v1,<base64>` signatures (several during a secret rotation). `now` is passed in
 * so that the timestamp tolerance can be tested without waiting.
 */
export const SVIX_TOLERANCE_SECONDS = 5 * 60;

export type SvixHeaders = { id: string | null | undefined; timestamp: string | null | undefined; signature: string | null | undefined };

export type SvixResult = { ok: true } | { ok: false; reason: 'missing' | 'timestamp' | 'signature' | 'secret' };

function base64ToBytes(b64: string): Uint8Array {
  const binary = atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function hmac(secret: string, content: string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', base64ToBytes(secret.replace(/^whsec_/, '')), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(content)));
}

export async function verifySvix(secret: string | undefined, headers: SvixHeaders, body: string, now: number): Promise<SvixResult> {
  if (!secret) return { ok: false, reason: 'secret' };
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) return { ok: false, reason: 'missing' };
  const seconds = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || Math.abs(now / 1000 - seconds) > SVIX_TOLERANCE_SECONDS) return { ok: false, reason: 'timestamp' };
  let expected: Uint8Array;
  try {
    expected = await hmac(secret, `${id}.${timestamp}.${body}`);
  } catch {
    return { ok: false, reason: 'secret' };
  }
  for (const part of signature.split(' ')) {
    const [version, value] = part.split(',');
    if (version !== 'v1' || !value) continue;
    let given: Uint8Array;
    try {
      given = base64ToBytes(value);
    } catch {
      continue;
    }
    if (given.length === expected.length && crypto.subtle.timingSafeEqual(given, expected)) return { ok: true };
  }
  return { ok: false, reason: 'signature' };
}

/**
 * The network edge of the tests: miniflare hands every outbound fetch of the Worker (and of the
 * tests, which run in the same workerd) to `outbound`, in Node. It plays Resend's send-email API,
 * including its idempotency (the same Idempotency-Key within 24 h answers the first id and sends
 * nothing new), and records every request it gets.
 *
 * Tests steer it through `https://mock.test/resend/<api key>`: POST a list of answers to give
 * next, GET what was received. State is per API key, so tests (and test files running in
 * parallel) each use their own key and never see each other's requests.
 */
type Scripted = { status: number; headers?: Record<string, string>; body?: unknown };
export type RecordedRequest = { method: string; url: string; headers: Record<string, string>; body: string };
type Account = { script: Scripted[]; requests: RecordedRequest[]; accepted: Map<string, string>; mails: number };

const accounts = new Map<string, Account>();
const account = (key: string) => {
  let a = accounts.get(key);
  if (!a) accounts.set(key, (a = { script: [], requests: [], accepted: new Map(), mails: 0 }));
  return a;
};
const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

export async function outbound(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.hostname === 'mock.test') {
    const [, kind, key] = url.pathname.split('/');
    if (kind !== 'resend' || !key) return json({ error: 'unknown control path' }, 404);
    const a = account(decodeURIComponent(key));
    if (request.method === 'POST') {
      a.script.push(...((await request.json()) as Scripted[]));
      return json({ ok: true });
    }
    return json({ requests: a.requests, mails: a.mails });
  }
  if (url.href === 'https://api.resend.com/emails' && request.method === 'POST') {
    const key = (request.headers.get('authorization') ?? '').replace(/^Bearer /, '');
    const a = account(key);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    a.requests.push({ method: request.method, url: url.href, headers, body: await request.text() });
    const idempotencyKey = headers['idempotency-key'] ?? '';
    const next = a.script.shift();
    if (next && (next.status < 200 || next.status >= 300)) return json(next.body ?? { name: 'error', message: 'scripted' }, next.status, next.headers);
    const known = a.accepted.get(idempotencyKey);
    if (known) return json({ id: known });
    const id = `re_${a.mails + 1}_${idempotencyKey.slice(0, 8)}`;
    a.accepted.set(idempotencyKey, id);
    a.mails++;
    return json({ id }, 200, next?.headers);
  }
  return new Response(`unmocked outbound request: ${request.method} ${request.url}`, { status: 502 });
}

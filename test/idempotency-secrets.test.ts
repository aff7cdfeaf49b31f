import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ADMIN, api, createWorld, count } from './support';
import { runScheduled } from '../worker/scheduled';

/**
 * The idempotency store (issue 12, point 3): it never holds a secret (a new API token is answered
 * once; a repeat with the same key gets the same token id with `"token": null`), and stored answers
 * expire after 24 hours: a key that old is forgotten, and the cron sweeps them.
 */

const DAY = 24 * 60 * 60 * 1000;
const storedBodies = async (key: string) =>
  (await env.DB.prepare('SELECT body FROM idempotency_keys WHERE key = ?').bind(key).all<{ body: string | null }>()).results.map((r) => r.body ?? '');

describe('a new API token is never stored for replay', () => {
  it('stores the answer without the token; a repeat gets the same id with "token": null and creates nothing', async () => {
    const w = await createWorld('IDT');
    const key = crypto.randomUUID();
    const path = `/api/v1/organisations/${w.slug}/users/${w.ids.official2}/tokens`;
    const first = await api('POST', path, { token: ADMIN, body: { expiresInDays: 30 }, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(first.body.token).toMatch(/^ww_/);

    const stored = await storedBodies(key);
    expect(stored).toHaveLength(1);
    expect(stored[0]).not.toContain(first.body.token);
    expect(JSON.parse(stored[0])).toEqual({ id: first.body.id, token: null, expiresAt: first.body.expiresAt });

    const tokens = await count('SELECT count(*) AS n FROM api_tokens WHERE user_id = ?', w.ids.official2);
    const repeat = await api('POST', path, { token: ADMIN, body: { expiresInDays: 30 }, headers: { 'idempotency-key': key } });
    expect(repeat.status).toBe(201);
    expect(repeat.headers.get('idempotent-replayed')).toBe('true');
    expect(repeat.body).toEqual({ id: first.body.id, token: null, expiresAt: first.body.expiresAt });
    expect(await count('SELECT count(*) AS n FROM api_tokens WHERE user_id = ?', w.ids.official2)).toBe(tokens);

    // The token itself works, and is nowhere in the database but as its hash.
    expect((await api('GET', `/api/v1/organisations/${w.slug}`, { token: first.body.token })).status).toBe(200);
    expect(await count(`SELECT count(*) AS n FROM idempotency_keys WHERE body LIKE '%' || ? || '%'`, first.body.token)).toBe(0);
  });
});

describe('stored answers expire after 24 hours', () => {
  it('a key older than a day is forgotten: the request runs again (and may carry another body)', async () => {
    const w = await createWorld('IDE');
    const key = crypto.randomUUID();
    const path = `/api/v1/organisations/${w.slug}/councils`;
    const first = await api('POST', path, { token: w.tokens.admin, body: { name: 'Jongerenraad', recipients: ['j@x.example'] }, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    await env.DB.prepare('UPDATE idempotency_keys SET created_at = created_at - ? WHERE key = ?').bind(DAY + 60_000, key).run();

    const again = await api('POST', path, { token: w.tokens.admin, body: { name: 'Ouderenraad', recipients: ['o@x.example'] }, headers: { 'idempotency-key': key } });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect(again.body.id).not.toBe(first.body.id);
    // And now that answer is the one remembered.
    const replay = await api('POST', path, { token: w.tokens.admin, body: { name: 'Ouderenraad', recipients: ['o@x.example'] }, headers: { 'idempotency-key': key } });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.id).toBe(again.body.id);
  });

  it('the cron sweeps them, whatever chance did', async () => {
    const now = Date.now();
    const insert = (key: string, createdAt: number) =>
      env.DB.prepare(`INSERT INTO idempotency_keys (principal, key, request_hash, state, status, body, created_at) VALUES ('platform', ?, 'h', 'done', 201, '{}', ?)`)
        .bind(key, createdAt)
        .run();
    const old = `old-${crypto.randomUUID()}`;
    const young = `young-${crypto.randomUUID()}`;
    await insert(old, now - DAY - 1);
    await insert(young, now - DAY + 60_000);
    await runScheduled(env, now);
    expect(await storedBodies(old)).toEqual([]);
    expect(await storedBodies(young)).toHaveLength(1);
  });
});

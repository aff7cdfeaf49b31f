import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ADMIN, adviceInput, api, createWorld, organisationInput, submittedDossier, auditOf, count, draftDossier, expectProblem } from './support';

const MiB = 1024 * 1024;

describe('API guards', () => {
  it('refuses non-JSON writes with 415', async () => {
    const w = await createWorld('MED');
    const d = await draftDossier(w);
    const cases: [string, BodyInit, Record<string, string>][] = [
      ['text', 'slug=x', { 'content-type': 'text/plain' }],
      ['form', new URLSearchParams({ slug: 'x' }), {}],
      ['xml', '<organisation/>', { 'content-type': 'application/xml' }],
      ['no type', new TextEncoder().encode('{"slug":"x"}'), {}],
    ];
    for (const [name, raw, headers] of cases) {
      const res = await api('POST', '/api/v1/organisations', { token: ADMIN, raw, headers });
      expect(res.status, name).toBe(415);
      expectProblem(res, 415);
    }
    expectProblem(await api('POST', `/api/v1/advice/${d.id}/submit`, { token: w.tokens.council_secretary, raw: 'nu', headers: { 'content-type': 'text/plain' } }), 415);
    expect((await api('GET', `/api/v1/advice/${d.id}`, { token: w.tokens.council_secretary })).body.status).toBe('draft');
    // A charset parameter and a +json type are still JSON.
    const charset = await api('POST', '/api/v1/organisations', {
      token: ADMIN,
      raw: JSON.stringify(organisationInput(undefined, 'CHR')),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(charset.status).toBe(201);
    // A POST without a body needs no content type.
    expect((await api('POST', `/api/v1/advice/${d.id}/submit`, { token: w.tokens.council_secretary })).status).toBe(200);
  });

  it('refuses bodies over 1 MiB with 413, with or without a content-length', async () => {
    const big = JSON.stringify({ ...organisationInput(undefined, 'BIG'), name: 'x'.repeat(MiB) });
    expectProblem(await api('POST', '/api/v1/organisations', { token: ADMIN, raw: big, headers: { 'content-type': 'application/json' } }), 413);

    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.slice(i, i + 64 * 1024));
        controller.close();
      },
    });
    const res = await exports.default.fetch('https://app.test/api/v1/organisations', {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: stream,
    });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    // Just under the limit is read and validated as usual.
    const under = JSON.stringify({ ...organisationInput(undefined, 'UND'), name: 'x'.repeat(MiB - 2000) });
    expectProblem(await api('POST', '/api/v1/organisations', { token: ADMIN, raw: under, headers: { 'content-type': 'application/json' } }), 422, ['name']);
    expect(await count("SELECT count(*) AS n FROM organisations WHERE reference_prefix IN ('BIG', 'UND')")).toBe(0);
  });

  it('refuses fields sent to writes that take no body', async () => {
    const w = await createWorld('NOB');
    const d = await draftDossier(w);
    const url = `/api/v1/advice/${d.id}/submit`;
    const sneaky = await api('POST', url, { token: w.tokens.council_secretary, body: { reference: 'NOB-1999-00001', dueOn: '2099-01-01' } });
    expectProblem(sneaky, 422, ['reference', 'dueOn']);
    expectProblem(await api('POST', url, { token: w.tokens.council_secretary, body: ['x'] }), 422);
    expectProblem(await api('POST', url, { token: w.tokens.council_secretary, raw: '{', headers: { 'content-type': 'application/json' } }), 422);
    expect((await api('GET', `/api/v1/advice/${d.id}`, { token: w.tokens.council_member })).body.status).toBe('draft');
    // An empty object is no input at all.
    const ok = await api('POST', url, { token: w.tokens.council_secretary, body: {} });
    expect(ok.status).toBe(200);
    expect(ok.body.reference).toMatch(/^NOB-\d{4}-00001$/);
  });

  it('answers malformed JSON and non-object JSON with 422', async () => {
    for (const raw of ['{"slug": "x",', '', 'null', '[]', '"organisatie"']) {
      const res = await api('POST', '/api/v1/organisations', { token: ADMIN, raw, headers: { 'content-type': 'application/json' } });
      expectProblem(res, 422);
      expect(res.body.detail, raw).toMatch(/\S/);
    }
  });

  it('names a value of the wrong kind in Dutch words: a number for a text, a repeated query parameter', async () => {
    const w = await createWorld('KND');
    const res = await api('POST', `/api/v1/organisations/${w.slug}/advice`, { token: w.tokens.council_member, body: { ...adviceInput(w.councilId), title: 42 } });
    expectProblem(res, 422, ['title']);
    expect(res.body.errors.find((e: { path: string }) => e.path === 'title').message).toBe('Verwacht een tekst, niet een getal.');
    const repeated = await api('GET', `/api/v1/public/${w.slug}/advice?q=zorg&q=wijk`);
    expectProblem(repeated, 422, ['q']);
    expect(repeated.body.errors.find((e: { path: string }) => e.path === 'q').message).toBe('Verwacht een tekst, niet een lijst.');
  });

  it('answers 401 for a missing, malformed or unknown token', async () => {
    const w = await createWorld('AUT');
    const url = `/api/v1/organisations/${w.slug}`;
    expectProblem(await api('GET', url), 401);
    for (const authorization of ['Bearer', 'Bearer ', 'Basic dGVzdDp0ZXN0', `Bearer ${w.tokens.official}x`, 'Bearer ww_onbekend', `Bearer ${w.tokens.official} extra`]) {
      expectProblem(await api('GET', url, { headers: { authorization } }), 401);
    }
    expect((await api('GET', url, { headers: { authorization: `bearer ${w.tokens.official}` } })).status).toBe(200);
    // 401 comes before validation: an anonymous caller learns nothing about the body.
    expectProblem(await api('POST', '/api/v1/organisations', { body: { nonsense: true } }), 401);
  });

  it('refuses a disabled user’s token', async () => {
    const w = await createWorld('DIS');
    await env.DB.prepare('UPDATE users SET disabled_at = ? WHERE id = ?').bind(new Date().toISOString(), w.ids.official).run();
    expectProblem(await api('GET', `/api/v1/organisations/${w.slug}`, { token: w.tokens.official }), 401);
  });

  it('answers unknown routes with a problem 404', async () => {
    const res = await api('GET', '/api/v1/bestaat-niet', { token: ADMIN });
    expectProblem(res, 404);
  });
});

describe('Idempotency-Key', () => {
  const key = () => ({ 'idempotency-key': crypto.randomUUID() });

  it('replays a creation: same status and body, one dossier', async () => {
    const w = await createWorld('IDC');
    const headers = key();
    const url = `/api/v1/organisations/${w.slug}/advice`;
    const first = await api('POST', url, { token: w.tokens.council_member, body: adviceInput(w.councilId), headers });
    const second = await api('POST', url, { token: w.tokens.council_member, body: adviceInput(w.councilId), headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(await count('SELECT count(*) AS n FROM advice WHERE org_id = ?', w.orgId)).toBe(1);
    expect((await auditOf(first.body.id)).length).toBe(1);
  });

  it('replays a submission without taking a second reference', async () => {
    const w = await createWorld('IDS');
    const d = await draftDossier(w);
    const headers = key();
    const first = await api('POST', `/api/v1/advice/${d.id}/submit`, { token: w.tokens.council_secretary, headers });
    const second = await api('POST', `/api/v1/advice/${d.id}/submit`, { token: w.tokens.council_secretary, headers });
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(await count('SELECT last AS n FROM reference_counters WHERE org_id = ?', w.orgId)).toBe(1);
    expect((await auditOf(d.id)).filter((a) => a.action === 'advice.submit')).toHaveLength(1);
    // Without the key the repeat is a plain 409.
    expectProblem(await api('POST', `/api/v1/advice/${d.id}/submit`, { token: w.tokens.council_secretary }), 409);
  });

  it('replays a response write instead of calling it stale', async () => {
    const w = await createWorld('IDR');
    const d = await submittedDossier(w);
    const headers = key();
    const body = { text: 'Wij nemen dit over.', status: 'adopted', version: 0 };
    const url = `/api/v1/advice/${d.id}/items/${d.items[1].id}/response`;
    const first = await api('PUT', url, { token: w.tokens.official, body, headers });
    const second = await api('PUT', url, { token: w.tokens.official, body, headers });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body).toEqual(first.body);
    expect(await count('SELECT count(*) AS n FROM response_revisions WHERE item_id = ?', d.items[1].id)).toBe(1);
  });

  it('replays a refusal as it was', async () => {
    const headers = key();
    const body = { ...organisationInput(undefined, 'lower') };
    const first = await api('POST', '/api/v1/organisations', { token: ADMIN, body, headers });
    const second = await api('POST', '/api/v1/organisations', { token: ADMIN, body, headers });
    expectProblem(second, 422, ['referencePrefix']);
    expect(second.body).toEqual(first.body);
  });

  it('refuses the same key with a different body (422) and changes nothing', async () => {
    const w = await createWorld('IDM');
    const headers = key();
    const url = `/api/v1/organisations/${w.slug}/advice`;
    await api('POST', url, { token: w.tokens.council_member, body: adviceInput(w.councilId), headers });
    const other = await api('POST', url, { token: w.tokens.council_member, body: { ...adviceInput(w.councilId), title: 'Een ander advies' }, headers });
    expectProblem(other, 422, ['Idempotency-Key']);
    expect(await count('SELECT count(*) AS n FROM advice WHERE org_id = ?', w.orgId)).toBe(1);
  });

  it('keeps the keys of different users apart', async () => {
    const w = await createWorld('IDU');
    const headers = key();
    const url = `/api/v1/organisations/${w.slug}/advice`;
    const a = await api('POST', url, { token: w.tokens.council_member, body: adviceInput(w.councilId), headers });
    const b = await api('POST', url, { token: w.tokens.council_secretary, body: adviceInput(w.councilId), headers });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).not.toBe(b.body.id);
    expect(await count('SELECT count(*) AS n FROM advice WHERE org_id = ?', w.orgId)).toBe(2);
  });
});

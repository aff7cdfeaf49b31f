import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ADMIN, api, createWorld, organisationInput, auditOf, expectDutch, expectProblem, messageAt } from './support';
import { sha256Hex } from '../worker/lib/crypto';

const slug = () => `gem-${crypto.randomUUID().slice(0, 8)}`;

describe('POST /api/v1/organisations', () => {
  it('creates an organisation with the defaults of API.md and audits it', async () => {
    const input: Record<string, unknown> = organisationInput(slug(), 'ALM');
    delete input.responseDays;
    const res = await api('POST', '/api/v1/organisations', { token: ADMIN, body: input });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      slug: input.slug,
      name: 'Gemeente Teststad',
      referencePrefix: 'ALM',
      responseDays: 42,
      signatories: [
        { title: 'de secretaris', name: 'M. Bakker' },
        { title: 'de burgemeester', name: 'J. Visser' },
      ],
      letterhead: { addressLines: ['Raadhuisplein 1', 'Postbus 10', '9999 ZZ Teststad'] },
    });
    expect((await auditOf(res.body.id)).map((a) => [a.action, a.actor_id])).toEqual([['organisation.create', 'platform']]);

    const read = await api('GET', `/api/v1/organisations/${input.slug}`, { token: ADMIN });
    expect(read.body).toMatchObject({ id: res.body.id, responseDays: 42 });
  });

  it('accepts only the required fields', async () => {
    const res = await api('POST', '/api/v1/organisations', {
      token: ADMIN,
      body: {
        slug: slug(),
        name: 'Gemeente Klein',
        letterhead: { addressLines: ['Postbus 1'] },
        signatories: [{ title: 'de burgemeester', name: 'K. Klein' }],
        signOff: 'burgemeester en wethouders van Klein',
        contact: { name: 'A. Klein' },
        referencePrefix: 'KL',
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.responseDays).toBe(42);
  });

  it('refuses a slug that is taken with 409', async () => {
    const s = slug();
    expect((await api('POST', '/api/v1/organisations', { token: ADMIN, body: organisationInput(s) })).status).toBe(201);
    const again = await api('POST', '/api/v1/organisations', { token: ADMIN, body: { ...organisationInput(s), name: 'Andere gemeente' } });
    expectProblem(again, 409);
    expect(messageAt(again, 'slug')).toBeTruthy();
    expectDutch(again.body.detail);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM organisations WHERE slug = ?').bind(s).first('n')).toBe(1);
  });

  it.each([
    ['alm', 'lower case'],
    ['A', 'too short'],
    ['ABCDEFGHIJK', 'too long'],
    ['AL-M', 'not only capitals'],
  ])('refuses the reference prefix %j (%s) with 422', async (prefix) => {
    const res = await api('POST', '/api/v1/organisations', { token: ADMIN, body: organisationInput(slug(), prefix) });
    expectProblem(res, 422, ['referencePrefix']);
    expectDutch(messageAt(res, 'referencePrefix'));
  });

  it('requires at least one signatory', async () => {
    const empty = await api('POST', '/api/v1/organisations', { token: ADMIN, body: { ...organisationInput(slug()), signatories: [] } });
    expectProblem(empty, 422, ['signatories']);
    expect(messageAt(empty, 'signatories')).toBe('Geef ten minste één ondertekenaar op.');

    const { signatories: _s, ...withoutKey } = organisationInput(slug());
    expectProblem(await api('POST', '/api/v1/organisations', { token: ADMIN, body: withoutKey }), 422, ['signatories']);
  });

  it('lists one error per offending field, with nested paths', async () => {
    const input = organisationInput('Niet Goed', 'x');
    const res = await api('POST', '/api/v1/organisations', {
      token: ADMIN,
      body: {
        ...input,
        name: '   ',
        letterhead: { addressLines: [], email: 'geen-adres' },
        signatories: [{ title: 'de burgemeester', name: '' }],
        contact: {},
        responseDays: 0,
      },
    });
    const problem = expectProblem(res, 422, [
      'slug',
      'name',
      'letterhead.addressLines',
      'letterhead.email',
      'signatories.0.name',
      'contact.name',
      'referencePrefix',
      'responseDays',
    ]);
    for (const e of problem.errors!) expectDutch(e.message);
  });

  it('refuses unknown fields, one entry each, also nested', async () => {
    const res = await api('POST', '/api/v1/organisations', {
      token: ADMIN,
      body: { ...organisationInput(slug()), id: 'mine', createdAt: '2020-01-01', letterhead: { addressLines: ['Postbus 1'], fax: '000' } },
    });
    const problem = expectProblem(res, 422, ['id', 'createdAt', 'letterhead.fax']);
    expect(problem.errors!.every((e) => e.message === 'Dit veld is onbekend.')).toBe(true);
  });

  it('is for the platform operator only', async () => {
    const w = await createWorld('PLT');
    expectProblem(await api('POST', '/api/v1/organisations', { body: organisationInput(slug()) }), 401);
    expectProblem(await api('POST', '/api/v1/organisations', { token: w.tokens.admin, body: organisationInput(slug()) }), 403);
  });

  it('PATCH changes only the fields given', async () => {
    const w = await createWorld('PAT');
    const res = await api('PATCH', `/api/v1/organisations/${w.slug}`, { token: w.tokens.admin, body: { name: 'Gemeente Nieuwstad' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Gemeente Nieuwstad', responseDays: 42, referencePrefix: 'PAT' });

    await api('PATCH', `/api/v1/organisations/${w.slug}`, { token: w.tokens.admin, body: { responseDays: 30 } });
    const again = await api('PATCH', `/api/v1/organisations/${w.slug}`, { token: w.tokens.admin, body: { signOff: 'het college van Nieuwstad' } });
    expect(again.body).toMatchObject({ responseDays: 30, signOff: 'het college van Nieuwstad', name: 'Gemeente Nieuwstad' });
    const stored = await env.DB.prepare('SELECT response_days AS d, name FROM organisations WHERE slug = ?').bind(w.slug).first();
    expect(stored).toEqual({ d: 30, name: 'Gemeente Nieuwstad' });
    expectProblem(await api('PATCH', `/api/v1/organisations/${w.slug}`, { token: w.tokens.admin, body: { slug: 'anders' } }), 422, ['slug']);
    const nothing = await api('PATCH', `/api/v1/organisations/${w.slug}`, { token: w.tokens.admin, body: {} });
    expect(nothing.status).toBe(200);
    expect(nothing.body).toMatchObject({ responseDays: 30, name: 'Gemeente Nieuwstad' });
  });
});

describe('POST /api/v1/organisations/{slug}/councils', () => {
  it('creates a council with the default salutation', async () => {
    const w = await createWorld('CNC');
    const res = await api('POST', `/api/v1/organisations/${w.slug}/councils`, {
      token: w.tokens.admin,
      body: { name: 'Jongerenraad', recipients: ['jongerenraad@teststad.example'] },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'Jongerenraad',
      salutation: 'Geachte leden van de Jongerenraad,',
      recipients: ['jongerenraad@teststad.example'],
      addressLines: [],
    });
    const listed = await api('GET', `/api/v1/organisations/${w.slug}/councils`, { token: w.tokens.official });
    expect(listed.body.items.map((c: { name: string }) => c.name).sort()).toEqual(['Adviesraad Sociaal Domein', 'Jongerenraad']);
  });

  it('keeps a given salutation and falls back to the default for an empty one', async () => {
    const w = await createWorld('SAL');
    const given = await api('POST', `/api/v1/organisations/${w.slug}/councils`, {
      token: ADMIN,
      body: { name: 'Participatieraad', salutation: 'Beste leden,', recipients: ['p@teststad.example'], addressLines: ['Postbus 5', '9999 ZZ Teststad'] },
    });
    expect(given.body).toMatchObject({ salutation: 'Beste leden,', addressLines: ['Postbus 5', '9999 ZZ Teststad'] });
    const blank = await api('POST', `/api/v1/organisations/${w.slug}/councils`, {
      token: ADMIN,
      body: { name: 'Seniorenraad', salutation: '  ', recipients: ['s@teststad.example'] },
    });
    expect(blank.body.salutation).toBe('Geachte leden van de Seniorenraad,');
  });

  it('requires a name and at least one valid recipient', async () => {
    const w = await createWorld('CNR');
    const none = await api('POST', `/api/v1/organisations/${w.slug}/councils`, { token: w.tokens.admin, body: { name: '', recipients: [] } });
    expectProblem(none, 422, ['name', 'recipients']);
    expect(messageAt(none, 'recipients')).toBe('Geef ten minste één ontvanger op.');
    const bad = await api('POST', `/api/v1/organisations/${w.slug}/councils`, { token: w.tokens.admin, body: { name: 'Raad', recipients: ['ok@x.example', 'geen'] } });
    expectProblem(bad, 422, ['recipients.1']);
    expect(messageAt(bad, 'recipients.1')).toBe('Vul een geldig e-mailadres in.');
    const twice = await api('POST', `/api/v1/organisations/${w.slug}/councils`, { token: w.tokens.admin, body: { name: 'Raad', recipients: ['raad@x.example', 'Raad@X.example'] } });
    expectProblem(twice, 422, ['recipients.1']);
    expect(messageAt(twice, 'recipients.1')).toBe('Dit e-mailadres staat al in de lijst.');
  });

  it('is for the platform operator and the organisation’s admin', async () => {
    const w = await createWorld('CNA');
    const other = await createWorld('CNB');
    const body = { name: 'Raad', recipients: ['r@x.example'] };
    expectProblem(await api('POST', `/api/v1/organisations/${w.slug}/councils`, { token: w.tokens.official, body }), 403);
    expectProblem(await api('POST', `/api/v1/organisations/${w.slug}/councils`, { token: other.tokens.admin, body }), 404);
    expectProblem(await api('POST', `/api/v1/organisations/geen-gemeente/councils`, { token: ADMIN, body }), 404);
  });
});

describe('POST /api/v1/organisations/{slug}/users', () => {
  it('creates users; council roles need a council of this organisation, staff roles none', async () => {
    const w = await createWorld('USR');
    const other = await createWorld('USO');
    const url = `/api/v1/organisations/${w.slug}/users`;

    const official = await api('POST', url, { token: w.tokens.admin, body: { email: 'Nieuw@Teststad.example', name: 'Nieuwe ambtenaar', role: 'official' } });
    expect(official.status).toBe(201);
    expect(official.body).toEqual({ id: expect.any(String), email: 'nieuw@teststad.example', name: 'Nieuwe ambtenaar', role: 'official', councilId: null });

    const member = await api('POST', url, { token: ADMIN, body: { email: 'lid@teststad.example', name: 'Lid', role: 'council_member', councilId: w.councilId } });
    expect(member.status).toBe(201);
    expect(member.body.councilId).toBe(w.councilId);

    const noCouncil = await api('POST', url, { token: ADMIN, body: { email: 'a@teststad.example', name: 'A', role: 'council_secretary' } });
    expectProblem(noCouncil, 422, ['councilId']);
    expectDutch(messageAt(noCouncil, 'councilId'));

    expectProblem(await api('POST', url, { token: ADMIN, body: { email: 'b@teststad.example', name: 'B', role: 'approver', councilId: w.councilId } }), 422, ['councilId']);
    expectProblem(
      await api('POST', url, { token: ADMIN, body: { email: 'c@teststad.example', name: 'C', role: 'council_member', councilId: other.councilId } }),
      422,
      ['councilId'],
    );
    expectProblem(await api('POST', url, { token: ADMIN, body: { email: 'geen', name: '', role: 'mayor' } }), 422, ['email', 'name', 'role']);

    const taken = await api('POST', url, { token: ADMIN, body: { email: 'nieuw@teststad.example', name: 'Dubbel', role: 'official' } });
    expectProblem(taken, 409);
    expect(messageAt(taken, 'email')).toBeTruthy();
  });

  it('is refused to officials (403) and to admins of another organisation (404)', async () => {
    const w = await createWorld('USP');
    const other = await createWorld('USQ');
    const body = { email: 'x@teststad.example', name: 'X', role: 'official' };
    expectProblem(await api('POST', `/api/v1/organisations/${w.slug}/users`, { token: w.tokens.approver, body }), 403);
    expectProblem(await api('POST', `/api/v1/organisations/${w.slug}/users`, { token: other.tokens.admin, body }), 404);
  });
});

describe('API tokens', () => {
  async function newUserToken(w: Awaited<ReturnType<typeof createWorld>>, body?: unknown) {
    const user = await api('POST', `/api/v1/organisations/${w.slug}/users`, {
      token: ADMIN,
      body: { email: `t-${crypto.randomUUID().slice(0, 6)}@teststad.example`, name: 'Tokenhouder', role: 'official' },
    });
    const token = await api('POST', `/api/v1/organisations/${w.slug}/users/${user.body.id}/tokens`, { token: w.tokens.admin, body });
    return { userId: user.body.id as string, res: token };
  }

  it('issues a working token that is stored only as its hash', async () => {
    const w = await createWorld('TOK');
    const { userId, res } = await newUserToken(w);
    expect(res.status).toBe(201);
    expect(res.body.token).toMatch(/^\S{32,}$/);

    const me = await api('GET', `/api/v1/organisations/${w.slug}`, { token: res.body.token });
    expect(me.status).toBe(200);

    const rows = await env.DB.prepare('SELECT * FROM api_tokens WHERE user_id = ?').bind(userId).all<Record<string, unknown>>();
    expect(rows.results).toHaveLength(1);
    expect(rows.results[0].token_hash).toBe(await sha256Hex(res.body.token));
    // The secret appears nowhere in the database, not in the tokens table nor in the audit log.
    for (const table of ['api_tokens', 'audit_log', 'idempotency_keys', 'users']) {
      const all = await env.DB.prepare(`SELECT * FROM ${table}`).all();
      expect(JSON.stringify(all.results), table).not.toContain(res.body.token);
    }
  });

  it('stops working once revoked', async () => {
    const w = await createWorld('REV');
    const { userId, res } = await newUserToken(w);
    const url = `/api/v1/organisations/${w.slug}/users/${userId}/tokens/${res.body.id}`;
    expect((await api('GET', `/api/v1/organisations/${w.slug}`, { token: res.body.token })).status).toBe(200);
    expectProblem(await api('DELETE', url, { token: w.tokens.official }), 403);
    const revoked = await api('DELETE', url, { token: w.tokens.admin });
    expect(revoked.status).toBe(204);
    expectProblem(await api('GET', `/api/v1/organisations/${w.slug}`, { token: res.body.token }), 401);
    expect((await auditOf(userId)).map((a) => a.action)).toEqual(['user.create', 'token.create', 'token.revoke']);
    expectProblem(await api('DELETE', `/api/v1/organisations/${w.slug}/users/${userId}/tokens/geen-token`, { token: ADMIN }), 404);
  });

  it('stops working once expired', async () => {
    const w = await createWorld('EXP');
    const { res } = await newUserToken(w, { expiresInDays: 30 });
    expect(res.status).toBe(201);
    expect(res.body.expiresAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect((await api('GET', `/api/v1/organisations/${w.slug}`, { token: res.body.token })).status).toBe(200);
    await env.DB.prepare('UPDATE api_tokens SET expires_at = ? WHERE id = ?').bind(new Date(Date.now() - 1000).toISOString(), res.body.id).run();
    expectProblem(await api('GET', `/api/v1/organisations/${w.slug}`, { token: res.body.token }), 401);
  });

  it('refuses a token for a user of another organisation', async () => {
    const w = await createWorld('TKA');
    const other = await createWorld('TKB');
    expectProblem(await api('POST', `/api/v1/organisations/${w.slug}/users/${other.ids.official}/tokens`, { token: ADMIN }), 404);
    expectProblem(await api('POST', `/api/v1/organisations/${w.slug}/users/${w.ids.official}/tokens`, { token: w.tokens.admin, body: { expiresInDays: 0 } }), 422, [
      'expiresInDays',
    ]);
  });
});

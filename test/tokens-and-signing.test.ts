import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ADMIN, api, createWorld, type World, addUser, auditOf, expectDutch, expectProblem, inReviewDossier, authenticatorOf, formValues, signInByMail, signWithPasskey, textOf, web, pageOptions } from './support';

/**
 * Who issues API tokens, and how every signing is recorded (issue 12, point 2); the four-eyes rule
 * (docs/passkeys.md).
 *
 * An organisation admin issues tokens for officials and council roles only. Tokens of approvers and
 * admins come from the platform operator, or from the user themself on their own page right after
 * a passkey assertion. A role change revokes the user's tokens, so that no token outlives the role
 * it was issued for. Every signing records whether a passkey or which API token made it.
 */

const tokensPath = (w: World, userId: string) => `/api/v1/organisations/${w.slug}/users/${userId}/tokens`;
const tokensOf = async (userId: string) => (await env.DB.prepare('SELECT count(*) AS n FROM api_tokens WHERE user_id = ?').bind(userId).first<{ n: number }>())!.n;
const email = (w: World, name: string) => `${name}@${w.slug}.example`;

/** The detail of the latest audit row of `entityId` for `action`, parsed. */
async function auditDetail(entityId: string, action: string): Promise<Record<string, unknown> | null> {
  const row = (await auditOf(entityId)).filter((r) => r.action === action).at(-1);
  return row ? { actor: row.actor_id, ...(JSON.parse(row.detail ?? '{}') as Record<string, unknown>) } : null;
}

describe('who issues API tokens', () => {
  it('an organisation admin: for officials and council roles only (403 with a Dutch reason otherwise)', async () => {
    const w = await createWorld('TKA');
    for (const name of ['official', 'council_member', 'council_secretary']) {
      expect((await api('POST', tokensPath(w, w.ids[name]), { token: w.tokens.admin })).status, name).toBe(201);
    }
    const extraAdmin = await addUser(w, 'admin');
    for (const [name, id] of [['approver', w.ids.approver], ['themself', w.ids.admin], ['another admin', extraAdmin.id]]) {
      const res = await api('POST', tokensPath(w, id), { token: w.tokens.admin });
      const body = expectProblem(res, 403);
      expect(body.detail, name).toMatch(/passkey/);
      expectDutch(body.detail);
    }
    // The platform operator issues them (API.md).
    expect((await api('POST', tokensPath(w, w.ids.approver), { token: ADMIN })).status).toBe(201);
    expect((await api('POST', tokensPath(w, extraAdmin.id), { token: ADMIN })).status).toBe(201);
  });

  it('a role change revokes the user’s tokens: an official’s token never becomes an approver’s', async () => {
    const w = await createWorld('TKR');
    const d = await inReviewDossier(w);
    const issued = await api('POST', tokensPath(w, w.ids.official2), { token: w.tokens.admin });
    expect(issued.status).toBe(201);
    const admin = await signInByMail(email(w, 'admin'));
    const changed = await web('POST', `/organisaties/${w.slug}/beheer/gebruikers/${w.ids.official2}`, { cookie: admin, form: { name: 'Test official2', role: 'approver' } });
    expect(changed.status).toBe(303);
    expect((await api('POST', `/api/v1/advice/${d.id}/approve`, { token: issued.body.token })).status).toBe(401);
    expect((await api('GET', `/api/v1/advice/${d.id}`, { token: w.tokens.official2 })).status).toBe(401);
    expect((await auditOf(w.ids.official2)).filter((r) => r.action === 'token.revoke').length).toBeGreaterThanOrEqual(2);
    // A name change alone keeps them.
    const other = await api('POST', tokensPath(w, w.ids.council_member), { token: w.tokens.admin });
    await web('POST', `/organisaties/${w.slug}/beheer/gebruikers/${w.ids.council_member}`, { cookie: admin, form: { name: 'Nieuwe naam', role: 'council_member', councilId: w.councilId } });
    expect((await api('GET', `/api/v1/organisations/${w.slug}`, { token: other.body.token })).status).toBe(200);
  });
});

describe('an approver’s or admin’s own tokens', () => {
  const PAGE = '/mijn/api-tokens';

  async function issueOwn(w: World, name: string, cookie: string, expiresInDays = '') {
    const page = await web('GET', PAGE, { cookie });
    expect(page.status).toBe(200);
    const credential = await authenticatorOf(email(w, name))!.assert(pageOptions(page.html));
    return web('POST', PAGE, { cookie, form: { ...formValues(page.html, PAGE), credential, expiresInDays } });
  }

  it('are issued on their own page right after a passkey assertion, shown once, and can be revoked there', async () => {
    const w = await createWorld('TKO');
    for (const name of ['approver', 'admin']) {
      const cookie = await signInByMail(email(w, name));
      const before = await tokensOf(w.ids[name]);
      // Without an assertion: nothing.
      const refused = await web('POST', PAGE, { cookie, form: { expiresInDays: '' } });
      expect(refused.status).toBe(403);
      expect(await tokensOf(w.ids[name])).toBe(before);

      const issued = await issueOwn(w, name, cookie, '30');
      expect(issued.status).toBe(200);
      const token = issued.html.match(/<code[^>]*id="new-token"[^>]*>(ww_[^<]+)<\/code>/)![1];
      expect(textOf(issued.html)).toContain('niet opnieuw getoond');
      const me = await api('GET', `/api/v1/organisations/${w.slug}`, { token });
      expect(me.status).toBe(200);
      const audit = await auditDetail(w.ids[name], 'token.create');
      expect(audit).toMatchObject({ actor: w.ids[name], issuedWith: 'passkey', credentialId: expect.any(String) });
      // The page lists it (never the token itself) and revokes it.
      const list = await web('GET', PAGE, { cookie });
      expect(list.html).not.toContain(token);
      const tokenId = audit!.tokenId as string;
      expect(list.html).toContain(`/mijn/api-tokens/${tokenId}/intrekken`);
      expect((await web('POST', `/mijn/api-tokens/${tokenId}/intrekken`, { cookie })).status).toBe(303);
      expect((await api('GET', `/api/v1/organisations/${w.slug}`, { token })).status).toBe(401);
    }
  });

  it('refuse an assertion that is replayed or was made for signing, and anyone but approvers and admins', async () => {
    const w = await createWorld('TKX');
    const cookie = await signInByMail(email(w, 'approver'));
    const before = await tokensOf(w.ids.approver);
    const page = await web('GET', PAGE, { cookie });
    const credential = await authenticatorOf(email(w, 'approver'))!.assert(pageOptions(page.html));
    expect((await web('POST', PAGE, { cookie, form: { credential } })).status).toBe(200);
    expect((await web('POST', PAGE, { cookie, form: { credential } })).status).toBe(403);

    // An assertion for a signing challenge is no token request.
    const d = await inReviewDossier(w);
    const sign = await web('GET', `/adviezen/${d.id}/ondertekenen`, { cookie });
    const forSigning = await authenticatorOf(email(w, 'approver'))!.assert(pageOptions(sign.html));
    expect((await web('POST', PAGE, { cookie, form: { credential: forSigning } })).status).toBe(403);
    expect(await tokensOf(w.ids.approver)).toBe(before + 1);

    for (const name of ['official', 'council_member']) {
      const other = await signInByMail(email(w, name));
      expect((await web('GET', PAGE, { cookie: other })).status, name).toBe(403);
    }
  });
});

describe('every signing records how it was made', () => {
  it('with an API token: the token’s id, in the audit trail and on the dossier page', async () => {
    const w = await createWorld('SGT');
    const d = await inReviewDossier(w);
    const issued = await api('POST', tokensPath(w, w.ids.approver2), { token: ADMIN });
    expect((await api('POST', `/api/v1/advice/${d.id}/approve`, { token: issued.body.token })).status).toBe(200);
    expect(await auditDetail(d.id, 'advice.approve')).toMatchObject({ actor: w.ids.approver2, signedWith: 'token', tokenId: issued.body.id });
    const page = await web('GET', `/adviezen/${d.id}`, { cookie: await signInByMail(email(w, 'official')) });
    expect(textOf(page.html)).toContain(`met API-token ${issued.body.id.slice(0, 8)}`);
  });

  it('with a passkey: the credential, in the audit trail and on the dossier page', async () => {
    const w = await createWorld('SGP');
    const d = await inReviewDossier(w);
    const cookie = await signInByMail(email(w, 'approver'));
    expect((await signWithPasskey(email(w, 'approver'), cookie, d.id)).status).toBe(303);
    const detail = await auditDetail(d.id, 'advice.approve');
    const assertion = await auditDetail(d.id, 'advice.sign-assertion');
    expect(detail).toMatchObject({ actor: w.ids.approver, signedWith: 'passkey', credentialId: assertion!.credentialId });
    const page = await web('GET', `/adviezen/${d.id}`, { cookie });
    expect(textOf(page.html)).toContain('met een passkey');
  });
});

describe('the four-eyes rule (docs/passkeys.md)', () => {
  it('an approver who wrote responses may sign what another official sent for approval; the audit shows both', async () => {
    const w = await createWorld('FEA');
    const d = await inReviewDossier(w);
    // Back to work: the approver writes a response themself, then the official asks again.
    expect((await api('POST', `/api/v1/advice/${d.id}/return`, { token: w.tokens.approver, body: { comment: 'Ik pas vraag 1 zelf aan.' } })).status).toBe(200);
    const item = d.items[0];
    const current = (await api('GET', `/api/v1/advice/${d.id}`, { token: w.tokens.approver })).body.items[0].response;
    const saved = await api('PUT', `/api/v1/advice/${d.id}/items/${item.id}/response`, {
      token: w.tokens.approver,
      body: { text: 'Aangepast door de fiatteur.', status: current.status, version: current.version },
    });
    expect(saved.status).toBe(200);
    expect((await api('POST', `/api/v1/advice/${d.id}/request-approval`, { token: w.tokens.official })).status).toBe(200);
    const approved = await api('POST', `/api/v1/advice/${d.id}/approve`, { token: w.tokens.approver });
    expect(approved.status).toBe(200);
    const revision = await env.DB.prepare('SELECT created_by FROM response_revisions WHERE item_id = ? ORDER BY version DESC LIMIT 1').bind(item.id).first('created_by');
    expect(revision).toBe(w.ids.approver);
    const audit = await auditOf(d.id);
    expect(audit.filter((r) => r.action === 'advice.request_approval').at(-1)!.actor_id).toBe(w.ids.official);
    expect(audit.find((r) => r.action === 'advice.approve')!.actor_id).toBe(w.ids.approver);
  });

  it('nobody signs what they sent for approval themselves, whatever their role is now', async () => {
    const w = await createWorld('FEB');
    const d = await inReviewDossier(w); // requested by `official`
    const admin = await signInByMail(email(w, 'admin'));
    expect((await web('POST', `/organisaties/${w.slug}/beheer/gebruikers/${w.ids.official}`, { cookie: admin, form: { name: 'Test official', role: 'approver' } })).status).toBe(303);
    const token = (await api('POST', tokensPath(w, w.ids.official), { token: ADMIN })).body.token;
    const res = await api('POST', `/api/v1/advice/${d.id}/approve`, { token });
    expect(expectProblem(res, 403).detail).toMatch(/zelf om goedkeuring gevraagd/);
    expect((await api('GET', `/api/v1/advice/${d.id}`, { token: w.tokens.approver })).body.status).toBe('in_review');
  });
});

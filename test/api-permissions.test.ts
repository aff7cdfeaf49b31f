import { describe, expect, it } from 'vitest';
import { adviceInput, answerAll, api, createWorld, submittedDossier, type World, addCouncil, auditOf, draftDossier, inReviewDossier } from './support';

const inProgress = async (x: World) => {
  const d = await submittedDossier(x);
  await answerAll(x, d);
  return d;
};

/*
 * Who may call which route, per role and dossier state, is the security matrix
 * (test/security-matrix.test.ts, generated from the route table). This file proves tenancy in depth:
 * another tenant's dossier cannot be told apart from one that does not exist, and nothing changes.
 */

describe('tenancy', () => {
  it('another organisation’s dossier is 404 for every method, even with valid bodies', async () => {
    const [a, b] = await Promise.all([createWorld('TNA'), createWorld('TNB')]);
    const draft = await draftDossier(a);
    const fresh = await submittedDossier(a);
    const started = await inProgress(a);
    const review = await inReviewDossier(a);
    const before = await Promise.all([draft, fresh, started, review].map(async (d) => [await api('GET', `/api/v1/advice/${d.id}`, { token: a.tokens.council_member }), await auditOf(d.id)]));

    // Each request would succeed for the right role of organisation a; b's same role gets 404.
    const probes: [string, string, string, unknown?][] = [
      ['GET', `/api/v1/advice/${fresh.id}`, 'official'],
      ['GET', `/api/v1/advice/${draft.id}`, 'council_member'],
      ['PUT', `/api/v1/advice/${draft.id}`, 'council_member', adviceInput(b.councilId)],
      ['PUT', `/api/v1/advice/${draft.id}`, 'council_secretary', adviceInput(a.councilId)],
      ['POST', `/api/v1/advice/${draft.id}/submit`, 'council_secretary'],
      ['PUT', `/api/v1/advice/${fresh.id}/items/${fresh.items[0].id}/response`, 'official', { text: 'Antwoord.', status: 'answered', version: 0 }],
      ['PUT', `/api/v1/advice/${started.id}/items/${started.items[1].id}/response`, 'approver', { text: 'Anders.', status: 'partly', version: 1 }],
      ['POST', `/api/v1/advice/${started.id}/request-approval`, 'official'],
      ['POST', `/api/v1/advice/${review.id}/return`, 'approver', { comment: 'Terug.' }],
      ['POST', `/api/v1/advice/${review.id}/approve`, 'approver'],
      ['POST', `/api/v1/advice/${review.id}/send`, 'official'],
      ['GET', `/api/v1/advice/${review.id}/letter.pdf`, 'official'],
      ['GET', `/api/v1/advice/${review.id}/letter.html`, 'approver'],
    ];
    for (const [method, path, role, body] of probes) {
      const res = await api(method, path, { token: b.tokens[role], body });
      expect(res.status, `${method} ${path} as ${role}`).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    // The same answer as for a dossier that does not exist: nothing tells the two apart.
    const missing = await api('GET', `/api/v1/advice/${crypto.randomUUID()}`, { token: b.tokens.official });
    const foreign = await api('GET', `/api/v1/advice/${fresh.id}`, { token: b.tokens.official });
    const { instance: _i1, ...m } = missing.body;
    const { instance: _i2, ...f } = foreign.body;
    expect(f).toEqual(m);
    // And nothing changed.
    const after = await Promise.all([draft, fresh, started, review].map(async (d) => [await api('GET', `/api/v1/advice/${d.id}`, { token: a.tokens.council_member }), await auditOf(d.id)]));
    expect(after.map(([r, audit]) => [(r as { body: unknown }).body, audit])).toEqual(before.map(([r, audit]) => [(r as { body: unknown }).body, audit]));
  });

  it('another organisation’s lists and settings are 404', async () => {
    const [a, b] = await Promise.all([createWorld('TLA'), createWorld('TLB')]);
    for (const path of [`/api/v1/organisations/${a.slug}`, `/api/v1/organisations/${a.slug}/advice`, `/api/v1/organisations/${a.slug}/councils`, `/api/v1/organisations/${a.slug}/users`]) {
      expect((await api('GET', path, { token: b.tokens.admin })).status, path).toBe(404);
    }
    expect((await api('POST', `/api/v1/organisations/${a.slug}/advice`, { token: b.tokens.council_member, body: adviceInput(b.councilId) })).status).toBe(404);
  });

  it('members of another council of the same organisation get 404', async () => {
    const a = await createWorld('TCA');
    const c2 = await addCouncil(a);
    const draft = await draftDossier(a);
    const fresh = await submittedDossier(a);
    for (const token of [c2.member.token, c2.secretary.token]) {
      expect((await api('GET', `/api/v1/advice/${draft.id}`, { token })).status).toBe(404);
      expect((await api('GET', `/api/v1/advice/${fresh.id}`, { token })).status).toBe(404);
      expect((await api('PUT', `/api/v1/advice/${draft.id}`, { token, body: adviceInput(c2.councilId) })).status).toBe(404);
      expect((await api('POST', `/api/v1/advice/${draft.id}/submit`, { token })).status).toBe(404);
    }
    expect((await api('GET', `/api/v1/advice/${draft.id}`, { token: a.tokens.council_member })).body).toMatchObject({ status: 'draft', council: { id: a.councilId } });
  });

  it('officials, approvers and admins do not see drafts', async () => {
    const a = await createWorld('TDR');
    const draft = await draftDossier(a);
    for (const role of ['official', 'approver', 'admin']) {
      expect((await api('GET', `/api/v1/advice/${draft.id}`, { token: a.tokens[role] })).status, role).toBe(404);
      expect(
        (await api('PUT', `/api/v1/advice/${draft.id}/items/${draft.items[0].id}/response`, { token: a.tokens[role], body: { text: 'Vroeg.', status: 'answered', version: 0 } }))
          .status,
        role,
      ).toBe(404);
    }
  });
});

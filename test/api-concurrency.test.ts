import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { adviceInput, answerAll, api, createWorld, submittedDossier, auditOf, count, draftDossier, expectProblem, inReviewDossier, race } from './support';
import { todayInAmsterdam } from '../schema/dates';

const statuses = (results: { status: number }[]) => results.map((r) => r.status).sort();

describe('racing requests', () => {
  it('concurrent submissions get distinct, gapless references', async () => {
    const w = await createWorld('RAC');
    const N = 12;
    const drafts = await Promise.all(Array.from({ length: N }, () => draftDossier(w)));
    // All N have read their draft and prepared their batch before any batch runs.
    const results = await race(N, (call) => Promise.all(drafts.map((d) => call('POST', `/api/v1/advice/${d.id}/submit`, { token: w.tokens.council_secretary }))));
    expect(statuses(results)).toEqual(Array(N).fill(200));
    const year = todayInAmsterdam().slice(0, 4);
    const expected = Array.from({ length: N }, (_, i) => `RAC-${year}-${String(i + 1).padStart(5, '0')}`);
    expect(results.map((r) => r.body.reference).sort()).toEqual(expected);
    // What each answer says is what is stored.
    const { results: rows } = await env.DB.prepare('SELECT id, reference FROM advice WHERE org_id = ?').bind(w.orgId).all<{ id: string; reference: string }>();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.reference]))).toEqual(Object.fromEntries(drafts.map((d, i) => [d.id, results[i].body.reference])));
    expect(await count('SELECT last AS n FROM reference_counters WHERE org_id = ?', w.orgId)).toBe(N);
  });

  it('the same dossier submitted twice at once is submitted once', async () => {
    const w = await createWorld('RSS');
    const d = await draftDossier(w);
    const results = await race(3, (call) => Promise.all([1, 2, 3].map(() => call('POST', `/api/v1/advice/${d.id}/submit`, { token: w.tokens.council_secretary }))));
    expect(statuses(results)).toEqual([200, 409, 409]);
    expect(await count('SELECT last AS n FROM reference_counters WHERE org_id = ?', w.orgId)).toBe(1);
    expect((await auditOf(d.id)).filter((a) => a.action === 'advice.submit')).toHaveLength(1);
    // The next dossier continues the sequence without a gap.
    expect((await submittedDossier(w)).submission.reference).toMatch(/-00002$/);
  });

  it('two approvers approving at once: one signs, the other gets 409', async () => {
    const w = await createWorld('RAP');
    const d = await inReviewDossier(w);
    const [a, b] = await race(2, (call) =>
      Promise.all([
        call('POST', `/api/v1/advice/${d.id}/approve`, { token: w.tokens.approver }),
        call('POST', `/api/v1/advice/${d.id}/approve`, { token: w.tokens.approver2 }),
      ]),
    );
    expect(statuses([a, b])).toEqual([200, 409]);
    const [winner, loser] = a.status === 200 ? [a, b] : [b, a];
    expectProblem(loser, 409);
    const approvals = (await auditOf(d.id)).filter((x) => x.action === 'advice.approve');
    expect(approvals).toHaveLength(1);
    const dossier = (await api('GET', `/api/v1/advice/${d.id}`, { token: w.tokens.official })).body;
    expect(dossier.letter.sha256).toBe(winner.body.letter.sha256);
    expect(dossier.letter.signedBy.id).toBe(approvals[0].actor_id);
  });

  it('approve racing return: exactly one wins', async () => {
    const w = await createWorld('RAR');
    const d = await inReviewDossier(w);
    const results = await race(2, (call) =>
      Promise.all([
        call('POST', `/api/v1/advice/${d.id}/approve`, { token: w.tokens.approver }),
        call('POST', `/api/v1/advice/${d.id}/return`, { token: w.tokens.approver2, body: { comment: 'Nog niet.' } }),
      ]),
    );
    expect(statuses(results)).toEqual([200, 409]);
    const audit = (await auditOf(d.id)).filter((x) => x.action === 'advice.approve' || x.action === 'advice.return');
    expect(audit).toHaveLength(1);
    const status = (await api('GET', `/api/v1/advice/${d.id}`, { token: w.tokens.official })).body.status;
    expect(status).toBe(results[0].status === 200 ? 'signed' : 'in_progress');
  });

  it('two officials requesting approval at once: one audit row', async () => {
    const w = await createWorld('RRA');
    const d = await submittedDossier(w);
    await answerAll(w, d);
    const results = await race(2, (call) =>
      Promise.all([
        call('POST', `/api/v1/advice/${d.id}/request-approval`, { token: w.tokens.official }),
        call('POST', `/api/v1/advice/${d.id}/request-approval`, { token: w.tokens.official2 }),
      ]),
    );
    expect(statuses(results)).toEqual([200, 409]);
    expect((await auditOf(d.id)).filter((x) => x.action === 'advice.request_approval')).toHaveLength(1);
  });

  // A response write checks its version only inside its batch (UPDATE … WHERE version = ?, or an
  // insert that must not conflict), so a racing writer and a late one take the same path.
  it.each([0, 1])('two writers with the same version %i: one saves, the other gets the current response', async (version) => {
    const w = await createWorld('RRS');
    const d = await submittedDossier(w);
    const item = d.items[1];
    const url = `/api/v1/advice/${d.id}/items/${item.id}/response`;
    if (version === 1) await api('PUT', url, { token: w.tokens.approver, body: { text: 'Basis.', status: 'adopted', version: 0 } });
    const [a, b] = await Promise.all([
      api('PUT', url, { token: w.tokens.official, body: { text: 'Versie van de eerste ambtenaar.', status: 'adopted', version } }),
      api('PUT', url, { token: w.tokens.official2, body: { text: 'Versie van de tweede ambtenaar.', status: 'partly', version } }),
    ]);
    expect(statuses([a, b])).toEqual([200, 409]);
    const [winner, loser] = a.status === 200 ? [a, b] : [b, a];
    const problem = expectProblem(loser, 409);
    expect(problem.current).toEqual({
      text: winner.body.text,
      status: winner.body.status,
      version: version + 1,
      updatedAt: winner.body.updatedAt,
      updatedBy: winner.body.updatedBy,
    });
    const stored = (await api('GET', `/api/v1/advice/${d.id}`, { token: w.tokens.official })).body.items[1].response;
    expect(stored).toEqual(problem.current);
    const { results: revisions } = await env.DB.prepare('SELECT version, text FROM response_revisions WHERE item_id = ? ORDER BY version').bind(item.id).all();
    expect(revisions).toHaveLength(version + 1);
    expect(revisions.at(-1)).toEqual({ version: version + 1, text: winner.body.text });
  });

  it('first responses to different items at once: both saved, the dossier starts once', async () => {
    const w = await createWorld('RFS');
    const d = await submittedDossier(w);
    const results = await Promise.all(
      d.items.map((item) =>
        api('PUT', `/api/v1/advice/${d.id}/items/${item.id}/response`, {
          token: w.tokens.official,
          body: { text: 'Reactie.', status: item.kind === 'question' ? 'answered' : 'adopted', version: 0 },
        }),
      ),
    );
    expect(statuses(results)).toEqual([200, 200, 200]);
    expect((await auditOf(d.id)).filter((x) => x.action === 'advice.start')).toHaveLength(1);
    expect((await api('GET', `/api/v1/advice/${d.id}`, { token: w.tokens.official })).body.status).toBe('in_progress');
  });

  it('a response racing request-approval never lands in a dossier under review', async () => {
    const w = await createWorld('RRV');
    const d = await submittedDossier(w);
    await answerAll(w, d);
    const [edit, request] = await Promise.all([
      api('PUT', `/api/v1/advice/${d.id}/items/${d.items[1].id}/response`, { token: w.tokens.official2, body: { text: 'Laatste wijziging.', status: 'partly', version: 1 } }),
      api('POST', `/api/v1/advice/${d.id}/request-approval`, { token: w.tokens.official }),
    ]);
    expect(request.status).toBe(200);
    const review = (await api('GET', `/api/v1/advice/${d.id}`, { token: w.tokens.approver })).body;
    const revisions = await count('SELECT count(*) AS n FROM response_revisions WHERE item_id = ?', d.items[1].id);
    if (edit.status === 200) {
      expect(review.items[1].response.text).toBe('Laatste wijziging.');
      expect(revisions).toBe(2);
    } else {
      expect(edit.status).toBe(409);
      expect(review.items[1].response.version).toBe(1);
      expect(revisions).toBe(1);
    }
  });

  it('the same Idempotency-Key sent twice at once creates one dossier', async () => {
    const w = await createWorld('RID');
    const headers = { 'idempotency-key': crypto.randomUUID() };
    const results = await Promise.all(
      [1, 2, 3].map(() => api('POST', `/api/v1/organisations/${w.slug}/advice`, { token: w.tokens.council_member, body: adviceInput(w.councilId), headers })),
    );
    expect(await count('SELECT count(*) AS n FROM advice WHERE org_id = ?', w.orgId)).toBe(1);
    const created = results.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    // The others either replayed the answer or were told the first is still being processed.
    for (const r of results.filter((x) => x.status !== 201)) expectProblem(r, 409);
  });
});

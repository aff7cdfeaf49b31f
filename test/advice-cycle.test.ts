import { describe, expect, it } from 'vitest';
import { api, createWorld, submittedDossier, answerAll } from './support';

describe('the advice cycle over the API', () => {
  it('goes from a draft to a signed letter', async () => {
    const w = await createWorld('CYC');
    const d = await submittedDossier(w);
    expect(d.submission.reference).toMatch(/^CYC-\d{4}-00001$/);
    expect(d.items.map((i) => `${i.kind}${i.number}`)).toEqual(['question1', 'advice1', 'advice2']);

    await answerAll(w, d);
    let dossier = await api('GET', `/api/v1/advice/${d.id}`, { token: w.tokens.official });
    expect(dossier.body.status).toBe('in_progress');
    expect(dossier.body.items.every((i: any) => i.response?.version === 1)).toBe(true);

    expect((await api('POST', `/api/v1/advice/${d.id}/request-approval`, { token: w.tokens.official })).body).toEqual({ status: 'in_review' });
    const approved = await api('POST', `/api/v1/advice/${d.id}/approve`, { token: w.tokens.approver });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('signed');
    expect(approved.body.letter.sha256).toMatch(/^[0-9a-f]{64}$/);

    dossier = await api('GET', `/api/v1/advice/${d.id}`, { token: w.tokens.official });
    expect(dossier.body.status).toBe('signed');
    expect(dossier.body.letter.signedBy.name).toBe('Test approver');
  });
});

import { describe, expect, it } from 'vitest';
import { api, createWorld, submittedDossier, mailsOf, signInByMail, textOf, web } from './support';
import { dossierShape } from '../schema/advice';
import { visibleDossier } from '../schema/dossier-view';

/**
 * What council members and secretaries read of a dossier before the answer is sent to them
 * (issue 12, point 1): no draft responses and no comment of the approver, on any surface: the API,
 * the pages, the mails. Once sent they read the answer. The security matrix checks the same in
 * every state for every caller.
 */

const COMMENT = 'INTERN: de wethouder wil alinea 2 anders, niet voor de raad.';
const RESPONSE = 'Concept: wij nemen dit advies waarschijnlijk over.';

describe('council roles and the draft answer', () => {
  it('see neither draft responses nor the approver’s comment until the dossier is sent; then the answer', async () => {
    const w = await createWorld('CVW');
    const d = await submittedDossier(w);
    const councilCookies = { member: await signInByMail(`council_member@${w.slug}.example`), secretary: await signInByMail(`council_secretary@${w.slug}.example`) };
    const officialCookie = await signInByMail(`official@${w.slug}.example`);

    const councilSees = async (state: string, expectDrafts: boolean) => {
      for (const role of ['council_member', 'council_secretary'] as const) {
        const got = await api('GET', `/api/v1/advice/${d.id}`, { token: w.tokens[role] });
        expect(got.status).toBe(200);
        expect(got.body.status).toBe(state);
        expect(dossierShape.safeParse(got.body).success).toBe(true);
        if (expectDrafts) {
          expect(got.body.items.every((i: { response: unknown }) => i.response !== null), `${role} ${state}`).toBe(true);
        } else {
          expect(got.body.items.map((i: { response: unknown }) => i.response), `${role} ${state}`).toEqual(d.items.map(() => null));
          expect(got.body.returnComment, `${role} ${state}`).toBeNull();
        }
        const cookie = councilCookies[role === 'council_member' ? 'member' : 'secretary'];
        const page = await web('GET', `/adviezen/${d.id}`, { cookie });
        expect(page.status).toBe(200);
        expect(page.html).not.toContain('INTERN:');
        if (expectDrafts) {
          // Sent: the page shows the letter, which carries the answer.
          const letter = await web('GET', `/adviezen/${d.id}/brief.html`, { cookie });
          expect(letter.status).toBe(200);
          expect(textOf(letter.html)).toContain(RESPONSE);
        } else {
          expect(textOf(page.html), `${role} page ${state}`).not.toContain(RESPONSE);
        }
      }
    };

    // In progress: officials have answered in draft.
    for (const item of d.items) {
      const r = await api('PUT', `/api/v1/advice/${d.id}/items/${item.id}/response`, {
        token: w.tokens.official,
        body: { text: RESPONSE, status: item.kind === 'question' ? 'answered' : 'adopted', version: 0 },
      });
      expect(r.status).toBe(200);
    }
    await councilSees('in_progress', false);
    // Staff see the drafts.
    expect((await api('GET', `/api/v1/advice/${d.id}`, { token: w.tokens.official })).body.items[0].response.text).toBe(RESPONSE);

    // In review, then returned with an internal comment.
    expect((await api('POST', `/api/v1/advice/${d.id}/request-approval`, { token: w.tokens.official })).status).toBe(200);
    await councilSees('in_review', false);
    expect((await api('POST', `/api/v1/advice/${d.id}/return`, { token: w.tokens.approver, body: { comment: COMMENT } })).status).toBe(200);
    expect((await api('GET', `/api/v1/advice/${d.id}`, { token: w.tokens.official })).body.returnComment).toBe(COMMENT);
    expect(textOf((await web('GET', `/adviezen/${d.id}`, { cookie: officialCookie })).html)).toContain(COMMENT);
    await councilSees('in_progress', false);

    // Signed: still not sent.
    expect((await api('POST', `/api/v1/advice/${d.id}/request-approval`, { token: w.tokens.official })).status).toBe(200);
    expect((await api('POST', `/api/v1/advice/${d.id}/approve`, { token: w.tokens.approver })).status).toBe(200);
    await councilSees('signed', false);

    // No mail to the council (or its members) carried a draft or the comment.
    const council = (await api('GET', `/api/v1/organisations/${w.slug}/councils`, { token: w.tokens.official })).body.items[0];
    const councilAddresses = new Set([...council.recipients, `council_member@${w.slug}.example`, `council_secretary@${w.slug}.example`]);
    const toCouncil = (await mailsOf(d.id)).filter((m) => m.to.some((t: string) => councilAddresses.has(t)));
    expect(toCouncil.length).toBeGreaterThan(0);
    for (const m of toCouncil) for (const part of [m.subject, m.html, m.text]) expect(part).not.toMatch(/INTERN:|Concept: wij nemen/);

    // Sent: the council reads the answer.
    expect((await api('POST', `/api/v1/advice/${d.id}/send`, { token: w.tokens.official })).status).toBe(202);
    await councilSees('sent', true);
  });

  it('the rule is one pure function, used by the API and the pages', () => {
    const dossier = {
      ...({} as Omit<Parameters<typeof visibleDossier>[0], 'items' | 'status' | 'returnComment'>),
      status: 'in_progress' as const,
      returnComment: COMMENT,
      items: [{ id: 'i', kind: 'advice' as const, number: 1, section: null, text: 'Doe het.', response: { text: RESPONSE, status: 'adopted' as const, version: 1, updatedAt: '', updatedBy: { id: 'u', name: 'A' } } }],
    };
    const forCouncil = visibleDossier(dossier, 'council_member');
    expect(forCouncil.returnComment).toBeNull();
    expect(forCouncil.items[0].response).toBeNull();
    expect(visibleDossier(dossier, 'official')).toBe(dossier);
    expect(visibleDossier({ ...dossier, status: 'sent' }, 'council_secretary').items[0].response?.text).toBe(RESPONSE);
  });

  it('the OpenAPI document says so', async () => {
    const doc = (await api('GET', '/api/v1/openapi.json')).body;
    const dossier = doc.components.schemas.Dossier;
    expect(dossier.properties.returnComment.description).toMatch(/council members and secretaries.*until the dossier is sent/i);
    expect(doc.components.schemas.Response.description).toMatch(/council members and secretaries.*until the dossier is sent/i);
  });
});

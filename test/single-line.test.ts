import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ADMIN, adviceInput, api, createWorld, organisationInput, expectDutch, expectProblem, messageAt, mailsOf, formValues, signInByMail, textOf, web } from './support';

/**
 * Single-line fields (titles, references, names, section headings, address lines, the council's
 * salutation) refuse line breaks and other control characters with a Dutch 422 (issue 12, point 7);
 * multi-line fields keep theirs; mail subjects are one line whatever is stored.
 */

const INJECTION = 'Advies\r\nBcc: buit@evil.example';
const CONTROL = ['a\nb', 'a\rb', 'a\tb', 'a\u0000b', 'a\u001bb', 'a\u007fb', 'a\u0085b', 'a\u2028b', 'a\u2029b'];

function expectSingleLineRefusal(res: Awaited<ReturnType<typeof api>>, path: string) {
  expectProblem(res, 422);
  const message = messageAt(res, path);
  expect(message, `${path}: ${JSON.stringify(res.body)}`).toMatch(/één regel/);
  expectDutch(message);
}

describe('single-line fields refuse control characters (API)', () => {
  it('in an advice: title, policy document, council reference, section headings; on create and on replace', async () => {
    const w = await createWorld('SLA');
    const fields: [string, (v: string) => unknown][] = [
      ['title', (v) => ({ ...adviceInput(w.councilId), title: v })],
      ['policyDocument', (v) => ({ ...adviceInput(w.councilId), policyDocument: v })],
      ['councilReference', (v) => ({ ...adviceInput(w.councilId), councilReference: v })],
      ['items.0.section', (v) => adviceInput(w.councilId, [{ kind: 'advice', section: v, text: 'Doe het.' }])],
    ];
    for (const [path, body] of fields) {
      for (const bad of [INJECTION, ...CONTROL]) {
        const res = await api('POST', `/api/v1/organisations/${w.slug}/advice`, { token: w.tokens.council_member, body: body(bad) });
        expectSingleLineRefusal(res, path);
      }
    }
    const draft = await api('POST', `/api/v1/organisations/${w.slug}/advice`, { token: w.tokens.council_member, body: adviceInput(w.councilId) });
    expect(draft.status).toBe(201);
    expectSingleLineRefusal(await api('PUT', `/api/v1/advice/${draft.body.id}`, { token: w.tokens.council_member, body: { ...adviceInput(w.councilId), title: INJECTION } }), 'title');

    // Multi-line fields keep their line breaks.
    const multi = { ...adviceInput(w.councilId), intro: 'Eerste alinea.\n\nTweede alinea.', items: [{ kind: 'advice', text: 'Regel een.\nRegel twee.' }] };
    const created = await api('POST', `/api/v1/organisations/${w.slug}/advice`, { token: w.tokens.council_member, body: multi });
    expect(created.status).toBe(201);
    expect(created.body.items[0].text).toBe('Regel een.\nRegel twee.');
  });

  it('in an organisation, a council, a user and a holiday', async () => {
    const w = await createWorld('SLO');
    const org = (patch: (o: ReturnType<typeof organisationInput>) => void) => {
      const o = organisationInput();
      patch(o);
      return o;
    };
    const cases: [string, string, string, unknown, string][] = [
      ['POST', '/api/v1/organisations', 'name', org((o) => (o.name = INJECTION)), ADMIN],
      ['POST', '/api/v1/organisations', 'letterhead.addressLines.1', org((o) => (o.letterhead.addressLines[1] = INJECTION)), ADMIN],
      ['POST', '/api/v1/organisations', 'letterhead.phone', org((o) => (o.letterhead.phone = INJECTION)), ADMIN],
      ['POST', '/api/v1/organisations', 'letterhead.website', org((o) => (o.letterhead.website = INJECTION)), ADMIN],
      ['POST', '/api/v1/organisations', 'signatories.0.title', org((o) => (o.signatories[0].title = INJECTION)), ADMIN],
      ['POST', '/api/v1/organisations', 'signatories.1.name', org((o) => (o.signatories[1].name = INJECTION)), ADMIN],
      ['POST', '/api/v1/organisations', 'signOff', org((o) => (o.signOff = INJECTION)), ADMIN],
      ['POST', '/api/v1/organisations', 'contact.name', org((o) => (o.contact.name = INJECTION)), ADMIN],
      ['POST', '/api/v1/organisations', 'contact.phone', org((o) => (o.contact.phone = INJECTION)), ADMIN],
      ['PATCH', `/api/v1/organisations/${w.slug}`, 'name', { name: INJECTION }, w.tokens.admin],
      ['POST', `/api/v1/organisations/${w.slug}/councils`, 'name', { name: INJECTION, recipients: ['a@x.example'] }, w.tokens.admin],
      ['POST', `/api/v1/organisations/${w.slug}/councils`, 'salutation', { name: 'Raad', salutation: 'Geachte leden,\r\nBcc: x@evil.example', recipients: ['a@x.example'] }, w.tokens.admin],
      ['POST', `/api/v1/organisations/${w.slug}/councils`, 'addressLines.0', { name: 'Raad', recipients: ['a@x.example'], addressLines: [INJECTION] }, w.tokens.admin],
      ['POST', `/api/v1/organisations/${w.slug}/users`, 'name', { email: 'n@x.example', name: INJECTION, role: 'official' }, w.tokens.admin],
      ['POST', '/api/v1/holidays', 'name', { date: '1999-06-02', name: INJECTION, orgSlug: w.slug }, ADMIN],
    ];
    for (const [method, path, field, body, token] of cases) expectSingleLineRefusal(await api(method, path, { token, body }), field);
  });
});

describe('single-line fields refuse control characters (web)', () => {
  it('the advice form shows the error beside the title and keeps what was typed', async () => {
    const w = await createWorld('SLW');
    const cookie = await signInByMail(`council_member@${w.slug}.example`);
    const blank = await web('GET', '/adviezen/nieuw', { cookie });
    const form = { ...formValues(blank.html, '/adviezen/nieuw'), title: 'Titel\tmet tab', letterDate: '2026-10-01', 'items.0.text': 'Doe het.', action: 'save' };
    const res = await web('POST', '/adviezen/nieuw', { cookie, form });
    expect(res.status).toBe(422);
    expect(textOf(res.html)).toMatch(/één regel/);
    expect(res.html).toMatch(/aria-describedby="[^"]*f-title/);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM advice WHERE title LIKE ?').bind('Titel%met tab').first<{ n: number }>()).toEqual({ n: 0 });
  });
});

describe('mail subjects are one line', () => {
  it('even for a title stored before the rule: whitespace collapsed, no header of its own', async () => {
    const w = await createWorld('SLM');
    const created = await api('POST', `/api/v1/organisations/${w.slug}/advice`, { token: w.tokens.council_member, body: adviceInput(w.councilId) });
    // As if written before single-line fields refused line breaks.
    await env.DB.prepare('UPDATE advice SET title = ? WHERE id = ?').bind(`${INJECTION}\u2028\tslot`, created.body.id).run();
    expect((await api('POST', `/api/v1/advice/${created.body.id}/submit`, { token: w.tokens.council_secretary })).status).toBe(200);
    const mails = await mailsOf(created.body.id);
    expect(mails.length).toBeGreaterThan(0);
    for (const m of mails) {
      expect(m.subject).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
      expect(m.subject).toContain('"Advies Bcc: buit@evil.example slot"');
    }
  });
});

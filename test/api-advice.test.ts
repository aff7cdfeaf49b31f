import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ADMIN, adviceInput, answerAll, api, createWorld, submittedDossier, type World, addCouncil, auditOf, count, draftDossier, expectDutch, expectProblem, inReviewDossier, messageAt, signedDossier } from './support';
import { dueDate } from '../worker/lib/due-date';
import { todayInAmsterdam } from '../schema/dates';
import { dossierShape } from '../schema/advice';

const mixedItems = [
  { kind: 'question' as const, text: 'Welke wijken komen eerst aan de beurt?' },
  { kind: 'advice' as const, section: 'Bereikbaarheid', text: 'Houd het loket ook op zaterdag open.' },
  { kind: 'advice' as const, section: 'Bereikbaarheid', text: 'Bied hulp bij het invullen van formulieren.' },
  { kind: 'question' as const, section: 'Financiën', text: 'Hoe wordt het budget verdeeld?' },
  { kind: 'advice' as const, section: 'Financiën', text: 'Reserveer geld voor evaluatie.' },
];

const respond = (w: World, id: string, itemId: string, body: unknown, token = w.tokens.official) =>
  api('PUT', `/api/v1/advice/${id}/items/${itemId}/response`, { token, body });

describe('POST /api/v1/organisations/{slug}/advice', () => {
  it('creates a draft; questions and advice are numbered separately in the order given', async () => {
    const w = await createWorld('ADC');
    const res = await api('POST', `/api/v1/organisations/${w.slug}/advice`, { token: w.tokens.council_member, body: adviceInput(w.councilId, mixedItems) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: expect.any(String), status: 'draft' });
    expect(res.body.items.map((i: { kind: string; number: number }) => [i.kind, i.number])).toEqual([
      ['question', 1],
      ['advice', 1],
      ['advice', 2],
      ['question', 2],
      ['advice', 3],
    ]);
    expect(new Set(res.body.items.map((i: { id: string }) => i.id)).size).toBe(5);
    expect((await auditOf(res.body.id)).map((a) => [a.action, a.actor_id, a.to_status])).toEqual([['advice.create', w.ids.council_member, 'draft']]);

    const read = await api('GET', `/api/v1/advice/${res.body.id}`, { token: w.tokens.council_secretary });
    expect(read.body.items[3]).toEqual({ id: res.body.items[3].id, kind: 'question', number: 2, section: 'Financiën', text: 'Hoe wordt het budget verdeeld?', response: null });
    expect(read.body.items[0].section).toBeNull();
  });

  it('refuses bad input with one Dutch error per field', async () => {
    const w = await createWorld('ADV');
    const body = {
      ...adviceInput(w.councilId),
      title: '',
      kind: 'gevraagd',
      letterDate: '2026-02-30',
      items: [
        { kind: 'advice', text: 'Goed.' },
        { kind: 'wens', text: 'Ook goed.' },
        { kind: 'question', text: '   ' },
      ],
    };
    const res = await api('POST', `/api/v1/organisations/${w.slug}/advice`, { token: w.tokens.council_member, body });
    const problem = expectProblem(res, 422, ['title', 'kind', 'letterDate', 'items.1.kind', 'items.2.text']);
    for (const e of problem.errors!) expectDutch(e.message);
    expect(messageAt(res, 'items.2.text')).toBe('Vul de tekst van dit onderdeel in.');

    // A value failing two checks of one field is still one entry.
    const notADate = await api('POST', `/api/v1/organisations/${w.slug}/advice`, { token: w.tokens.council_member, body: { ...adviceInput(w.councilId), letterDate: 'gisteren' } });
    expectProblem(notADate, 422, ['letterDate']);
    expect(messageAt(notADate, 'letterDate')).toBe('Vul een geldige datum in (JJJJ-MM-DD).');

    const empty = await api('POST', `/api/v1/organisations/${w.slug}/advice`, { token: w.tokens.council_member, body: { ...adviceInput(w.councilId), items: [] } });
    expectProblem(empty, 422, ['items']);
    expect(messageAt(empty, 'items')).toBe('Voeg ten minste één vraag of advies toe.');

    const unknownCouncil = await api('POST', `/api/v1/organisations/${w.slug}/advice`, { token: w.tokens.council_member, body: adviceInput('geen-raad') });
    expectProblem(unknownCouncil, 422, ['councilId']);
    expect(await count('SELECT count(*) AS n FROM advice WHERE org_id = ?', w.orgId)).toBe(0);
  });

  it('stores a long advice whole (500 items, beyond D1’s 100 parameters a statement)', async () => {
    const w = await createWorld('BIG');
    const items = Array.from({ length: 500 }, (_, i) => ({ kind: i % 5 === 0 ? ('question' as const) : ('advice' as const), section: `Thema ${Math.floor(i / 50) + 1}`, text: `Onderdeel ${i + 1}.` }));
    const res = await api('POST', `/api/v1/organisations/${w.slug}/advice`, { token: w.tokens.council_member, body: adviceInput(w.councilId, items) });
    expect(res.status).toBe(201);
    expect(res.body.items.at(-1)).toMatchObject({ kind: 'advice', number: 400 });
    expect(res.body.items.at(-5)).toMatchObject({ kind: 'question', number: 100 });
    const submitted = await api('POST', `/api/v1/advice/${res.body.id}/submit`, { token: w.tokens.council_secretary });
    expect(submitted.status).toBe(200);
    const read = await api('GET', `/api/v1/advice/${res.body.id}`, { token: w.tokens.official });
    expect(read.body.items.map((i: { text: string }) => i.text)).toEqual(items.map((i) => i.text));
    const tooMany = await api('POST', `/api/v1/organisations/${w.slug}/advice`, { token: w.tokens.council_member, body: adviceInput(w.councilId, [...items, items[0]]) });
    expectProblem(tooMany, 422, ['items']);
    expectDutch(messageAt(tooMany, 'items'));
  });

  it('is for council roles of that council only', async () => {
    const w = await createWorld('ADR');
    const second = await addCouncil(w);
    const url = `/api/v1/organisations/${w.slug}/advice`;
    for (const role of ['admin', 'official', 'approver']) expectProblem(await api('POST', url, { token: w.tokens[role], body: adviceInput(w.councilId) }), 403);
    expectProblem(await api('POST', url, { token: ADMIN, body: adviceInput(w.councilId) }), 403);
    // A member may not write on behalf of another council of the same organisation.
    expectProblem(await api('POST', url, { token: second.member.token, body: adviceInput(w.councilId) }), 403);
    expect((await api('POST', url, { token: w.tokens.council_secretary, body: adviceInput(w.councilId) })).status).toBe(201);
    expect((await api('POST', url, { token: second.member.token, body: adviceInput(second.councilId) })).status).toBe(201);
  });
});

describe('PUT /api/v1/advice/{id}', () => {
  it('replaces a draft’s content and renumbers its items', async () => {
    const w = await createWorld('PUT');
    const d = await draftDossier(w);
    const body = { ...adviceInput(w.councilId, mixedItems.slice(1, 3)), title: 'Nieuwe titel', kind: 'unsolicited', councilReference: 'ASD-2026-09' };
    const res = await api('PUT', `/api/v1/advice/${d.id}`, { token: w.tokens.council_secretary, body });
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { kind: string; number: number }) => `${i.kind}${i.number}`)).toEqual(['advice1', 'advice2']);

    const read = await api('GET', `/api/v1/advice/${d.id}`, { token: w.tokens.council_member });
    expect(read.body).toMatchObject({ title: 'Nieuwe titel', kind: 'unsolicited', councilReference: 'ASD-2026-09', status: 'draft' });
    expect(read.body.items.map((i: { text: string }) => i.text)).toEqual([mixedItems[1].text, mixedItems[2].text]);
    expect(await count('SELECT count(*) AS n FROM advice_items WHERE advice_id = ?', d.id)).toBe(2);
    expect((await auditOf(d.id)).map((a) => a.action)).toEqual(['advice.create', 'advice.update']);
  });

  it('is 409 once submitted and changes nothing', async () => {
    const w = await createWorld('PUS');
    const d = await submittedDossier(w);
    const res = await api('PUT', `/api/v1/advice/${d.id}`, { token: w.tokens.council_member, body: { ...adviceInput(w.councilId), title: 'Te laat' } });
    const problem = expectProblem(res, 409);
    expect(problem.detail).toBe('Dit advies is al ingediend en kan niet meer worden gewijzigd.');
    expect((await api('GET', `/api/v1/advice/${d.id}`, { token: w.tokens.official })).body.title).toBe(adviceInput(w.councilId).title);
  });

  it('validates the body like POST', async () => {
    const w = await createWorld('PUV');
    const d = await draftDossier(w);
    const res = await api('PUT', `/api/v1/advice/${d.id}`, {
      token: w.tokens.council_member,
      body: { ...adviceInput(w.councilId), status: 'signed', items: [{ kind: 'advice', text: 'x', number: 7 }] },
    });
    expectProblem(res, 422, ['status', 'items.0.number']);
  });
});

describe('POST /api/v1/advice/{id}/submit', () => {
  it('registers a gapless reference, receivedOn today and dueOn after the term', async () => {
    const w = await createWorld('SUB');
    const year = todayInAmsterdam().slice(0, 4);
    const first = await submittedDossier(w);
    expect(first.submission).toEqual({
      status: 'submitted',
      reference: `SUB-${year}-00001`,
      receivedOn: todayInAmsterdam(),
      dueOn: dueDate(todayInAmsterdam(), 42),
    });
    const second = await submittedDossier(w);
    expect(second.submission.reference).toBe(`SUB-${year}-00002`);
    expect((await auditOf(first.id)).map((a) => [a.action, a.actor_id, a.from_status, a.to_status])).toEqual([
      ['advice.create', w.ids.council_member, null, 'draft'],
      ['advice.submit', w.ids.council_secretary, 'draft', 'submitted'],
    ]);

    // Another organisation counts on its own.
    const other = await createWorld('SUC');
    expect((await submittedDossier(other)).submission.reference).toBe(`SUC-${year}-00001`);
  });

  it('uses the organisation’s own term', async () => {
    const w = await createWorld('TRM');
    await api('PATCH', `/api/v1/organisations/${w.slug}`, { token: w.tokens.admin, body: { responseDays: 14 } });
    const d = await submittedDossier(w);
    expect(d.submission.dueOn).toBe(dueDate(todayInAmsterdam(), 14));
  });

  it('is for the council secretary, once', async () => {
    const w = await createWorld('SUR');
    const d = await draftDossier(w);
    expectProblem(await api('POST', `/api/v1/advice/${d.id}/submit`, { token: w.tokens.council_member }), 403);
    expectProblem(await api('POST', `/api/v1/advice/${d.id}/submit`, { token: w.tokens.official }), 404);
    expect((await api('POST', `/api/v1/advice/${d.id}/submit`, { token: w.tokens.council_secretary })).status).toBe(200);
    const again = await api('POST', `/api/v1/advice/${d.id}/submit`, { token: w.tokens.council_secretary });
    expectProblem(again, 409);
    expectDutch(again.body.detail);
    expect(await count('SELECT last AS n FROM reference_counters WHERE org_id = ?', w.orgId)).toBe(1);
  });
});

describe('GET /api/v1/advice/{id} and the list', () => {
  it('returns the whole dossier in the shape of API.md', async () => {
    const w = await createWorld('GET');
    const d = await submittedDossier(w);
    await respond(w, d.id, d.items[1].id, { text: 'Wij nemen dit over.', status: 'adopted', version: 0 });
    const res = await api('GET', `/api/v1/advice/${d.id}`, { token: w.tokens.approver });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: d.id,
      status: 'in_progress',
      title: 'Advies over het beleidsplan wijkgericht werken',
      kind: 'solicited',
      letterDate: '2026-10-01',
      councilReference: 'ASD-2026-07',
      reference: d.submission.reference,
      receivedOn: d.submission.receivedOn,
      dueOn: d.submission.dueOn,
      council: { id: w.councilId, name: 'Adviesraad Sociaal Domein' },
      letter: null,
    });
    expect(res.body.items[0].response).toBeNull();
    expect(res.body.items[1]).toEqual({
      id: d.items[1].id,
      kind: 'advice',
      number: 1,
      section: 'Adviezen',
      text: 'Zorg voor een vast aanspreekpunt per wijk.',
      response: {
        text: 'Wij nemen dit over.',
        status: 'adopted',
        version: 1,
        updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/),
        updatedBy: { id: w.ids.official, name: 'Test official' },
      },
    });
    // Built by SQLite (json_object), so held to the published shape here: every field present with
    // its type, and nothing beside them (parsing drops unknown keys at every depth).
    expect(dossierShape.parse(res.body)).toEqual(res.body);
    expectProblem(await api('GET', `/api/v1/advice/${crypto.randomUUID()}`, { token: w.tokens.official }), 404);
  });

  it('hides drafts from staff; filters by ?status', async () => {
    const w = await createWorld('LST');
    const draft = await draftDossier(w);
    const submitted = await submittedDossier(w);
    const started = await submittedDossier(w);
    await answerAll(w, started);
    const url = `/api/v1/organisations/${w.slug}/advice`;
    const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id).sort();

    expectProblem(await api('GET', `/api/v1/advice/${draft.id}`, { token: w.tokens.official }), 404);
    expect(ids(await api('GET', url, { token: w.tokens.official }))).toEqual([submitted.id, started.id].sort());
    expect(ids(await api('GET', url, { token: w.tokens.council_member }))).toEqual([draft.id, submitted.id, started.id].sort());
    expect(ids(await api('GET', `${url}?status=submitted`, { token: w.tokens.admin }))).toEqual([submitted.id]);
    expect(ids(await api('GET', `${url}?status=in_progress,submitted`, { token: w.tokens.approver }))).toEqual([submitted.id, started.id].sort());
    expect(ids(await api('GET', `${url}?status=draft`, { token: w.tokens.official }))).toEqual([]);
    expect(ids(await api('GET', `${url}?status=draft`, { token: w.tokens.council_secretary }))).toEqual([draft.id]);

    const summary = (await api('GET', `${url}?status=in_progress`, { token: w.tokens.official })).body.items[0];
    expect(summary).toMatchObject({ id: started.id, status: 'in_progress', reference: started.submission.reference, itemCount: 3, answeredCount: 3, council: { id: w.councilId } });

    const bad = await api('GET', `${url}?status=klaar`, { token: w.tokens.official });
    expectProblem(bad, 422, ['status']);
    expectDutch(messageAt(bad, 'status'));
  });

  it('shows council members only their own council’s dossiers', async () => {
    const w = await createWorld('LSC');
    const second = await addCouncil(w);
    const mine = await draftDossier(w);
    const list = await api('GET', `/api/v1/organisations/${w.slug}/advice`, { token: second.member.token });
    expect(list.body.items).toEqual([]);
    expectProblem(await api('GET', `/api/v1/advice/${mine.id}`, { token: second.secretary.token }), 404);
  });
});

describe('PUT /api/v1/advice/{id}/items/{itemId}/response', () => {
  it('saves versions, keeps every revision and starts the dossier once', async () => {
    const w = await createWorld('RSP');
    const d = await submittedDossier(w);
    const advice = d.items[1];
    const first = await respond(w, d.id, advice.id, { text: 'Wij nemen dit over.', status: 'adopted', version: 0 });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(1);
    const second = await respond(w, d.id, advice.id, { text: 'Wij nemen dit deels over.', status: 'partly', version: 1 }, w.tokens.approver);
    expect(second.body.version).toBe(2);
    await respond(w, d.id, d.items[2].id, { text: 'Dat doen wij al.', status: 'already_done', version: 0 }, w.tokens.official2);

    const revisions = await env.DB.prepare('SELECT version, text, status, created_by FROM response_revisions WHERE item_id = ? ORDER BY version').bind(advice.id).all();
    expect(revisions.results).toEqual([
      { version: 1, text: 'Wij nemen dit over.', status: 'adopted', created_by: w.ids.official },
      { version: 2, text: 'Wij nemen dit deels over.', status: 'partly', created_by: w.ids.approver },
    ]);
    const read = await api('GET', `/api/v1/advice/${d.id}`, { token: w.tokens.official });
    expect(read.body.status).toBe('in_progress');
    expect(read.body.items[1].response).toMatchObject({ text: 'Wij nemen dit deels over.', status: 'partly', version: 2, updatedBy: { id: w.ids.approver } });
    expect((await auditOf(d.id)).filter((a) => a.action === 'advice.start')).toEqual([
      expect.objectContaining({ actor_id: w.ids.official, from_status: 'submitted', to_status: 'in_progress' }),
    ]);
  });

  it('takes only the statuses that fit the item', async () => {
    const w = await createWorld('RST');
    const d = await submittedDossier(w);
    const [question, advice] = d.items;
    for (const status of ['adopted', 'partly', 'declined', 'already_done']) {
      const res = await respond(w, d.id, question.id, { text: 'Antwoord.', status, version: 0 });
      expectProblem(res, 422, ['status']);
      expect(messageAt(res, 'status')).toBe('Een vraag krijgt de status "beantwoord".');
    }
    const answered = await respond(w, d.id, advice.id, { text: 'Antwoord.', status: 'answered', version: 0 });
    expectProblem(answered, 422, ['status']);
    expectDutch(messageAt(answered, 'status'));
    expectProblem(await respond(w, d.id, advice.id, { text: 'Antwoord.', status: 'misschien', version: 0 }), 422, ['status']);
    expect(await count('SELECT count(*) AS n FROM responses WHERE advice_id = ?', d.id)).toBe(0);
    expect(await count('SELECT count(*) AS n FROM response_revisions WHERE item_id IN (?, ?)', question.id, advice.id)).toBe(0);
  });

  it('refuses to decline without an explanation', async () => {
    const w = await createWorld('DCL');
    const d = await submittedDossier(w);
    const advice = d.items[1];
    const res = await respond(w, d.id, advice.id, { text: '  ', status: 'declined', version: 0 });
    expectProblem(res, 422, ['text']);
    expect(messageAt(res, 'text')).toBe('Leg uit waarom het advies niet wordt overgenomen.');
    expect(messageAt(await respond(w, d.id, advice.id, { text: '', status: 'adopted', version: 0 }), 'text')).toBe('Vul de reactie in.');
    // Several faults at once: still one entry per field.
    expectProblem(await respond(w, d.id, advice.id, { text: '', status: 'declined', version: -1, extra: true }), 422, ['text', 'version', 'extra']);
    const ok = await respond(w, d.id, advice.id, { text: 'Dit past niet binnen het budget van dit jaar.', status: 'declined', version: 0 });
    expect(ok.status).toBe(200);
  });

  it('is refused to council roles and admins, and for items of another dossier', async () => {
    const w = await createWorld('RSR');
    const d = await submittedDossier(w);
    const other = await submittedDossier(w);
    const body = { text: 'Antwoord.', status: 'answered', version: 0 };
    for (const role of ['admin', 'council_member', 'council_secretary']) expectProblem(await respond(w, d.id, d.items[0].id, body, w.tokens[role]), 403);
    expectProblem(await respond(w, d.id, other.items[0].id, body), 404);
    expectProblem(await respond(w, d.id, 'geen-item', body), 404);
  });

  it('stores nothing for a stale version and answers the current response', async () => {
    const w = await createWorld('STL');
    const d = await submittedDossier(w);
    const item = d.items[1];
    await respond(w, d.id, item.id, { text: 'Eerste versie.', status: 'adopted', version: 0 });
    await respond(w, d.id, item.id, { text: 'Tweede versie.', status: 'partly', version: 1 }, w.tokens.official2);
    for (const version of [0, 1, 3]) {
      const stale = await respond(w, d.id, item.id, { text: 'Oude stand.', status: 'declined', version });
      const problem = expectProblem(stale, 409);
      expectDutch(problem.detail);
      expect(problem.current).toMatchObject({ text: 'Tweede versie.', status: 'partly', version: 2, updatedBy: { id: w.ids.official2, name: 'Test official2' } });
    }
    // Version 1 of a response that does not exist yet is stale too.
    expect(expectProblem(await respond(w, d.id, d.items[2].id, { text: 'x', status: 'adopted', version: 1 }), 409).current).toBeNull();
    expect(await count('SELECT count(*) AS n FROM response_revisions WHERE item_id = ?', item.id)).toBe(2);
  });
});

describe('request-approval, return and approve', () => {
  it('request-approval lists the items that still lack a response', async () => {
    const w = await createWorld('RQA');
    const d = await submittedDossier(w, mixedItems);
    // Nothing answered yet: every item is listed.
    const none = await api('POST', `/api/v1/advice/${d.id}/request-approval`, { token: w.tokens.official });
    expectProblem(none, 422, ['items.0.response', 'items.1.response', 'items.2.response', 'items.3.response', 'items.4.response']);

    await respond(w, d.id, d.items[0].id, { text: 'Eerst de oude wijken.', status: 'answered', version: 0 });
    await respond(w, d.id, d.items[2].id, { text: 'Doen wij.', status: 'adopted', version: 0 });
    const res = await api('POST', `/api/v1/advice/${d.id}/request-approval`, { token: w.tokens.official });
    const problem = expectProblem(res, 422, ['items.1.response', 'items.3.response', 'items.4.response']);
    expect(messageAt(res, 'items.3.response')).toMatch(/^Vraag 2: /);
    expect(messageAt(res, 'items.1.response')).toMatch(/^Advies 1: /);
    expect(problem.detail).toContain('Advies 1, Vraag 2, Advies 3');
    expect((await api('GET', `/api/v1/advice/${d.id}`, { token: w.tokens.official })).body.status).toBe('in_progress');
  });

  it('walks in_progress → in_review → in_progress → in_review → signed with an audit row per step', async () => {
    const w = await createWorld('WLK');
    const d = await submittedDossier(w);
    await answerAll(w, d);
    const go = (action: string, token: string, body?: unknown) => api('POST', `/api/v1/advice/${d.id}/${action}`, { token, body });

    expectProblem(await go('request-approval', w.tokens.approver), 403);
    expectProblem(await go('approve', w.tokens.approver), 409);
    expect((await go('request-approval', w.tokens.official)).body).toEqual({ status: 'in_review' });
    expectProblem(await go('request-approval', w.tokens.official), 409);
    expectProblem(await respond(w, d.id, d.items[0].id, { text: 'Nog iets.', status: 'answered', version: 1 }), 409);

    expectProblem(await go('return', w.tokens.official, { comment: 'Graag scherper.' }), 403);
    expectProblem(await go('return', w.tokens.approver, { comment: ' ' }), 422, ['comment']);
    expectProblem(await go('return', w.tokens.approver, {}), 422, ['comment']);
    expect((await go('return', w.tokens.approver, { comment: 'Maak advies 2 concreter.' })).body).toEqual({ status: 'in_progress' });
    expect((await api('GET', `/api/v1/advice/${d.id}`, { token: w.tokens.official })).body.returnComment).toBe('Maak advies 2 concreter.');
    expectProblem(await go('return', w.tokens.approver, { comment: 'Nog een keer.' }), 409);

    expect((await respond(w, d.id, d.items[2].id, { text: 'Wij meten elk jaar in het voorjaar.', status: 'adopted', version: 1 })).status).toBe(200);
    expect((await go('request-approval', w.tokens.official2)).status).toBe(200);
    expectProblem(await go('approve', w.tokens.official), 403);
    const approved = await go('approve', w.tokens.approver2);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'signed', letter: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/), pages: expect.any(Number) } });

    const read = await api('GET', `/api/v1/advice/${d.id}`, { token: w.tokens.official });
    expect(read.body.status).toBe('signed');
    expect(read.body.letter).toEqual({
      sha256: approved.body.letter.sha256,
      pages: approved.body.letter.pages,
      signedAt: expect.any(String),
      signedBy: { id: w.ids.approver2, name: 'Test approver2' },
    });
    expect(dossierShape.parse(read.body)).toEqual(read.body);
    expect((await auditOf(d.id)).map((a) => [a.action, a.actor_id, a.from_status, a.to_status])).toEqual([
      ['advice.create', w.ids.council_member, null, 'draft'],
      ['advice.submit', w.ids.council_secretary, 'draft', 'submitted'],
      ['advice.start', w.ids.official, 'submitted', 'in_progress'],
      ['advice.request_approval', w.ids.official, 'in_progress', 'in_review'],
      ['advice.return', w.ids.approver, 'in_review', 'in_progress'],
      ['advice.request_approval', w.ids.official2, 'in_progress', 'in_review'],
      ['advice.approve', w.ids.approver2, 'in_review', 'signed'],
    ]);
    const returned = (await auditOf(d.id)).find((a) => a.action === 'advice.return')!;
    expect(JSON.parse(returned.detail!)).toEqual({ comment: 'Maak advies 2 concreter.' });
  });

  it('four eyes: whoever requested approval cannot approve, even as an approver', async () => {
    const w = await createWorld('FOUR');
    const d = await inReviewDossier(w);
    // The official who asked for approval is promoted to approver while the dossier waits.
    await env.DB.prepare("UPDATE users SET role = 'approver' WHERE id = ?").bind(w.ids.official).run();
    const own = await api('POST', `/api/v1/advice/${d.id}/approve`, { token: w.tokens.official });
    expectProblem(own, 403);
    expect(own.body.detail).toBe('U heeft zelf om goedkeuring gevraagd en mag dit dossier daarom niet ondertekenen.');
    expect((await api('GET', `/api/v1/advice/${d.id}`, { token: w.tokens.official })).body.status).toBe('in_review');
    expect((await api('POST', `/api/v1/advice/${d.id}/approve`, { token: w.tokens.approver })).status).toBe(200);
  });

  it('a signed dossier is read-only for everyone', async () => {
    const w = await createWorld('RO');
    const d = await signedDossier(w);
    const before = await api('GET', `/api/v1/advice/${d.id}`, { token: w.tokens.official });
    const auditBefore = (await auditOf(d.id)).length;

    expectProblem(await respond(w, d.id, d.items[0].id, { text: 'Toch anders.', status: 'answered', version: 1 }), 409);
    expectProblem(await respond(w, d.id, d.items[1].id, { text: 'Toch anders.', status: 'declined', version: 1 }, w.tokens.approver), 409);
    expectProblem(await api('PUT', `/api/v1/advice/${d.id}`, { token: w.tokens.council_member, body: adviceInput(w.councilId) }), 409);
    expectProblem(await api('POST', `/api/v1/advice/${d.id}/submit`, { token: w.tokens.council_secretary }), 409);
    expectProblem(await api('POST', `/api/v1/advice/${d.id}/request-approval`, { token: w.tokens.official }), 409);
    expectProblem(await api('POST', `/api/v1/advice/${d.id}/return`, { token: w.tokens.approver2, body: { comment: 'Terug.' } }), 409);
    expectProblem(await api('POST', `/api/v1/advice/${d.id}/approve`, { token: w.tokens.approver2 }), 409);

    const after = await api('GET', `/api/v1/advice/${d.id}`, { token: w.tokens.official });
    expect(after.body).toEqual(before.body);
    expect((await auditOf(d.id)).length).toBe(auditBefore);
    // The frozen snapshot holds the content as signed.
    const row = await env.DB.prepare('SELECT snapshot FROM advice WHERE id = ?').bind(d.id).first<{ snapshot: string }>();
    const snapshot = JSON.parse(row!.snapshot);
    expect(snapshot.dossier.items.map((i: { response: { text: string } }) => i.response.text)).toEqual(before.body.items.map((i: { response: { text: string } }) => i.response.text));
    expect(snapshot.signedBy).toEqual({ id: w.ids.approver, name: 'Test approver' });
  });
});

describe('the audit log', () => {
  it('refuses UPDATE and DELETE', async () => {
    const w = await createWorld('AUD');
    const d = await draftDossier(w);
    await expect(env.DB.prepare("UPDATE audit_log SET action = 'x' WHERE entity_id = ?").bind(d.id).run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare('DELETE FROM audit_log WHERE entity_id = ?').bind(d.id).run()).rejects.toThrow(/append-only/);
    expect((await auditOf(d.id)).map((a) => a.action)).toEqual(['advice.create']);
  });
});

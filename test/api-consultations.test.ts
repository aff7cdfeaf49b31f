import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, addCouncil, answerRemarks, api, auditOf, consultationBody, consultationIn, createWorld, expectDutch, expectProblem, fetchRaw, messageAt, openConsultation, type World } from './support';
import { sha256Hex } from '../worker/lib/crypto';

let w: World;
let other: World;

beforeAll(async () => {
  [w, other] = await Promise.all([createWorld('CON'), createWorld('CNO')]);
});

const get = (id: string, token: string) => api('GET', `/api/v1/consultations/${id}`, { token });
const respond = (id: string, remarkId: string, body: unknown, token = w.tokens.official) => api('PUT', `/api/v1/consultations/${id}/remarks/${remarkId}/response`, { token, body });

describe('starting a consultation', () => {
  it('puts a document to the organisation’s council and outside bodies, with a legend', async () => {
    const res = await api('POST', `/api/v1/organisations/${w.slug}/consultations`, { token: w.tokens.official, body: consultationBody(w) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: 'open', participants: [{ name: 'Adviesraad Sociaal Domein' }, { name: 'Gemeenteraad Oostdorp' }, { name: 'Gemeenteraad Westdorp' }] });
    const c = await get(res.body.id, w.tokens.official);
    expect(c.body).toMatchObject({ status: 'open', title: consultationBody(w).title, legend: consultationBody(w).legend, list: null });
    expect(c.body.participants.map((p: { councilId: string | null }) => p.councilId)).toEqual([w.councilId, null, null]);
    expect(await auditOf(res.body.id)).toMatchObject([{ action: 'consultation.create', to_status: 'open', actor_id: w.ids.official }]);
    // The outside body without a salutation gets the default one.
    const row = await env.DB.prepare('SELECT salutation FROM consultation_participants WHERE consultation_id = ? AND position = 1').bind(res.body.id).first<{ salutation: string }>();
    expect(row?.salutation).toBe('Geachte leden van de Gemeenteraad Oostdorp,');
  });

  it('refuses incomplete or inconsistent input with a Dutch message per field', async () => {
    const body = consultationBody(w);
    const res = await api('POST', `/api/v1/organisations/${w.slug}/consultations`, {
      token: w.tokens.official,
      body: {
        ...body,
        title: 'Twee\nregels',
        legend: [...body.legend, { code: 'algemeen', label: 'Nog eens' }],
        participants: [{ councilId: w.councilId, name: 'Extra naam' }, { name: 'Zonder ontvangers' }, { name: 'Gemeenteraad Oostdorp', recipients: ['a@x.example', 'a@x.example'] }],
      },
    });
    expectProblem(res, 422, ['title', 'legend.3.code', 'participants.0.name', 'participants.1.recipients', 'participants.2.recipients.1']);
    for (const path of ['title', 'legend.3.code', 'participants.0.name', 'participants.1.recipients']) expectDutch(messageAt(res, path));
    expectProblem(await api('POST', `/api/v1/organisations/${w.slug}/consultations`, { token: w.tokens.official, body: { ...body, legend: [], participants: [] } }), 422, ['legend', 'participants']);
  });

  it('refuses a council of another organisation (422), other roles (403) and another tenant (404)', async () => {
    const res = await api('POST', `/api/v1/organisations/${w.slug}/consultations`, { token: w.tokens.official, body: { ...consultationBody(w), participants: [{ councilId: other.councilId }] } });
    expect(messageAt(expectProblem(res, 422, ['participants.0.councilId']) && res, 'participants.0.councilId')).toBe('Deze adviesraad bestaat niet in deze gemeente.');
    for (const token of [w.tokens.approver, w.tokens.council_member, w.tokens.admin]) {
      expectProblem(await api('POST', `/api/v1/organisations/${w.slug}/consultations`, { token, body: consultationBody(w) }), 403);
    }
    expectProblem(await api('POST', `/api/v1/organisations/${w.slug}/consultations`, { token: other.tokens.official, body: consultationBody(w) }), 404);
  });

  it('lists consultations: all of them for staff, those their council takes part in for council roles', async () => {
    const mine = await openConsultation(w);
    const second = await addCouncil(w);
    const staff = await api('GET', `/api/v1/organisations/${w.slug}/consultations`, { token: w.tokens.approver });
    expect(staff.body.items.map((i: { id: string }) => i.id)).toContain(mine.id);
    expect(staff.body.items.find((i: { id: string }) => i.id === mine.id), JSON.stringify(staff.body.items)).toMatchObject({ participantCount: 3, remarkCount: 3, answeredCount: 0, status: 'open' });
    const member = await api('GET', `/api/v1/organisations/${w.slug}/consultations`, { token: w.tokens.council_member });
    expect(member.body.items.map((i: { id: string }) => i.id)).toContain(mine.id);
    const outsider = await api('GET', `/api/v1/organisations/${w.slug}/consultations`, { token: second.member.token });
    expect(outsider.body.items).toEqual([]);
  });
});

describe('remarks', () => {
  it('are numbered 1..n across the consultation in the order received', async () => {
    const c = await openConsultation(w);
    expect(c.remarks.map((r) => r.number)).toEqual([1, 2, 3]);
    const more = await api('POST', `/api/v1/consultations/${c.id}/remarks`, {
      token: w.tokens.council_secretary,
      body: { participantId: c.participants[0].id, text: 'Tweede opmerking.\n\nMet twee alinea’s.', section: 'Hoofdstuk 2' },
    });
    expect(more).toMatchObject({ status: 201, body: { number: 4 } });
    const view = await get(c.id, w.tokens.official);
    expect(view.body.participants[0].remarks).toMatchObject([
      { number: 1, section: null },
      { number: 4, section: 'Hoofdstuk 2', text: 'Tweede opmerking.\n\nMet twee alinea’s.', response: null },
    ]);
  });

  it('never give two remarks the same number, however many arrive at once', async () => {
    const c = await openConsultation(w);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        api('POST', `/api/v1/consultations/${c.id}/remarks`, { token: w.tokens.official, body: { participantId: c.participants[1 + (i % 2)].id, text: `Gelijktijdige opmerking ${i}.` } }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(results.map(() => 201));
    expect(results.map((r) => r.body.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 4));
  });

  it('come from a council member for their own council only; officials enter them for anyone', async () => {
    const c = await openConsultation(w);
    const outside = c.participants[1].id;
    const refused = await api('POST', `/api/v1/consultations/${c.id}/remarks`, { token: w.tokens.council_member, body: { participantId: outside, text: 'Namens een ander.' } });
    expect(expectProblem(refused, 403).detail).toBe('U kunt alleen opmerkingen namens uw eigen adviesraad invoeren.');
    expectProblem(await api('POST', `/api/v1/consultations/${c.id}/remarks`, { token: w.tokens.approver, body: { participantId: outside, text: 'x' } }), 403);
    const unknown = await api('POST', `/api/v1/consultations/${c.id}/remarks`, { token: w.tokens.official, body: { participantId: 'nope', text: 'x' } });
    expectProblem(unknown, 422, ['participantId']);
    expectProblem(await api('POST', `/api/v1/consultations/${c.id}/remarks`, { token: w.tokens.official, body: { participantId: outside, text: '  ' } }), 422, ['text']);
  });

  it('are refused once the consultation is closed (409), and nothing is stored', async () => {
    const c = await openConsultation(w);
    expect((await api('POST', `/api/v1/consultations/${c.id}/close`, { token: w.tokens.official })).body).toEqual({ status: 'closed' });
    const late = await api('POST', `/api/v1/consultations/${c.id}/remarks`, { token: w.tokens.council_member, body: { participantId: c.participants[0].id, text: 'Te laat.' } });
    expect(expectProblem(late, 409).detail).toBe('De consultatie is gesloten: er kunnen geen opmerkingen meer bij.');
    expect((await get(c.id, w.tokens.official)).body.participants.flatMap((p: { remarks: unknown[] }) => p.remarks)).toHaveLength(3);
    expectProblem(await api('POST', `/api/v1/consultations/${c.id}/close`, { token: w.tokens.official }), 409);
  });

  it('replay the first answer for a repeated Idempotency-Key and add nothing', async () => {
    const c = await openConsultation(w);
    const send = (text: string) =>
      api('POST', `/api/v1/consultations/${c.id}/remarks`, { token: w.tokens.official, body: { participantId: c.participants[1].id, text }, headers: { 'idempotency-key': `k-${c.id}` } });
    const first = await send('Eenmaal.');
    const again = await send('Eenmaal.');
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expectProblem(await send('Iets anders.'), 422);
    expect((await get(c.id, w.tokens.official)).body.participants[1].remarks).toHaveLength(2);
  });
});

describe('who sees what', () => {
  it('a council member sees only their own council’s remarks and no responses until the list is sent', async () => {
    const c = await consultationIn(w, 'signed');
    const before = await get(c.id, w.tokens.council_member);
    expect(before.status).toBe(200);
    expect(before.body.participants).toHaveLength(1);
    expect(before.body.participants[0]).toMatchObject({ councilId: w.councilId, remarks: [{ number: 1, response: null }] });
    expectProblem(await api('GET', `/api/v1/consultations/${c.id}/list.pdf`, { token: w.tokens.council_member }), 403);

    await api('POST', `/api/v1/consultations/${c.id}/send`, { token: w.tokens.approver });
    const after = await get(c.id, w.tokens.council_member);
    expect(after.body.participants).toHaveLength(3);
    expect(after.body.participants[2].remarks[0].response).toMatchObject({ sameAs: c.remarks[0].id, text: null, processing: ['2', 'Algemeen'] });
    expect((await fetchRaw(`/api/v1/consultations/${c.id}/list.pdf`, w.tokens.council_member)).status).toBe(200);
  });

  it('is 404 for a council that does not take part and for another organisation', async () => {
    const c = await openConsultation(w);
    const second = await addCouncil(w);
    expectProblem(await get(c.id, second.member.token), 404);
    for (const token of Object.values(other.tokens)) expectProblem(await get(c.id, token), 404);
    expectProblem(await respond(c.id, c.remarks[0].id, { text: 'x', processing: ['1'], version: 0 }, other.tokens.official), 404);
    expectProblem(await api('POST', `/api/v1/consultations/${c.id}/close`, { token: other.tokens.official }), 404);
    expectProblem(await get(c.id, ADMIN), 403);
  });
});

describe('responses', () => {
  it('take a text and processing codes from the legend, with versions and a 409 carrying the current response', async () => {
    const c = await openConsultation(w);
    const first = await respond(c.id, c.remarks[0].id, { text: 'Wij nemen dit mee.', processing: ['1', 'Algemeen'], version: 0 });
    expect(first).toMatchObject({ status: 200, body: { version: 1, text: 'Wij nemen dit mee.', sameAs: null, processing: ['1', 'Algemeen'], updatedBy: { id: w.ids.official } } });
    const second = await respond(c.id, c.remarks[0].id, { text: 'Aangescherpt.', processing: ['2'], version: 1 }, w.tokens.official2);
    expect(second.body.version).toBe(2);
    const stale = await respond(c.id, c.remarks[0].id, { text: 'Mijn oude versie.', processing: ['1'], version: 1 });
    const problem = expectProblem(stale, 409);
    expect(problem.current).toMatchObject({ text: 'Aangescherpt.', version: 2, updatedBy: { id: w.ids.official2, name: 'Test official2' } });
    expectProblem(await respond(c.id, c.remarks[0].id, { text: 'Ook nieuw.', processing: ['1'], version: 0 }), 409);
    const revisions = await env.DB.prepare('SELECT version, text FROM consultation_response_revisions WHERE remark_id = ? ORDER BY version').bind(c.remarks[0].id).all();
    expect(revisions.results).toEqual([
      { version: 1, text: 'Wij nemen dit mee.' },
      { version: 2, text: 'Aangescherpt.' },
    ]);
  });

  it('refuse an unknown processing code with its own message', async () => {
    const c = await openConsultation(w);
    const res = await respond(c.id, c.remarks[0].id, { text: 'x', processing: ['1', '7'], version: 0 });
    expectProblem(res, 422, ['processing']);
    expect(messageAt(res, 'processing')).toBe('Onbekende verwerkingscode: 7. Kies uit de legenda: 1, 2, Algemeen.');
    expectProblem(await respond(c.id, c.remarks[0].id, { text: 'x', processing: [], version: 0 }), 422, ['processing']);
    expect((await get(c.id, w.tokens.official)).body.participants[0].remarks[0].response).toBeNull();
  });

  it('may be the same as another remark’s own response, by the rules of sameAs', async () => {
    const c = await openConsultation(w);
    const [a, b, d] = c.remarks;
    // Text and sameAs together, or neither: 422.
    expectProblem(await respond(c.id, b.id, { text: 'x', sameAs: a.id, processing: ['1'], version: 0 }), 422, ['text']);
    expectProblem(await respond(c.id, b.id, { processing: ['1'], version: 0 }), 422, ['text']);
    // The other remark has no response of its own yet.
    const early = await respond(c.id, b.id, { sameAs: a.id, processing: ['1'], version: 0 });
    expect(messageAt(early, 'sameAs')).toBe('Opmerking 1 heeft nog geen eigen reactie om naar te verwijzen.');
    expectProblem(await respond(c.id, b.id, { sameAs: b.id, processing: ['1'], version: 0 }), 422, ['sameAs']);
    expectProblem(await respond(c.id, b.id, { sameAs: 'elders', processing: ['1'], version: 0 }), 422, ['sameAs']);

    await respond(c.id, a.id, { text: 'Eigen reactie.', processing: ['1'], version: 0 });
    const ref = await respond(c.id, b.id, { sameAs: a.id, processing: ['1', '2'], version: 0 });
    expect(ref.body).toMatchObject({ version: 1, text: null, sameAs: a.id });
    // A reference to a reference: the other remark must have its own text.
    const chain = await respond(c.id, d.id, { sameAs: b.id, processing: ['1'], version: 0 });
    expect(messageAt(chain, 'sameAs')).toBe('Opmerking 2 heeft nog geen eigen reactie om naar te verwijzen.');
    // A remark that others refer to keeps a text of its own.
    const turned = await respond(c.id, a.id, { sameAs: b.id, processing: ['1'], version: 1 });
    expectProblem(turned, 422, ['sameAs', 'text']);
    expect(messageAt(turned, 'text')).toBe('Naar de reactie op deze opmerking verwijst ook opmerking 2: zij houdt daarom een eigen tekst.');
    expect((await get(c.id, w.tokens.official)).body.participants[0].remarks[0].response).toMatchObject({ text: 'Eigen reactie.', version: 1 });
  });

  it('are allowed while open or closed, not in review or after (409); not for council roles (403); 404 for another remark', async () => {
    const c = await consultationIn(w, 'in_review');
    const inReview = await respond(c.id, c.remarks[0].id, { text: 'Nog even.', processing: ['1'], version: 1 });
    expect(expectProblem(inReview, 409).detail).toBe('De lijst ligt ter goedkeuring. Laat haar eerst terugsturen om reacties te wijzigen.');
    const open = await openConsultation(w);
    expectProblem(await respond(open.id, open.remarks[0].id, { text: 'x', processing: ['1'], version: 0 }, w.tokens.council_member), 403);
    expectProblem(await respond(open.id, c.remarks[0].id, { text: 'x', processing: ['1'], version: 0 }), 404);
    expect((await respond(open.id, open.remarks[0].id, { text: 'Door de fiatteur.', processing: ['1'], version: 0 }, w.tokens.approver)).status).toBe(200);
  });
});

describe('from closing to the sent list', () => {
  it('asks approval only when closed (409) and every remark is answered (422 listing them)', async () => {
    const c = await openConsultation(w);
    const early = await api('POST', `/api/v1/consultations/${c.id}/request-approval`, { token: w.tokens.official });
    expect(expectProblem(early, 409).detail).toBe('Goedkeuring kan pas worden gevraagd als de consultatie gesloten is (er kunnen dan geen opmerkingen meer bij).');
    await respond(c.id, c.remarks[1].id, { text: 'Beantwoord.', processing: ['Algemeen'], version: 0 });
    await api('POST', `/api/v1/consultations/${c.id}/close`, { token: w.tokens.official });
    const missing = await api('POST', `/api/v1/consultations/${c.id}/request-approval`, { token: w.tokens.official });
    const problem = expectProblem(missing, 422, ['participants.0.remarks.0.response', 'participants.2.remarks.0.response']);
    expect(problem.detail).toBe('Nog niet alle opmerkingen hebben een reactie: opmerkingen 1 en 3.');
    expect(messageAt(missing, 'participants.2.remarks.0.response')).toBe('Opmerking 3 heeft nog geen reactie.');
  });

  it('goes closed → in review → returned → in review → signed → sent, with four eyes and the audit trail', async () => {
    const c = await openConsultation(w);
    await answerRemarks(w, c);
    await api('POST', `/api/v1/consultations/${c.id}/close`, { token: w.tokens.official });
    expect((await api('POST', `/api/v1/consultations/${c.id}/request-approval`, { token: w.tokens.official })).body).toEqual({ status: 'in_review' });
    const returned = await api('POST', `/api/v1/consultations/${c.id}/return`, { token: w.tokens.approver, body: { comment: 'Graag opmerking 2 eigen tekst.' } });
    expect(returned.body).toEqual({ status: 'closed' });
    expect((await get(c.id, w.tokens.official)).body.returnComment).toBe('Graag opmerking 2 eigen tekst.');
    // Responses can change again.
    expect((await respond(c.id, c.remarks[1].id, { text: 'Nu met eigen tekst.', processing: ['2'], version: 1 })).status).toBe(200);
    expect((await api('POST', `/api/v1/consultations/${c.id}/request-approval`, { token: w.tokens.official2 })).status).toBe(200);
    expect((await api('POST', `/api/v1/consultations/${c.id}/approve`, { token: w.tokens.approver2 })).status).toBe(200);
    expect((await api('POST', `/api/v1/consultations/${c.id}/send`, { token: w.tokens.official })).status).toBe(202);
    expect((await auditOf(c.id)).filter((a) => a.to_status).map((a) => [a.action, a.actor_id, a.from_status, a.to_status])).toEqual([
      ['consultation.create', w.ids.official, null, 'open'],
      ['consultation.close', w.ids.official, 'open', 'closed'],
      ['consultation.request_approval', w.ids.official, 'closed', 'in_review'],
      ['consultation.return', w.ids.approver, 'in_review', 'closed'],
      ['consultation.request_approval', w.ids.official2, 'closed', 'in_review'],
      ['consultation.approve', w.ids.approver2, 'in_review', 'signed'],
      ['consultation.send', w.ids.official, 'signed', 'sent'],
    ]);
  });

  it('four eyes: whoever asked for approval cannot sign the list, even as an approver', async () => {
    const four = await createWorld('CFE');
    const c = await consultationIn(four, 'in_review');
    // The official who asked for approval is promoted to approver while the list waits.
    await env.DB.prepare("UPDATE users SET role = 'approver' WHERE id = ?").bind(four.ids.official).run();
    const own = await api('POST', `/api/v1/consultations/${c.id}/approve`, { token: four.tokens.official });
    expect(expectProblem(own, 403).detail).toBe('U heeft zelf om goedkeuring gevraagd en mag deze lijst daarom niet ondertekenen.');
    expect((await api('POST', `/api/v1/consultations/${c.id}/approve`, { token: four.tokens.approver })).status).toBe(200);
  });

  it('signs the list: frozen, stored under its SHA-256, byte-identical after, verified with its title', async () => {
    const c = await consultationIn(w, 'in_review');
    const concept = await fetchRaw(`/api/v1/consultations/${c.id}/list.pdf`, w.tokens.official);
    expect(concept.headers.get('cache-control')).toBe('no-store');
    const approved = await api('POST', `/api/v1/consultations/${c.id}/approve`, { token: w.tokens.approver });
    expect(approved.body).toMatchObject({ status: 'signed', list: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/), pages: expect.any(Number) } });
    const sha = approved.body.list.sha256 as string;
    const [one, two] = [await fetchRaw(`/api/v1/consultations/${c.id}/list.pdf`, w.tokens.official), await fetchRaw(`/api/v1/consultations/${c.id}/list.pdf`, w.tokens.approver)];
    expect(await sha256Hex(one.bytes)).toBe(sha);
    expect(two.bytes).toEqual(one.bytes);
    expect(one.headers.get('etag')).toBe(`"${sha}"`);
    expect((await fetchRaw(`/api/v1/consultations/${c.id}/list.pdf`, w.tokens.official, { 'if-none-match': `"${sha}"` })).status).toBe(304);
    expect((await env.DOCUMENTS.get(`lists/${sha}.pdf`))).not.toBeNull();
    const view = await get(c.id, w.tokens.official);
    expect(view.body).toMatchObject({ status: 'signed', list: { sha256: sha, signedBy: { id: w.ids.approver } } });
    // Nothing can change any more.
    expectProblem(await respond(c.id, c.remarks[0].id, { text: 'Later.', processing: ['1'], version: 1 }), 409);
    expectProblem(await api('POST', `/api/v1/consultations/${c.id}/approve`, { token: w.tokens.approver2 }), 409);

    const verified = await api('GET', `/api/v1/verify?sha256=${sha}&reference=${encodeURIComponent('integrale LIJST reacties op de regiovisie  huiselijk geweld')}`);
    expect(verified.body).toMatchObject({ valid: true, document: 'list', reference: consultationBody(w).title, organisation: { slug: w.slug }, signatories: [{ title: 'de secretaris' }, { title: 'de burgemeester' }] });
    expect((await api('GET', `/api/v1/verify?sha256=${sha}&reference=Een+andere+lijst`)).body).toEqual({ valid: false });
    expect((await api('GET', `/api/v1/verify?sha256=${sha}`)).body.valid).toBe(true);
    const html = await fetchRaw(`/api/v1/consultations/${c.id}/list.html`, w.tokens.official);
    expect(new TextDecoder().decode(html.bytes)).not.toMatch(/concept/i);
    expect(await auditOf(c.id)).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'consultation.approve', from_status: 'in_review', to_status: 'signed' })]),
    );
  });

  it('sends one mail with the signed list to every recipient of every participant, once', async () => {
    const c = await consultationIn(w, 'signed');
    const sent = await api('POST', `/api/v1/consultations/${c.id}/send`, { token: w.tokens.official });
    expect(sent).toMatchObject({ status: 202, body: { status: 'sent' } });
    const mails = await env.DB.prepare(`SELECT "to", subject, text, attachments FROM outbox WHERE consultation_id = ? AND kind = 'list' ORDER BY "to"`).bind(c.id).all<{ to: string; subject: string; text: string; attachments: string }>();
    expect(mails.results.map((m) => JSON.parse(m.to)[0])).toEqual(['griffie@oostdorp.example', 'griffie@westdorp.example', 'raad@westdorp.example', 'secretaris@asd.example', 'voorzitter@asd.example']);
    const sha = (await get(c.id, w.tokens.official)).body.list.sha256;
    for (const m of mails.results) {
      expect(m.subject).toBe(`Integrale lijst: "${consultationBody(w).title}"`);
      expect(m.text).toContain('Actieprogramma 2027-2030 Verbinden en Versterken');
      expect(m.text).toContain('U vindt in de lijst onze reactie op uw opmerking.');
      expect(JSON.parse(m.attachments)).toMatchObject([{ contentType: 'application/pdf', r2Key: `lists/${sha}.pdf` }]);
    }
    expect(mails.results.find((m) => m.to.includes('westdorp'))!.text).toContain('Geachte raadsleden,');
    const again = await api('POST', `/api/v1/consultations/${c.id}/send`, { token: w.tokens.approver });
    expect(expectProblem(again, 409).detail).toBe('Deze lijst is al verzonden; er is niets opnieuw verstuurd.');
    expect((await env.DB.prepare(`SELECT count(*) AS n FROM outbox WHERE consultation_id = ? AND kind = 'list'`).bind(c.id).first<{ n: number }>())?.n).toBe(5);
  });

  it('notifies the approvers when approval is asked, and the requester on return and signing', async () => {
    const c = await consultationIn(w, 'in_review');
    await api('POST', `/api/v1/consultations/${c.id}/return`, { token: w.tokens.approver, body: { comment: 'Kijk nog eens naar 2.' } });
    const kinds = await env.DB.prepare(`SELECT kind, "to" FROM outbox WHERE consultation_id = ? ORDER BY created_at, kind`).bind(c.id).all<{ kind: string; to: string }>();
    expect(kinds.results.filter((m) => m.kind === 'approval_requested').map((m) => JSON.parse(m.to)[0]).sort()).toEqual([`approver2@${w.slug}.example`, `approver@${w.slug}.example`]);
    expect(kinds.results.filter((m) => m.kind === 'returned').map((m) => JSON.parse(m.to)[0])).toEqual([`official@${w.slug}.example`]);
  });
});

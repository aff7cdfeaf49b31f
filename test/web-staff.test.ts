import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { api, answerAll, createWorld, fetchRaw, submittedDossier, type World, addCouncil, formValues, signInByMail, signWithPasskey, textOf, web } from './support';
import { sha256Hex } from '../worker/lib/crypto';

const emailOf = (w: World, role: string) => `${role}@${w.slug}.example`;
const respond = (id: string, itemId: string) => `/adviezen/${id}/reacties/${itemId}`;

describe('the officials’ inbox', () => {
  it('lists submitted dossiers with the due date, filterable by status, council and overdue', async () => {
    const w = await createWorld('INB');
    const second = await addCouncil(w);
    const a = await submittedDossier(w);
    const b = await submittedDossier(w);
    await answerAll(w, b);
    // A dossier of the second council, overdue since long ago.
    const c = await api('POST', `/api/v1/organisations/${w.slug}/advice`, {
      token: second.member.token,
      body: { councilId: second.councilId, title: 'Advies van de participatieraad', kind: 'unsolicited', letterDate: '2026-01-05', items: [{ kind: 'advice', text: 'Meer plekken om te sporten.' }] },
    });
    await api('POST', `/api/v1/advice/${c.body.id}/submit`, { token: second.secretary.token });
    await env.DB.prepare(`UPDATE advice SET due_on = '2020-01-06' WHERE id = ?`).bind(c.body.id).run();
    const draft = await api('POST', `/api/v1/organisations/${w.slug}/advice`, {
      token: w.tokens.council_member,
      body: { councilId: w.councilId, title: 'Nog een concept', kind: 'solicited', letterDate: '2026-10-01', items: [{ kind: 'advice', text: 'x' }] },
    });

    const official = await signInByMail(emailOf(w, 'official'));
    const all = await web('GET', '/adviezen', { cookie: official });
    expect(all.status).toBe(200);
    expect(textOf(all.html)).toContain('3 dossiers');
    expect(all.html).toContain(`href="/adviezen/${a.id}"`);
    expect(all.html).not.toContain(draft.body.id);
    expect(textOf(all.html)).toContain('Termijn verstreken');

    const inProgress = await web('GET', '/adviezen?status=in_progress', { cookie: official });
    expect(textOf(inProgress.html)).toContain('1 dossier');
    expect(inProgress.html).toContain(b.id);
    const byCouncil = await web('GET', `/adviezen?raad=${second.councilId}`, { cookie: official });
    expect(textOf(byCouncil.html)).toContain('1 dossier');
    expect(byCouncil.html).toContain(c.body.id);
    const overdue = await web('GET', '/adviezen?verlopen=1', { cookie: official });
    expect(textOf(overdue.html)).toContain('1 dossier');
    expect(textOf(overdue.html)).toMatch(/6 januari 2020 Termijn verstreken: \d+ dagen te laat/);
    // The filters stay filled in.
    expect(overdue.html).toMatch(/name="verlopen"[^>]*checked=""/);
  });
});

describe('answering item by item', () => {
  it('saves per item, shows progress and who changed what, and refuses a wrong status beside the field', async () => {
    const w = await createWorld('ANS');
    const d = await submittedDossier(w);
    const official = await signInByMail(emailOf(w, 'official'));
    let page = await web('GET', `/adviezen/${d.id}`, { cookie: official });
    expect(textOf(page.html)).toContain('0 van 3 beantwoord');
    // A question has one status: it is sent with the form, not offered as a choice.
    const questionForm = formValues(page.html, respond(d.id, d.items[0].id));
    expect(questionForm).toMatchObject({ status: 'answered', version: '0' });

    const saved = await web('POST', respond(d.id, d.items[0].id), { cookie: official, form: { status: 'answered', text: 'Via de wijkteams en bewonersavonden.', version: '0' } });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`/adviezen/${d.id}?opgeslagen=${d.items[0].id}#item-${d.items[0].id}`);
    page = await web('GET', saved.location!.split('#')[0], { cookie: official });
    expect(textOf(page.html)).toContain('De reactie op Vraag 1 is opgeslagen.');
    expect(textOf(page.html)).toContain('1 van 3 beantwoord');
    expect(textOf(page.html)).toMatch(/Laatst gewijzigd door Test official op \d{1,2} \w+ \d{4} om \d\d:\d\d\./);
    expect(formValues(page.html, respond(d.id, d.items[0].id)).version).toBe('1');

    const wrong = await web('POST', respond(d.id, d.items[1].id), { cookie: official, form: { status: 'answered', text: 'Wij nemen dit over.', version: '0' } });
    expect(wrong.status).toBe(422);
    expect(textOf(wrong.html)).toContain('Kies voor een advies: overgenomen, deels overgenomen, niet overgenomen of al gerealiseerd.');
    expect(wrong.html).toContain(`href="#advies-${d.items[1].number}-status"`);
    expect(wrong.html).toContain(`id="advies-${d.items[1].number}-status"`);
    expect(formValues(wrong.html, respond(d.id, d.items[1].id)).text).toBe('Wij nemen dit over.');

    const empty = await web('POST', respond(d.id, d.items[1].id), { cookie: official, form: { status: 'declined', text: '  ', version: '0' } });
    expect(empty.status).toBe(422);
    expect(textOf(empty.html)).toContain('Leg uit waarom het advies niet wordt overgenomen.');
    expect(empty.html).toContain(`href="#advies-${d.items[1].number}-text"`);
    expect(formValues(empty.html, respond(d.id, d.items[1].id)).status).toBe('declined');

    // A question's one status is a hidden field; a hand-made form with another status gets its
    // message beside the answer, and the summary links there.
    const question = await web('POST', respond(d.id, d.items[0].id), { cookie: official, form: { status: 'adopted', text: 'Ja.', version: '1' } });
    expect(question.status).toBe(422);
    expect(question.html).toContain('href="#vraag-1-text"');
    expect(question.html).toMatch(/id="vraag-1-text-error"[^>]*>.*Een vraag krijgt de status &quot;beantwoord&quot;\./);
    expect(question.html).toContain('aria-describedby="vraag-1-text-error"');
  });

  it('shows both texts side by side when a save meets a newer version, and loses nothing', async () => {
    const w = await createWorld('CON');
    const d = await submittedDossier(w);
    const item = d.items[1];
    const anouk = await signInByMail(emailOf(w, 'official'));
    const mehmet = await signInByMail(emailOf(w, 'official2'));
    // Both open the page while the item has no response (version 0).
    const seenByAnouk = formValues((await web('GET', `/adviezen/${d.id}`, { cookie: anouk })).html, respond(d.id, item.id));
    expect(seenByAnouk.version).toBe('0');
    expect((await web('POST', respond(d.id, item.id), { cookie: mehmet, form: { status: 'partly', text: 'Deels: eerst in twee wijken.', version: '0' } })).status).toBe(303);

    const mine = 'Overgenomen: elke wijk krijgt een vast aanspreekpunt.';
    const clash = await web('POST', respond(d.id, item.id), { cookie: anouk, form: { ...seenByAnouk, status: 'adopted', text: mine } });
    expect(clash.status).toBe(409);
    const text = textOf(clash.html);
    expect(text).toContain('Iemand anders heeft deze reactie intussen gewijzigd');
    expect(text).toContain('Huidige versie, van Test official2');
    expect(text).toContain('Deels: eerst in twee wijken.');
    const again = formValues(clash.html, respond(d.id, item.id));
    expect(again).toMatchObject({ text: mine, status: 'adopted', version: '1' });
    // Nothing was overwritten.
    let viaApi = await api('GET', `/api/v1/advice/${d.id}`, { token: w.tokens.official });
    expect(viaApi.body.items[1].response).toMatchObject({ text: 'Deels: eerst in twee wijken.', version: 1 });

    // Saving again, having seen the other text, makes hers the new version.
    expect((await web('POST', respond(d.id, item.id), { cookie: anouk, form: again })).status).toBe(303);
    viaApi = await api('GET', `/api/v1/advice/${d.id}`, { token: w.tokens.official });
    expect(viaApi.body.items[1].response).toMatchObject({ text: mine, status: 'adopted', version: 2 });
  });

  it('shows what was typed when the session ran out before saving', async () => {
    const w = await createWorld('EXP');
    const d = await submittedDossier(w);
    const official = await signInByMail(emailOf(w, 'official'));
    await env.DB.prepare('UPDATE sessions SET last_seen_at = last_seen_at - ? WHERE user_id = ?').bind(31 * 60 * 1000, w.ids.official).run();
    const typed = 'Een zorgvuldig geschreven antwoord van drie alinea’s.';
    const res = await web('POST', respond(d.id, d.items[0].id), { cookie: official, form: { status: 'answered', text: typed, version: '0' } });
    expect(res.status).toBe(401);
    expect(textOf(res.html)).toContain('Uw sessie is verlopen');
    expect(res.html).toContain(typed);
  });

  it('requests approval only when every item has a response, naming the missing ones', async () => {
    const w = await createWorld('REQ');
    const d = await submittedDossier(w);
    const official = await signInByMail(emailOf(w, 'official'));
    await web('POST', respond(d.id, d.items[0].id), { cookie: official, form: { status: 'answered', text: 'Antwoord.', version: '0' } });
    const early = await web('POST', `/adviezen/${d.id}/goedkeuring`, { cookie: official });
    expect(early.status).toBe(422);
    expect(textOf(early.html)).toContain('Nog niet alle onderdelen hebben een reactie');
    expect(early.html).toContain(`href="#item-${d.items[1].id}"`);
    expect(early.html).toContain(`href="#item-${d.items[2].id}"`);
    await web('POST', respond(d.id, d.items[1].id), { cookie: official, form: { status: 'adopted', text: 'Overgenomen.', version: '0' } });
    await web('POST', respond(d.id, d.items[2].id), { cookie: official, form: { status: 'declined', text: 'Niet overgenomen, omdat het al jaarlijks gebeurt.', version: '0' } });
    const ok = await web('POST', `/adviezen/${d.id}/goedkeuring`, { cookie: official });
    expect(ok.status).toBe(303);
    const after = await web('GET', `/adviezen/${d.id}`, { cookie: official });
    expect(textOf(after.html)).toContain('Dit dossier ligt bij de fiatteur.');
    expect(after.html).not.toContain(`action="${respond(d.id, d.items[0].id)}"`);
  });
});

describe('review, signing and sending', () => {
  async function inReview(w: World) {
    const d = await submittedDossier(w);
    await answerAll(w, d);
    expect((await api('POST', `/api/v1/advice/${d.id}/request-approval`, { token: w.tokens.official })).status).toBe(200);
    return d;
  }

  it('returns with a comment that the officials see, and refuses an empty one beside the field', async () => {
    const w = await createWorld('RET');
    const d = await inReview(w);
    const approver = await signInByMail(emailOf(w, 'approver'));
    const review = await web('GET', `/adviezen/${d.id}`, { cookie: approver });
    expect(textOf(review.html)).toContain('Voorbeeld van de brief');
    // The preview is the letter renderer's own document, framed: the concept exactly as it would be sent.
    expect(review.html).toContain(`<iframe src="/adviezen/${d.id}/brief.html"`);
    const concept = await web('GET', `/adviezen/${d.id}/brief.html`, { cookie: approver });
    expect(concept.status).toBe(200);
    expect(concept.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(concept.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(textOf(concept.html)).toContain('CONCEPT');
    expect(textOf(concept.html)).toContain('Reactie op advice.');
    expect(textOf(concept.html)).toContain(`Ons kenmerk ${d.submission.reference}`);
    const empty = await web('POST', `/adviezen/${d.id}/terugsturen`, { cookie: approver, form: { comment: ' ' } });
    expect(empty.status).toBe(422);
    expect(textOf(empty.html)).toContain('Schrijf een toelichting voor de ambtenaren.');
    const back = await web('POST', `/adviezen/${d.id}/terugsturen`, { cookie: approver, form: { comment: 'Advies 2 verdient een uitgebreidere uitleg.' } });
    expect(back.status).toBe(303);
    const official = await signInByMail(emailOf(w, 'official'));
    const page = await web('GET', `/adviezen/${d.id}`, { cookie: official });
    expect(textOf(page.html)).toContain('Teruggestuurd door de fiatteur Advies 2 verdient een uitgebreidere uitleg.');
    expect(page.html).toContain(`action="${respond(d.id, d.items[1].id)}"`);
  });

  it('signs after a confirmation that says what and on whose behalf, then sends to every recipient', async () => {
    const w = await createWorld('SGN');
    const d = await inReview(w);
    const official = await signInByMail(emailOf(w, 'official'));
    expect((await web('GET', `/adviezen/${d.id}/ondertekenen`, { cookie: official })).status).toBe(403);

    const approver = await signInByMail(emailOf(w, 'approver'));
    const confirm = await web('GET', `/adviezen/${d.id}/ondertekenen`, { cookie: approver });
    const text = textOf(confirm.html);
    expect(text).toContain(`U ondertekent de reactiebrief met kenmerk ${d.submission.reference} aan Adviesraad Sociaal Domein.`);
    expect(text).toContain('U ondertekent namens burgemeester en wethouders van Teststad.');
    expect(text).toContain('de secretaris, M. Bakker');
    expect(text).toContain('de burgemeester, J. Visser');
    // The confirmation shows the letter itself, and signing takes the approver's passkey.
    expect(confirm.html).toContain(`src="/adviezen/${d.id}/brief.html"`);
    const signed = await signWithPasskey(emailOf(w, 'approver'), approver, d.id);
    expect(signed.status).toBe(303);
    let page = await web('GET', `/adviezen/${d.id}`, { cookie: approver });
    expect(textOf(page.html)).toContain('Ondertekend door Test approver');
    expect(textOf(page.html)).toContain('De brief is nog niet verzonden.');
    expect(page.html).toContain(`action="/adviezen/${d.id}/verzenden"`);
    // From now on the pages show and serve exactly the signed documents.
    const signedPdf = (await fetchRaw(`/api/v1/advice/${d.id}/letter.pdf`, w.tokens.official)).bytes;
    const pdf = await web('GET', `/adviezen/${d.id}/brief.pdf`, { cookie: approver });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(await sha256Hex(pdf.bytes)).toBe(await sha256Hex(signedPdf));
    const frozenRes = await web('GET', `/adviezen/${d.id}/brief.html`, { cookie: approver });
    const frozen = textOf(frozenRes.html);
    // Revalidated from the browser's cache, the letter keeps its own framing policy (not the pages').
    const revalidated = await web('GET', `/adviezen/${d.id}/brief.html`, { cookie: approver, headers: { 'if-none-match': frozenRes.headers.get('etag')! } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(revalidated.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(frozen).not.toContain('CONCEPT');
    expect(frozen).toContain('de burgemeester, J. Visser');

    // The council reads nothing before it is sent.
    const member = await signInByMail(emailOf(w, 'council_member'));
    expect(textOf((await web('GET', `/adviezen/${d.id}`, { cookie: member })).html)).not.toContain('De reactie van de gemeente');
    expect((await web('GET', `/adviezen/${d.id}/brief.html`, { cookie: member })).status).toBe(403);
    expect((await web('GET', `/adviezen/${d.id}/brief.pdf`, { cookie: member })).status).toBe(403);

    expect((await web('POST', `/adviezen/${d.id}/verzenden`, { cookie: official })).status).toBe(303);
    page = await web('GET', `/adviezen/${d.id}`, { cookie: official });
    expect(textOf(page.html)).toContain('secretaris@asd.example');
    expect(textOf(page.html)).toContain('voorzitter@asd.example');
    expect(page.html).not.toContain(`action="/adviezen/${d.id}/verzenden"`);
    const mails = await env.DB.prepare(`SELECT "to", cc, attachments FROM outbox WHERE advice_id = ? AND kind = 'letter'`).bind(d.id).all<{ to: string; cc: string; attachments: string }>();
    expect(mails.results.map((r) => JSON.parse(r.to)[0]).sort()).toEqual(['secretaris@asd.example', 'voorzitter@asd.example']);
    // As the API sends it: the official who asked for approval in cc, the signed PDF attached.
    for (const mail of mails.results) {
      expect(JSON.parse(mail.cc)).toEqual([emailOf(w, 'official')]);
      expect(JSON.parse(mail.attachments)).toMatchObject([{ filename: `reactie-${d.submission.reference}.pdf`, contentType: 'application/pdf', size: signedPdf.length, r2Key: expect.stringMatching(/^letters\/[0-9a-f]{64}\.pdf$/) }]);
    }
    // Sending twice is refused and queues nothing.
    expect((await web('POST', `/adviezen/${d.id}/verzenden`, { cookie: official })).status).toBe(409);

    const sent = await web('GET', `/adviezen/${d.id}`, { cookie: member });
    expect(textOf(sent.html)).toContain('De reactie van de gemeente');
    expect(sent.html).toContain(`href="/adviezen/${d.id}/brief.pdf"`);
    expect(textOf((await web('GET', `/adviezen/${d.id}/brief.html`, { cookie: member })).html)).toContain('Onze reactie');
    const councilPdf = await web('GET', `/adviezen/${d.id}/brief.pdf`, { cookie: member });
    expect(await sha256Hex(councilPdf.bytes)).toBe(await sha256Hex(signedPdf));
  });

  it('shows why a letter mail failed and queues it again by hand, once', async () => {
    const w = await createWorld('RTY');
    const d = await inReview(w);
    expect((await api('POST', `/api/v1/advice/${d.id}/approve`, { token: w.tokens.approver })).status).toBe(200);
    expect((await api('POST', `/api/v1/advice/${d.id}/send`, { token: w.tokens.official })).status).toBe(202);
    const failed = await env.DB.prepare(`SELECT id FROM outbox WHERE advice_id = ? AND kind = 'letter' AND "to" LIKE '%voorzitter%'`).bind(d.id).first<{ id: string }>();
    await env.DB.prepare(`UPDATE outbox SET status = 'failed', last_error = 'De mailbox van de ontvanger bestaat niet.' WHERE id = ?`).bind(failed!.id).run();

    const member = await signInByMail(emailOf(w, 'council_member'));
    const official = await signInByMail(emailOf(w, 'official'));
    const page = await web('GET', `/adviezen/${d.id}`, { cookie: official });
    const text = textOf(page.html);
    expect(text).toContain('voorzitter@asd.example');
    expect(text).toContain('Mislukt');
    expect(text).toContain('De mailbox van de ontvanger bestaat niet.');
    // Only the letter's own mails are listed, not the notices to staff.
    expect(text).not.toContain(emailOf(w, 'approver'));
    const retry = `/adviezen/${d.id}/verzending/${failed!.id}/opnieuw`;
    expect(page.html).toContain(`action="${retry}"`);

    expect((await web('POST', retry, { cookie: member })).status).toBe(403);
    expect((await web('POST', retry, { cookie: official })).status).toBe(303);
    const queued = await env.DB.prepare(`SELECT status FROM outbox WHERE dedupe_key = ?`).bind(`retry:${failed!.id}`).first<{ status: string }>();
    expect(queued?.status).toBe('queued');
    const after = await web('GET', `/adviezen/${d.id}?opnieuw`, { cookie: official });
    expect(textOf(after.html)).toContain('De e-mail staat opnieuw in de wachtrij.');
    expect(after.html).not.toContain(`action="${retry}"`);
    // A second retry of the same mail is refused and queues nothing more.
    expect((await web('POST', retry, { cookie: official })).status).toBe(409);
    const count = await env.DB.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE advice_id = ? AND kind = 'letter'`).bind(d.id).first<{ n: number }>();
    expect(count?.n).toBe(3);
  });
});

describe('links in mails', () => {
  it('open the dossier page that the staff notice is about', async () => {
    const w = await createWorld('LNK');
    const d = await submittedDossier(w);
    const notice = await env.DB.prepare(`SELECT html FROM outbox WHERE advice_id = ? AND kind != 'acknowledgement' AND "to" LIKE ?`)
      .bind(d.id, `%${emailOf(w, 'official')}%`)
      .first<{ html: string }>();
    const links = [...notice!.html.matchAll(/href="https:\/\/app\.test(\/[^"]*)"/g)].map((m) => m[1]);
    expect(links).toContain(`/adviezen/${d.id}`);
    const official = await signInByMail(emailOf(w, 'official'));
    for (const path of links) expect((await web('GET', path, { cookie: official })).status, path).toBe(200);
  });
});

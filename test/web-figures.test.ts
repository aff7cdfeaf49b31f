import { beforeAll, describe, expect, it } from 'vitest';
import { addCouncil, insertDossier, api, createWorld, signInByMail, textOf, web, type World } from './support';
import { addDays, todayInAmsterdam } from '../schema/dates';

/**
 * The overview page (/overzicht) as each role sees it: the figures of the chosen period, the charts
 * each with a table of the same numbers, the overdue dossiers with links, the CSV download, and the
 * form's errors beside its fields.
 */

let w: World;
let second: Awaited<ReturnType<typeof addCouncil>>;
const cookies: Record<string, string> = {};
const today = todayInAmsterdam();
const year = today.slice(0, 4);
let overdueId = '';

beforeAll(async () => {
  w = await createWorld('OVZ');
  second = await addCouncil(w);
  const A = w.councilId;
  const B = second.councilId;
  // 2025: A sent on time (10 days, adopted 2 partly 1, a question), A late (50 days, declined 1), B open.
  await insertDossier(w, { councilId: A, receivedOn: '2025-03-03', sentOn: '2025-03-13', items: { adopted: 2, partly: 1, answered: 1 } });
  await insertDossier(w, { councilId: A, receivedOn: '2025-05-01', sentOn: '2025-06-20', items: { declined: 1 } });
  await insertDossier(w, { councilId: B, receivedOn: '2025-09-15', status: 'in_progress', title: 'Advies over sportvelden' });
  // This year: one sent today on its last day, one whose term ended yesterday.
  await insertDossier(w, { councilId: A, receivedOn: `${year}-01-01`, dueOn: today, sentOn: today, items: { already_done: 1 } });
  overdueId = (await insertDossier(w, { councilId: B, receivedOn: `${year}-01-01`, dueOn: addDays(today, -1), title: 'Advies over de bibliotheek' })).id;
  for (const role of ['official', 'approver', 'admin', 'council_member', 'council_secretary']) cookies[role] = await signInByMail(`${role}@${w.slug}.example`);
}, 120_000);

const get = (path: string, role = 'official') => web('GET', path, { cookie: cookies[role] });

describe('/overzicht', () => {
  it('shows this year by default, with the overdue dossier linked', async () => {
    const res = await get('/overzicht');
    expect(res.status).toBe(200);
    const text = textOf(res.html);
    expect(text).toContain(`1 januari ${year} tot en met 31 december ${year}`);
    // Received 2, sent 1, open 1, overdue 1, on time 1 (100%), median of one.
    expect(text).toMatch(/Ontvangen 2 Beantwoord en verzonden 1 Nog niet beantwoord 1 Termijn verstreken 1 /);
    expect(text).toContain('Op tijd verzonden 1 100% van de verzonden adviezen');
    expect(res.html).toContain(`href="/adviezen/${overdueId}"`);
    expect(text).toContain('Advies over de bibliotheek');
    expect(text).toMatch(/1 dag te laat/);
    // The navigation leads here and says where we are.
    expect(res.html).toMatch(/<a class="ww-nav__link" href="\/overzicht" aria-current="page">Overzicht<\/a>/);
    // The form holds the default period; the CSV link asks for exactly this view.
    expect(res.html).toMatch(new RegExp(`type="date"[^>]*name="van" value="${year}-01-01"`));
    expect(res.html).toContain(`href="/overzicht.csv?van=${year}-01-01&amp;tot=${year}-12-31"`);
  });

  it('shows a chosen period and council, each chart with a table of its numbers', async () => {
    const res = await get(`/overzicht?van=2025-01-01&tot=2025-12-31&raad=${w.councilId}`);
    expect(res.status).toBe(200);
    const text = textOf(res.html);
    expect(text).toContain('1 januari 2025 tot en met 31 december 2025 · Adviesraad Sociaal Domein');
    expect(text).toMatch(/Ontvangen 2 Beantwoord en verzonden 2 Nog niet beantwoord 0 Termijn verstreken 0 /);
    // 10 and 50 days: the mean of the two.
    expect(text).toContain('Mediaan doorlooptijd 30 dagen');
    expect(text).toContain('Overgenomen 2 50% Deels overgenomen 1 25% Niet overgenomen 1 25% Al gerealiseerd 0 0% Vragen beantwoord 1');
    // Three charts, each an image with a name, each followed by a table with a caption.
    const charts = [...res.html.matchAll(/<svg class="ww-chart__svg"[^>]*role="img" aria-label="([^"]+)"/g)].map((m) => m[1]);
    expect(charts).toHaveLength(3);
    for (const label of charts) expect(label.length).toBeGreaterThan(20);
    const figures = [...res.html.matchAll(/<\/figure><div class="ww-table-wrap[^"]*"[^>]*><table[^>]*><caption[^>]*>([^<]+)<\/caption>/g)].map((m) => m[1]);
    expect(figures).toHaveLength(3);
    // Per month: every month of 2025, March 1 received and 1 sent, May received, June sent.
    expect(text).toContain('maart 2025 1 1');
    expect(text).toContain('mei 2025 1 0');
    expect(text).toContain('juni 2025 0 1');
    expect(text).toContain('december 2025 0 0');
    // Days to answer against the term: 10 days on time, 50 days late.
    expect(text).toContain('7–13 1 0 1');
    expect(text).toContain('49–55 0 1 1');
    expect(text).toContain('termijn van 42 dagen');
  });

  it('shows all years per year, and the second council with its overdue dossier', async () => {
    const res = await get('/overzicht?van=&tot=');
    expect(res.status).toBe(200);
    const text = textOf(res.html);
    expect(text).toContain('Alle jaren · Alle adviesraden');
    expect(text).toMatch(/Ontvangen 5 Beantwoord en verzonden 3 /);
    expect(text).toContain('Per jaar');
    expect(text).toContain(`2025 3 2`);
    expect(text).toContain(`${year} 2 1`);
    // Per council, every council, with the total first in the chart.
    expect(text).toMatch(/Adviesraad Sociaal Domein 3 3 0 2 1 1 1 1 Participatieraad 2 0 [12] 0 0 0 0 0/);
  });

  it('puts an invalid period beside its fields, and refuses an unknown council', async () => {
    const bad = await get('/overzicht?van=2025-02-30&tot=2025-01-01');
    expect(bad.status).toBe(422);
    expect(bad.html).toContain('href="#f-van"');
    expect(bad.html).toMatch(/id="f-van-error"/);
    expect(bad.html).not.toContain('ww-kpis');
    const reversed = await get('/overzicht?van=2025-12-01&tot=2025-01-01');
    expect(reversed.status).toBe(422);
    expect(textOf(reversed.html)).toContain('De einddatum ligt vóór de begindatum.');
    expect(reversed.html).toMatch(/id="f-tot-error"/);
    // The form keeps what was asked, and still offers the councils.
    expect(reversed.html).toContain('value="2025-12-01"');
    expect(reversed.html).toContain(`<option value="${second.councilId}">Participatieraad</option>`);
    const unknown = await get(`/overzicht?raad=${crypto.randomUUID()}`);
    expect(unknown.status).toBe(422);
    expect(unknown.html).toMatch(/id="f-raad-error"/);
  });

  it('is there for approvers and admins too', async () => {
    for (const role of ['approver', 'admin']) {
      const res = await get('/overzicht', role);
      expect(res.status, role).toBe(200);
      expect(res.html, role).toContain('href="/overzicht"');
    }
  });

  it('shows a council’s members their own council only', async () => {
    const res = await get('/overzicht?van=2025-01-01&tot=2025-12-31', 'council_member');
    expect(res.status).toBe(200);
    const text = textOf(res.html);
    expect(text).toContain('Wat de gemeente deed met de adviezen van Adviesraad Sociaal Domein');
    expect(text).toMatch(/Ontvangen 2 Beantwoord en verzonden 2 /);
    expect(text).not.toContain('Participatieraad');
    expect(text).not.toContain('Advies over sportvelden');
    expect(res.html).not.toContain('name="raad"');
    expect(res.html).toContain('href="/overzicht"');
    expect((await get(`/overzicht?raad=${second.councilId}`, 'council_secretary')).status).toBe(403);
    expect((await get(`/overzicht.csv?raad=${second.councilId}`, 'council_secretary')).status).toBe(403);
  });

  it('downloads the same figures as CSV', async () => {
    const res = await get(`/overzicht.csv?van=2025-01-01&tot=2025-12-31`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="overzicht-2025-01-01-2025-12-31.csv"');
    expect([...res.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const api2025 = await api('GET', `/api/v1/organisations/${w.slug}/stats?from=2025-01-01&to=2025-12-31`, { token: w.tokens.official, headers: { accept: 'text/csv' } });
    expect(res.html.replace(/^\uFEFF/, '')).toBe(api2025.body);
    expect(res.html).toContain('Totaal;;;3;2;1;1;1;2;1;1;0;1;30\r\n');
  });

  it('sends the signed-out to sign in', async () => {
    const res = await web('GET', '/overzicht');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/inloggen');
  });
});

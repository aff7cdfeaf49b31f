import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ADMIN, addCouncil, insertDossier, api, createWorld, dossierIn, expectDutch, expectProblem, fetchRaw, messageAt, probeD1, type World } from './support';
import { createDb } from '../worker/db';
import { loadFigures } from '../worker/services/figures';
import { medianOf, monthsOf } from '../schema/figures';
import type { UserPrincipal } from '../worker/context';
import { todayInAmsterdam } from '../schema/dates';
import { dueDate } from '../worker/lib/due-date';

/**
 * The figures (API.md, "Figures") on dossiers with known dates, statuses and send days: weekends and
 * holidays move due dates, the period's edges are exact days, the median of an odd and an even count.
 */

let w: World;
let other: World;
let second: Awaited<ReturnType<typeof addCouncil>>;
/** Ids by name, for the overdue list. */
const ids: Record<string, string> = {};

const staff = (world: World, role: 'official' | 'approver' | 'admin' = 'official'): UserPrincipal => ({
  kind: 'user',
  id: world.ids[role],
  name: role,
  email: `${role}@${world.slug}.example`,
  role,
  orgId: world.orgId,
  orgSlug: world.slug,
  councilId: null,
  via: 'token',
});
const YEAR_2025 = { from: '2025-01-01', to: '2025-12-31' };

beforeAll(async () => {
  [w, other] = await Promise.all([createWorld('FIG'), createWorld('FIH')]);
  second = await addCouncil(w);
  const A = w.councilId;
  const B = second.councilId;
  const known = {
    // On the due date itself: on time, 42 days.
    A1: { councilId: A, receivedOn: '2025-01-02', sentOn: '2025-02-13', items: { adopted: 2, partly: 1, answered: 1 } },
    // +42 days is Tweede Kerstdag (a Friday), so the term ends on Monday 29 December; sent on the
    // Saturday before: on time, 43 days.
    A2: { councilId: A, receivedOn: '2025-11-14', sentOn: '2025-12-27', items: { declined: 1, already_done: 1 } },
    // Sent the day after that Monday: late, 46 days.
    A3: { councilId: A, receivedOn: '2025-11-14', sentOn: '2025-12-30', items: { adopted: 1, answered: 2 } },
    // Received on the period's last day, sent in the next year: counts here, sent in 2026-01; 5 days.
    A4: { councilId: A, receivedOn: '2025-12-31', sentOn: '2026-01-05', items: { partly: 2 } },
    // +42 days is Tweede Paasdag 2025 (21 April): due 22 April. Not sent.
    A5: { councilId: A, receivedOn: '2025-03-10', status: 'in_progress' as const },
    // Just outside the period, on either side, and a draft: not counted.
    A6: { councilId: A, receivedOn: '2024-12-31', sentOn: '2025-01-10', items: { adopted: 7 } },
    A7: { councilId: A, receivedOn: '2026-01-01', sentOn: '2026-01-08', items: { adopted: 7 } },
    A8: { councilId: A, receivedOn: null },
    // Received on the period's first day (Nieuwjaarsdag), sent 59 days later: late.
    B1: { councilId: B, receivedOn: '2025-01-01', sentOn: '2025-03-01', items: { adopted: 3 } },
    // Due Monday 11 August 2025. Not sent.
    B2: { councilId: B, receivedOn: '2025-06-30', status: 'submitted' as const },
    // +42 days is Saturday 31 January 2026: due Monday 2 February. Signed, not sent.
    B3: { councilId: B, receivedOn: '2025-12-20', status: 'signed' as const },
  };
  for (const [name, d] of Object.entries(known)) ids[name] = (await insertDossier(w, d)).id;
  // Another organisation's dossier in the same period.
  await insertDossier(other, { councilId: other.councilId, receivedOn: '2025-05-01', sentOn: '2025-05-02', items: { adopted: 9 } });
}, 60_000);

afterEach(() => {
  vi.useRealTimers();
});

describe('the figures of a period', () => {
  it('counts every figure of 2025 exactly (service, today fixed)', async () => {
    const f = await loadFigures(createDb(env.DB), staff(w), { period: YEAR_2025, councilId: null }, { page: true }, '2026-01-10');
    expect(f.stats).toEqual({
      dossiers: { received: 8, sent: 5, open: 3, overdue: 2, sentOnTime: 3 },
      items: { adopted: 6, partly: 3, declined: 1, already_done: 1, answered: 3 },
      // 5, 42, 43, 46, 59 days.
      medianDaysToSend: 43,
      byCouncil: [
        { council: { id: w.councilId, name: 'Adviesraad Sociaal Domein' }, received: 5, sent: 4, overdue: 1, adopted: 3, partly: 3, declined: 1, already_done: 1, answered: 3 },
        { council: { id: second.councilId, name: 'Participatieraad' }, received: 3, sent: 1, overdue: 1, adopted: 3, partly: 0, declined: 0, already_done: 0, answered: 0 },
      ],
      byMonth: [
        { month: '2025-01', received: 2, sent: 0 },
        { month: '2025-02', received: 0, sent: 1 },
        { month: '2025-03', received: 1, sent: 1 },
        { month: '2025-06', received: 1, sent: 0 },
        { month: '2025-11', received: 2, sent: 0 },
        { month: '2025-12', received: 2, sent: 2 },
        { month: '2026-01', received: 0, sent: 1 },
      ],
    });
    // What the page shows beside them: the distribution against the term, the overdue dossiers.
    expect(f.days).toEqual([
      { days: 5, onTime: 1, late: 0 },
      { days: 42, onTime: 1, late: 0 },
      { days: 43, onTime: 1, late: 0 },
      { days: 46, onTime: 0, late: 1 },
      { days: 59, onTime: 0, late: 1 },
    ]);
    expect(f.overdue).toEqual({
      listed: [
        { id: ids.A5, title: expect.any(String), reference: expect.any(String), councilId: w.councilId, dueOn: '2025-04-22' },
        { id: ids.B2, title: expect.any(String), reference: expect.any(String), councilId: second.councilId, dueOn: '2025-08-11' },
      ],
      more: false,
    });
    expect(f.responseDays).toBe(42);
    expect(f.councils.map((c) => c.name)).toEqual(['Adviesraad Sociaal Domein', 'Participatieraad']);
  });

  it('is overdue only after the due date: not on it', async () => {
    const db = createDb(env.DB);
    const on = await loadFigures(db, staff(w), { period: YEAR_2025, councilId: null }, { page: true }, '2025-08-11');
    expect(on.stats.dossiers.overdue).toBe(1);
    expect(on.overdue!.listed.map((d) => d.id)).toEqual([ids.A5]);
    const after = await loadFigures(db, staff(w), { period: YEAR_2025, councilId: null }, { page: true }, '2025-08-12');
    expect(after.stats.dossiers.overdue).toBe(2);
    // B3 is due on Monday 2 February 2026: overdue from the 3rd.
    expect((await loadFigures(db, staff(w), { period: YEAR_2025, councilId: null }, { page: false }, '2026-02-02')).stats.dossiers.overdue).toBe(2);
    expect((await loadFigures(db, staff(w), { period: YEAR_2025, councilId: null }, { page: false }, '2026-02-03')).stats.dossiers.overdue).toBe(3);
  });

  it('takes the median of an even count as the mean of the middle two', async () => {
    // Council A alone: 5, 42, 43, 46 days.
    const f = await loadFigures(createDb(env.DB), staff(w), { period: YEAR_2025, councilId: w.councilId }, { page: false }, '2026-01-10');
    expect(f.stats.medianDaysToSend).toBe(42.5);
    expect(f.stats.dossiers).toEqual({ received: 5, sent: 4, open: 1, overdue: 1, sentOnTime: 3 });
    expect(f.stats.byCouncil.map((c) => c.council.name)).toEqual(['Adviesraad Sociaal Domein']);
  });

  it('counts the edges of a period as days: inclusive, and nothing beyond', async () => {
    const db = createDb(env.DB);
    const day = async (from: string, to: string) => (await loadFigures(db, staff(w), { period: { from, to }, councilId: null }, { page: false }, '2026-01-10')).stats;
    const lastDayBefore = await day('2024-12-31', '2024-12-31');
    expect(lastDayBefore.dossiers).toEqual({ received: 1, sent: 1, open: 0, overdue: 0, sentOnTime: 1 });
    expect(lastDayBefore.items.adopted).toBe(7);
    expect(lastDayBefore.medianDaysToSend).toBe(10);
    expect((await day('2025-01-01', '2025-01-01')).dossiers.received).toBe(1);
    expect((await day('2025-01-02', '2025-11-13')).dossiers.received).toBe(3);
    expect((await day('2026-01-01', '2026-01-01')).byMonth).toEqual([{ month: '2026-01', received: 1, sent: 1 }]);
    // Nothing sent: no median, no items.
    const june = await day('2025-06-01', '2025-06-30');
    expect(june).toMatchObject({ dossiers: { received: 1, sent: 0, open: 1 }, medianDaysToSend: null, items: { adopted: 0, partly: 0, declined: 0, already_done: 0, answered: 0 } });
    // A period without any dossier.
    expect(await day('2030-01-01', '2030-12-31')).toEqual({
      dossiers: { received: 0, sent: 0, open: 0, overdue: 0, sentOnTime: 0 },
      items: { adopted: 0, partly: 0, declined: 0, already_done: 0, answered: 0 },
      medianDaysToSend: null,
      byCouncil: [],
      byMonth: [],
    });
    // All years (the page's unbounded period): every received dossier, no draft.
    const all = await loadFigures(db, staff(w), { period: { from: null, to: null }, councilId: null }, { page: false }, '2026-01-10');
    expect(all.stats.dossiers).toMatchObject({ received: 10, sent: 7 });
  });

  it('takes the median from the distribution, for odd and even counts and ties', () => {
    expect(medianOf([])).toBeNull();
    expect(medianOf([{ days: 3, n: 0 }])).toBeNull();
    expect(medianOf([{ days: 7, n: 1 }])).toBe(7);
    expect(medianOf([{ days: 9, n: 1 }, { days: 4, n: 1 }])).toBe(6.5);
    expect(medianOf([{ days: 10, n: 2 }, { days: 1, n: 1 }, { days: 30, n: 1 }])).toBe(10);
    expect(medianOf([{ days: 1, n: 3 }, { days: 2, n: 3 }])).toBe(1.5);
    // Against sorting the expanded list, for many random distributions.
    for (let run = 0; run < 200; run++) {
      const dist = Array.from({ length: 1 + (run % 7) }, () => ({ days: Math.floor(Math.random() * 90), n: Math.floor(Math.random() * 4) }));
      const all = dist.flatMap((d) => Array<number>(d.n).fill(d.days)).sort((a, b) => a - b);
      const expected = all.length === 0 ? null : all.length % 2 ? all[(all.length - 1) / 2] : (all[all.length / 2 - 1] + all[all.length / 2]) / 2;
      expect(medianOf(dist), JSON.stringify(dist)).toBe(expected);
    }
  });
});

describe('GET /api/v1/organisations/{slug}/stats', () => {
  const stats = (query: string, token = w.tokens.official, headers: Record<string, string> = {}) =>
    api('GET', `/api/v1/organisations/${w.slug}/stats${query}`, { token, headers });

  it('answers the figures of a period as API.md defines them', async () => {
    const res = await stats('?from=2025-01-01&to=2025-12-31');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    // Today is later than every due date here: every open dossier is overdue.
    const lateForAll = todayInAmsterdam() > '2026-02-02';
    expect(res.body).toMatchObject({
      dossiers: { received: 8, sent: 5, open: 3, overdue: lateForAll ? 3 : 2, sentOnTime: 3 },
      items: { adopted: 6, partly: 3, declined: 1, already_done: 1, answered: 3 },
      medianDaysToSend: 43,
    });
    expect(Object.keys(res.body).sort()).toEqual(['byCouncil', 'byMonth', 'dossiers', 'items', 'medianDaysToSend']);
    expect(res.body.byMonth).toHaveLength(7);
    const withCouncil = await stats(`?from=2025-01-01&to=2025-12-31&councilId=${second.councilId}`, w.tokens.admin);
    expect(withCouncil.body.dossiers).toMatchObject({ received: 3, sent: 1 });
    expect(withCouncil.body.byCouncil).toEqual([expect.objectContaining({ council: { id: second.councilId, name: 'Participatieraad' } })]);
  });

  it('defaults to the current calendar year, each bound on its own', async () => {
    const fresh = await createWorld('FIY');
    const today = todayInAmsterdam();
    const year = Number(today.slice(0, 4));
    await insertDossier(fresh, { councilId: fresh.councilId, receivedOn: `${year}-01-01` });
    await insertDossier(fresh, { councilId: fresh.councilId, receivedOn: `${year}-12-31` });
    await insertDossier(fresh, { councilId: fresh.councilId, receivedOn: `${year - 1}-12-31` });
    await insertDossier(fresh, { councilId: fresh.councilId, receivedOn: `${year + 1}-01-01` });
    const received = async (query: string) => {
      const res = await api('GET', `/api/v1/organisations/${fresh.slug}/stats${query}`, { token: fresh.tokens.approver });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.dossiers.received;
    };
    expect(await received('')).toBe(2);
    expect(await received(`?from=${year - 1}-12-31`)).toBe(3);
    expect(await received(`?to=${year + 1}-01-01`)).toBe(3);
    // A bound that leaves the default's other bound before it: the period is reversed.
    const reversed = await api('GET', `/api/v1/organisations/${fresh.slug}/stats?to=${year - 1}-06-30`, { token: fresh.tokens.approver });
    expectProblem(reversed, 422, ['to']);
  });

  it('validates its query with Dutch messages', async () => {
    const bad = expectProblem(await stats('?from=2025-02-30&to=gisteren'), 422, ['from', 'to']);
    for (const e of bad.errors!) expectDutch(e.message);
    const reversed = await stats('?from=2025-12-31&to=2025-01-01');
    expectProblem(reversed, 422, ['to']);
    expectDutch(messageAt(reversed, 'to'));
    expectProblem(await stats('?jaar=2025'), 422, ['jaar']);
    expectProblem(await stats('?councilId='), 422, ['councilId']);
    const unknown = await stats(`?councilId=${crypto.randomUUID()}`);
    expectProblem(unknown, 422, ['councilId']);
    expectDutch(messageAt(unknown, 'councilId'));
    // Another organisation's council is unknown here too.
    expectProblem(await stats(`?councilId=${other.councilId}`), 422, ['councilId']);
  });

  it('gives council members and secretaries their own council only', async () => {
    const own = await stats('?from=2025-01-01&to=2025-12-31', w.tokens.council_member);
    expect(own.status).toBe(200);
    expect(own.body.dossiers).toMatchObject({ received: 5, sent: 4 });
    expect(own.body.byCouncil.map((c: { council: { id: string } }) => c.council.id)).toEqual([w.councilId]);
    expect((await stats(`?from=2025-01-01&to=2025-12-31&councilId=${w.councilId}`, w.tokens.council_secretary)).body.dossiers.received).toBe(5);
    const theirs = await stats(`?from=2025-01-01&to=2025-12-31`, second.secretary.token);
    expect(theirs.body.dossiers).toMatchObject({ received: 3, sent: 1 });
    expectProblem(await stats(`?councilId=${second.councilId}`, w.tokens.council_member), 403);
    // Even a council that does not exist: no hint of what does.
    expectProblem(await stats(`?councilId=${crypto.randomUUID()}`, w.tokens.council_member), 403);
  });

  it('refuses the platform, strangers and other organisations', async () => {
    expectProblem(await stats('', ADMIN), 403);
    expectProblem(await api('GET', `/api/v1/organisations/${w.slug}/stats`), 401);
    expectProblem(await stats('', other.tokens.official), 404);
    expectProblem(await api('GET', `/api/v1/organisations/niet-bestaand/stats`, { token: w.tokens.official }), 404);
  });

  it('answers CSV for Accept: text/csv, as a Dutch spreadsheet opens it', async () => {
    const res = await stats('?from=2025-01-01&to=2025-12-31&councilId=' + w.councilId, w.tokens.official, { accept: 'text/csv' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(res.headers.get('vary')).toMatch(/accept/i);
    // A byte order mark first (fetch's text() would drop it).
    const raw = await fetchRaw(`/api/v1/organisations/${w.slug}/stats?councilId=${w.councilId}`, w.tokens.official, { accept: 'text/csv' });
    expect([...raw.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = (res.body as string).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe(
      'Onderdeel;Adviesraad;Maand;Ontvangen;Verzonden;Nog niet verzonden;Termijn verstreken;Op tijd verzonden;Overgenomen;Deels overgenomen;Niet overgenomen;Al gerealiseerd;Vragen beantwoord;Mediaan dagen tot verzending',
    );
    const overdue = todayInAmsterdam() > '2025-04-22' ? 1 : 0;
    // The even count's median with a decimal comma.
    expect(lines[1]).toBe(`Totaal;;;5;4;1;${overdue};3;3;3;1;1;3;42,5`);
    expect(lines[2]).toBe(`Adviesraad;Adviesraad Sociaal Domein;;5;4;;${overdue};;3;3;1;1;3;`);
    expect(lines.slice(3, -1)).toEqual([
      'Maand;;2025-01;1;0;;;;;;;;;',
      'Maand;;2025-02;0;1;;;;;;;;;',
      'Maand;;2025-03;1;0;;;;;;;;;',
      'Maand;;2025-11;2;0;;;;;;;;;',
      'Maand;;2025-12;1;2;;;;;;;;;',
      'Maand;;2026-01;0;1;;;;;;;;;',
    ]);
    for (const line of lines.slice(0, -1)) expect(line.split(';')).toHaveLength(14);
    // JSON stays the default, and wins where the client prefers it.
    expect((await stats('', w.tokens.official, { accept: 'application/json, text/csv;q=0.5' })).headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('keeps names that a spreadsheet would run as a formula, or that hold a separator, as text', async () => {
    const world = await createWorld('FIC');
    const council = await api('POST', `/api/v1/organisations/${world.slug}/councils`, { token: ADMIN, body: { name: '=HYPERLINK("x";"Raad")', recipients: ['r@x.example'] } });
    await insertDossier(world, { councilId: council.body.id, receivedOn: '2025-05-05' });
    const res = await api('GET', `/api/v1/organisations/${world.slug}/stats?from=2025-01-01&to=2025-12-31`, { token: world.tokens.official, headers: { accept: 'text/csv' } });
    expect((res.body as string).split('\r\n')[2]).toBe(`Adviesraad;"'=HYPERLINK(""x"";""Raad"")";;1;0;;1;;0;0;0;0;0;`);
  });
});

describe('sending records the figures', () => {
  it('stores the Amsterdam day that send was accepted and the letter’s counts, in the same batch', async () => {
    const world = await createWorld('FIS');
    const d = await dossierIn(world, 'signed');
    // 23:30 UTC on Saturday 28 March 2026 is already Sunday 29 March in Amsterdam (00:30, CET).
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-28T23:30:00Z'));
    const sent = await api('POST', `/api/v1/advice/${d.id}/send`, { token: world.tokens.official });
    vi.useRealTimers();
    expect(sent.status).toBe(202);
    const row = await env.DB.prepare(
      'SELECT sent_at, sent_on, sent_adopted, sent_partly, sent_declined, sent_already_done, sent_answered, received_on FROM advice WHERE id = ?',
    )
      .bind(d.id)
      .first<Record<string, unknown>>();
    // dossierIn answers the question and adopts both advice items (test/helpers.ts answerAll).
    expect(row).toMatchObject({ sent_at: '2026-03-28T23:30:00.000Z', sent_on: '2026-03-29', sent_adopted: 2, sent_partly: 0, sent_declined: 0, sent_already_done: 0, sent_answered: 1 });
    const f = await loadFigures(createDb(env.DB), staff(world), { period: { from: null, to: null }, councilId: null }, { page: false }, '2026-03-29');
    expect(f.stats.byMonth).toContainEqual({ month: '2026-03', received: 0, sent: 1 });
    expect(f.stats.items).toEqual({ adopted: 2, partly: 0, declined: 0, already_done: 0, answered: 1 });
  });

  it('filled in the day and counts of dossiers sent before (the migration’s backfill, run again)', async () => {
    const world = await createWorld('FIB');
    const d = await dossierIn(world, 'sent');
    const migration = env.TEST_MIGRATIONS.find((m) => m.queries.some((q) => q.includes('ADD `sent_on`')))!;
    const backfill = migration.queries.find((q) => q.includes('UPDATE `advice` SET'))!;
    expect(backfill).toContain('UPDATE `advice` SET');
    const run = async (sentAt: string | null) => {
      await env.DB.prepare(
        'UPDATE advice SET sent_at = ?, sent_on = NULL, sent_adopted = 0, sent_partly = 0, sent_declined = 0, sent_already_done = 0, sent_answered = 0 WHERE id = ?',
      )
        .bind(sentAt, d.id)
        .run();
      await env.DB.prepare(backfill).run();
      return env.DB.prepare('SELECT sent_on, sent_adopted, sent_answered FROM advice WHERE id = ?').bind(d.id).first<{ sent_on: string; sent_adopted: number; sent_answered: number }>();
    };
    // Around both changes of the clock, and around midnight in winter and summer.
    const cases: [string, string][] = [
      ['2026-03-29T00:59:59.000Z', '2026-03-29'],
      ['2026-03-28T22:59:59.000Z', '2026-03-28'],
      ['2026-03-28T23:00:00.000Z', '2026-03-29'],
      ['2026-06-30T21:59:59.999Z', '2026-06-30'],
      ['2026-06-30T22:00:00.000Z', '2026-07-01'],
      ['2026-10-24T21:59:59.000Z', '2026-10-24'],
      ['2026-10-24T22:00:00.000Z', '2026-10-25'],
      ['2026-10-25T00:59:59.000Z', '2026-10-25'],
      ['2026-10-25T22:59:59.000Z', '2026-10-25'],
      ['2026-10-25T23:00:00.000Z', '2026-10-26'],
      ['2025-12-31T23:00:00.000Z', '2026-01-01'],
    ];
    for (const [instant, day] of cases) {
      expect((await run(instant))?.sent_on, instant).toBe(day);
      expect(todayInAmsterdam(new Date(instant)), `${instant} (the Worker's own rule)`).toBe(day);
    }
    // Against the Worker's own rule, at random instants over forty years.
    for (let i = 0; i < 60; i++) {
      const instant = new Date(Date.UTC(2000, 0, 1) + Math.floor(Math.random() * 40 * 365.25 * 86_400_000)).toISOString();
      expect((await run(instant))?.sent_on, instant).toBe(todayInAmsterdam(new Date(instant)));
    }
    // Without sent_at: the audit log's `advice.send`.
    const [audit] = (
      await env.DB.prepare("SELECT created_at FROM audit_log WHERE entity_id = ? AND action = 'advice.send'").bind(d.id).all<{ created_at: string }>()
    ).results;
    const fromAudit = await run(null);
    expect(fromAudit).toEqual({ sent_on: todayInAmsterdam(new Date(audit.created_at)), sent_adopted: 2, sent_answered: 1 });
  });
});

describe('how the figures are read', () => {
  it('reads whole months from the summary and only a partial month’s dossiers, each from an index (no row, no scan), in one batch', async () => {
    // In the order of the batch: overdue per council, per days to sending, the councils; then per
    // council, per month of receipt and per month of sending from the summary; a partial month's
    // dossiers per council and months; then the page's overdue list and the organisation's term.
    const cases = [
      { period: YEAR_2025, councilId: null, partial: false },
      { period: YEAR_2025, councilId: w.councilId, partial: false },
      { period: { from: null, to: null }, councilId: null, partial: false },
      { period: { from: '2025-03-15', to: null }, councilId: null, partial: true },
      { period: { from: '2025-03-01', to: '2025-11-20' }, councilId: w.councilId, partial: true },
    ] as const;
    for (const { period, councilId, partial } of cases) {
      const probe = probeD1(env.DB);
      await loadFigures(createDb(probe.db), staff(w), { period, councilId }, { page: true });
      expect(probe.calls.map((c) => c.kind)).toEqual(['batch']);
      const statements = probe.calls[0].sql;
      expect(statements).toHaveLength(partial ? 9 : 8);
      const plans = await Promise.all(
        statements.map(async (sql) => {
          const params = (sql.match(/\?/g) ?? []).map(() => '2025-01-01');
          return (await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...params).all<{ detail: string }>()).results.map((r) => r.detail).join(' | ');
        }),
      );
      const where = JSON.stringify({ period, councilId });
      const plan = (i: number) => `${where}: ${statements[i]} → ${plans[i]}`;
      for (const p of plans) expect(p, where).not.toMatch(/SCAN/);
      expect(plans[0], plan(0)).toMatch(/^SEARCH advice USING COVERING INDEX advice_figures_open \(org_id=\?/);
      expect(plans[1], plan(1)).toMatch(/^SEARCH advice USING COVERING INDEX advice_figures_days \(org_id=\?/);
      expect(plans[1], plan(1)).not.toMatch(/TEMP B-TREE/);
      for (const i of [3, 4, 5]) expect(plans[i], plan(i)).toMatch(/^SEARCH figure_months USING COVERING INDEX figure_months_counts \(org_id=\?/);
      if (partial) expect(plans[6], plan(6)).toMatch(/^SEARCH advice USING COVERING INDEX advice_figures \(org_id=\? AND <expr>=\?/);
      // The overdue list: the few open dossiers in its order, then their rows. Not through the staff
      // list's (org_id, due_on): that walks every dossier due before today to find the open ones.
      expect(plans[partial ? 7 : 6], plan(partial ? 7 : 6)).toMatch(/^SEARCH advice USING INDEX advice_figures_open \(org_id=\? AND due_on<\?\)$/);
    }
  });

  it('costs the same for a year and for all years: one batch', async () => {
    for (const period of [YEAR_2025, { from: null, to: null }]) {
      const probe = probeD1(env.DB);
      await loadFigures(createDb(probe.db), staff(w), { period, councilId: null }, { page: true });
      expect(probe.calls).toHaveLength(1);
    }
  });

  it('answers any period as counting the dossiers one by one would (whole and partial months alike)', async () => {
    // The dossiers of beforeAll, counted by hand for a period: received in it, and of those sent.
    const rows = (
      await env.DB.prepare('SELECT council_id, received_on, sent_on, sent_adopted, sent_answered FROM advice WHERE org_id = ? AND received_on IS NOT NULL')
        .bind(w.orgId)
        .all<{ council_id: string; received_on: string; sent_on: string | null; sent_adopted: number; sent_answered: number }>()
    ).results;
    // Bounds on and around month edges and the dossiers' own days.
    const days = ['2024-12-01', '2024-12-31', '2025-01-01', '2025-01-02', '2025-01-31', '2025-02-28', '2025-03-01', '2025-03-10', '2025-03-11', '2025-06-30', '2025-07-01', '2025-11-13', '2025-11-14', '2025-11-30', '2025-12-19', '2025-12-20', '2025-12-31', '2026-01-01', '2026-01-31'];
    const db = createDb(env.DB);
    for (let i = 0; i < 40; i++) {
      const pick = () => days[Math.floor(Math.random() * days.length)];
      const [x, y] = [pick(), pick()].sort();
      const from = Math.random() < 0.15 ? null : x;
      const to = Math.random() < 0.15 ? null : y;
      const councilId = Math.random() < 0.3 ? w.councilId : null;
      const mine = rows.filter((r) => (!from || r.received_on >= from) && (!to || r.received_on <= to) && (!councilId || r.council_id === councilId));
      const sent = mine.filter((r) => r.sent_on);
      const months = new Map<string, { received: number; sent: number }>();
      const month = (m: string) => months.get(m) ?? months.set(m, { received: 0, sent: 0 }).get(m)!;
      for (const r of mine) month(r.received_on.slice(0, 7)).received++;
      for (const r of sent) month(r.sent_on!.slice(0, 7)).sent++;
      const f = (await loadFigures(db, staff(w), { period: { from, to }, councilId }, { page: false }, '2026-01-10')).stats;
      const what = JSON.stringify({ from, to, councilId });
      expect(f.dossiers.received, what).toBe(mine.length);
      expect(f.dossiers.sent, what).toBe(sent.length);
      expect(f.items.adopted, what).toBe(sent.reduce((n, r) => n + r.sent_adopted, 0));
      expect(f.items.answered, what).toBe(sent.reduce((n, r) => n + r.sent_answered, 0));
      expect(Object.fromEntries(f.byCouncil.map((c) => [c.council.id, c.received])), what).toEqual(
        mine.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.council_id]: (acc[r.council_id] ?? 0) + 1 }), {}),
      );
      expect(f.byMonth, what).toEqual([...months].sort(([a], [b]) => a.localeCompare(b)).map(([m, c]) => ({ month: m, ...c })));
    }
  });
});

describe('the monthly summary', () => {
  it('answers the whole months of a period; the months it covers in part are read from the dossiers', () => {
    expect(monthsOf({ from: '2024-02-01', to: '2024-02-29' })).toEqual({ first: '2024-02', last: '2024-02', partial: [] });
    expect(monthsOf({ from: '2023-02-01', to: '2023-02-28' }).partial).toEqual([]);
    expect(monthsOf({ from: '2024-02-01', to: '2024-02-28' }).partial).toEqual(['2024-02']);
    expect(monthsOf({ from: '2026-01-02', to: '2026-12-31' }).partial).toEqual(['2026-01']);
    expect(monthsOf({ from: '2026-03-15', to: '2026-03-20' }).partial).toEqual(['2026-03']);
    expect(monthsOf({ from: null, to: null })).toEqual({ first: null, last: null, partial: [] });
  });


  it('is what the dossiers say, after submitting, registering and sending through the API (the migration’s backfill gives the same)', async () => {
    const world = await createWorld('FIM');
    await dossierIn(world, 'sent');
    await dossierIn(world, 'sent');
    await dossierIn(world, 'in_progress');
    await dossierIn(world, 'draft');
    const registered = await api('POST', `/api/v1/organisations/${world.slug}/advice/register`, {
      token: world.tokens.official,
      body: { councilId: world.councilId, title: 'Per post ontvangen', kind: 'unsolicited', letterDate: '2026-02-02', receivedOn: '2026-02-03', items: [{ kind: 'advice', text: 'Doe het.' }] },
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    const summary = async () =>
      (
        await env.DB.prepare(
          'SELECT received_month, council_id, sent_month, received, sent, adopted, partly, declined, already_done, answered FROM figure_months WHERE org_id = ? AND received > 0 ORDER BY 1, 2, 3',
        )
          .bind(world.orgId)
          .all()
      ).results;
    const kept = await summary();
    const thisMonth = todayInAmsterdam().slice(0, 7);
    // Two sent this month (each adopts two advice and answers a question), one still open, the registered one in February.
    expect(kept).toEqual([
      { received_month: '2026-02', council_id: world.councilId, sent_month: '', received: 1, sent: 0, adopted: 0, partly: 0, declined: 0, already_done: 0, answered: 0 },
      { received_month: thisMonth, council_id: world.councilId, sent_month: '', received: 1, sent: 0, adopted: 0, partly: 0, declined: 0, already_done: 0, answered: 0 },
      { received_month: thisMonth, council_id: world.councilId, sent_month: thisMonth, received: 2, sent: 2, adopted: 4, partly: 0, declined: 0, already_done: 0, answered: 2 },
    ].sort((a, b) => `${a.received_month}${a.sent_month}`.localeCompare(`${b.received_month}${b.sent_month}`)));
    // Rebuilt from the dossiers by the migration's own statement: the same rows.
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.endsWith('_figure_months.sql'))!;
    const backfill = migration.queries.find((q) => q.includes('INSERT INTO `figure_months`'))!;
    await env.DB.prepare('DELETE FROM figure_months').run();
    await env.DB.prepare(backfill).run();
    expect(await summary()).toEqual(kept);
  });
});

it('is in the council fixture as helpers make it (a check on the fixture itself)', () => {
  expect(dueDate('2025-11-14', 42)).toBe('2025-12-29');
  expect(dueDate('2025-03-10', 42)).toBe('2025-04-22');
  expect(dueDate('2025-12-20', 42)).toBe('2026-02-02');
  expect(dueDate('2025-06-30', 42)).toBe('2025-08-11');
});

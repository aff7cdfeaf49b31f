import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dueDate, easterSunday, isWorkingDay, statutoryHolidays } from '../worker/lib/due-date';
import { addDays, dayNumber, dutchDate, parseDate, todayInAmsterdam } from '../schema/dates';
import { ADMIN, api, createWorld, count, draftDossier, expectProblem } from './support';

/** The holidays of the Algemene termijnenwet as published for these years (not computed). */
const PUBLISHED: Record<number, string[]> = {
  2014: ['01-01', '04-18', '04-21', '04-26', '05-05', '05-29', '06-09', '12-25', '12-26'],
  2024: ['01-01', '03-29', '04-01', '04-27', '05-05', '05-09', '05-20', '12-25', '12-26'],
  2025: ['01-01', '04-18', '04-21', '04-26', '05-05', '05-29', '06-09', '12-25', '12-26'],
  2026: ['01-01', '04-03', '04-06', '04-27', '05-05', '05-14', '05-25', '12-25', '12-26'],
  2027: ['01-01', '03-26', '03-29', '04-27', '05-05', '05-06', '05-17', '12-25', '12-26'],
};
const published = new Set(Object.entries(PUBLISHED).flatMap(([y, days]) => days.map((d) => `${y}-${d}`)));
const weekday = (date: string) => parseDate(date).getUTCDay();
/** An oracle independent of the code under test, valid for the years above. */
const workingByTable = (date: string) => weekday(date) !== 0 && weekday(date) !== 6 && !published.has(date);

/** A due date `days` after `receivedOn` lands on `target`: pick receivedOn accordingly. */
const landingOn = (target: string, days = 42) => dueDate(addDays(target, -days), days);

describe('todayInAmsterdam', () => {
  it.each([
    ['2026-12-31T22:59:59Z', '2026-12-31'],
    ['2026-12-31T23:00:00Z', '2027-01-01'],
    ['2026-06-30T21:59:59Z', '2026-06-30'],
    ['2026-06-30T22:00:00Z', '2026-07-01'],
    ['2026-03-28T23:30:00Z', '2026-03-29'],
    ['2026-10-25T22:30:00Z', '2026-10-25'],
  ])('%s is %s in Amsterdam', (instant, date) => {
    expect(todayInAmsterdam(new Date(instant))).toBe(date);
  });
});

describe('calendar dates', () => {
  const anyDate = fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2200, 0, 1) }).map((ms) => new Date(ms).toISOString().slice(0, 10));

  it('counts the days between two dates as the calendar does, across leap years and month ends', () => {
    fc.assert(
      fc.property(anyDate, anyDate, (a, b) => {
        expect(dayNumber(b) - dayNumber(a)).toBe(Math.round((parseDate(b).getTime() - parseDate(a).getTime()) / 86_400_000));
      }),
    );
    expect(dayNumber('2028-03-01') - dayNumber('2028-02-28')).toBe(2);
    expect(dayNumber('2027-01-01') - dayNumber('2026-12-31')).toBe(1);
  });

  it('writes a date the Dutch way, without leading zeros', () => {
    expect(dutchDate('2019-03-11')).toBe('11 maart 2019');
    expect(dutchDate('2026-01-05')).toBe('5 januari 2026');
    expect(dutchDate('2026-12-31')).toBe('31 december 2026');
  });
});

describe('easterSunday', () => {
  it.each([
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2014, '2014-04-20'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('%i → %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
    expect(weekday(date)).toBe(0);
  });
});

describe('statutoryHolidays', () => {
  it.each(Object.keys(PUBLISHED).map(Number))('matches the published list for %i', (year) => {
    expect(statutoryHolidays(year).map((h) => h.date.slice(5)).sort()).toEqual([...PUBLISHED[year]].sort());
  });

  it('moves Koningsdag to 26 April when the 27th is a Sunday (2014, 2025), not otherwise', () => {
    const kingsDay = (y: number) => statutoryHolidays(y).find((h) => h.name === 'Koningsdag')!.date;
    expect(weekday('2014-04-27')).toBe(0);
    expect(weekday('2025-04-27')).toBe(0);
    expect(kingsDay(2014)).toBe('2014-04-26');
    expect(kingsDay(2025)).toBe('2025-04-26');
    expect(kingsDay(2024)).toBe('2024-04-27');
    expect(kingsDay(2026)).toBe('2026-04-27');
    // Monday 28 April 2025 is an ordinary working day.
    expect(isWorkingDay('2025-04-28')).toBe(true);
  });
});

describe('dueDate', () => {
  it.each([
    // [lands on, expected due date, why]
    ['2026-04-03', '2026-04-07', 'Goede Vrijdag, the weekend and tweede Paasdag'],
    ['2025-04-18', '2025-04-22', 'Goede Vrijdag 2025 up to tweede Paasdag'],
    ['2025-04-21', '2025-04-22', 'tweede Paasdag'],
    ['2024-03-29', '2024-04-02', 'Easter in March'],
    ['2025-04-26', '2025-04-28', 'Koningsdag on Saturday because the 27th is a Sunday'],
    ['2025-04-27', '2025-04-28', 'Sunday 27 April 2025 is no holiday, and Monday is not either'],
    ['2014-04-26', '2014-04-28', 'Koningsdag 2014 on the 26th'],
    ['2026-04-27', '2026-04-28', 'Koningsdag on a Monday'],
    ['2027-04-27', '2027-04-28', 'Koningsdag on a Tuesday'],
    ['2026-05-05', '2026-05-06', '5 mei on a Tuesday'],
    ['2024-05-05', '2024-05-06', '5 mei on a Sunday'],
    ['2026-05-14', '2026-05-15', 'Hemelvaartsdag'],
    ['2027-05-05', '2027-05-07', '5 mei and Hemelvaartsdag on consecutive days'],
    ['2026-05-25', '2026-05-26', 'tweede Pinksterdag'],
    ['2025-06-09', '2025-06-10', 'tweede Pinksterdag 2025'],
    ['2025-12-25', '2025-12-29', 'both Christmas days and the weekend'],
    ['2026-12-25', '2026-12-28', 'Christmas on Friday'],
    ['2026-12-31', '2026-12-31', 'New Year’s Eve is a working day'],
    ['2027-01-01', '2027-01-04', 'Nieuwjaarsdag on Friday'],
    ['2022-12-31', '2023-01-02', 'Saturday, then Nieuwjaarsdag on Sunday'],
    ['2026-06-15', '2026-06-15', 'an ordinary Monday'],
    ['2026-06-13', '2026-06-15', 'a Saturday'],
    ['2026-06-14', '2026-06-15', 'a Sunday'],
  ])('landing on %s gives %s (%s)', (target, expected) => {
    expect(landingOn(target)).toBe(expected);
    expect(landingOn(target, 1)).toBe(expected);
    expect(landingOn(target, 365)).toBe(expected);
  });

  it('counts calendar days across a year end and a leap day', () => {
    expect(dueDate('2026-11-25', 42)).toBe('2027-01-06');
    expect(dueDate('2028-02-01', 28)).toBe('2028-02-29');
    expect(dueDate('2027-02-01', 28)).toBe('2027-03-01');
  });

  it('skips the extra days it is given', () => {
    expect(dueDate('2026-05-18', 14)).toBe('2026-06-01');
    expect(dueDate('2026-05-18', 14, new Set(['2026-06-01']))).toBe('2026-06-02');
    expect(dueDate('2026-05-18', 14, new Set(['2026-06-01', '2026-06-02']))).toBe('2026-06-03');
  });

  it('property: the first working day on or after receivedOn + days (against the published table)', () => {
    const receivedOn = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 8, 1) }).map((ms) => new Date(ms).toISOString().slice(0, 10));
    fc.assert(
      fc.property(receivedOn, fc.integer({ min: 1, max: 90 }), (received, days) => {
        const due = dueDate(received, days);
        const target = addDays(received, days);
        expect(due >= target).toBe(true);
        expect(workingByTable(due)).toBe(true);
        for (let d = target; d < due; d = addDays(d, 1)) expect(workingByTable(d)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('property: never a weekend or holiday, at most five days past the term, monotonic, for any year', () => {
    const receivedOn = fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2200, 0, 1) }).map((ms) => new Date(ms).toISOString().slice(0, 10));
    fc.assert(
      fc.property(receivedOn, fc.integer({ min: 0, max: 365 }), (received, days) => {
        const due = dueDate(received, days);
        const target = addDays(received, days);
        expect([0, 6]).not.toContain(weekday(due));
        const year = Number(due.slice(0, 4));
        expect(statutoryHolidays(year).map((h) => h.date)).not.toContain(due);
        expect(due >= target).toBe(true);
        // Longest run of non-working days: Goede Vrijdag to Koningsdag on the Tuesday after Easter Monday.
        expect(due <= addDays(target, 5)).toBe(true);
        expect(dueDate(addDays(received, 1), days) >= due).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('POST /api/v1/holidays', () => {
  it('adds an organisation’s own closing day that moves its due dates, and only its own', async () => {
    const [w, other] = await Promise.all([createWorld('HOL'), createWorld('HOM')]);
    const today = todayInAmsterdam();
    const usual = dueDate(today, 42);
    const res = await api('POST', '/api/v1/holidays', { token: ADMIN, body: { date: usual, name: 'Sluiting stadhuis', orgSlug: w.slug } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ date: usual, name: 'Sluiting stadhuis' });

    const d = await draftDossier(w);
    const submitted = await api('POST', `/api/v1/advice/${d.id}/submit`, { token: w.tokens.council_secretary });
    expect(submitted.body.dueOn).toBe(dueDate(today, 42, new Set([usual])));
    expect(submitted.body.dueOn > usual).toBe(true);

    const o = await draftDossier(other);
    expect((await api('POST', `/api/v1/advice/${o.id}/submit`, { token: other.tokens.council_secretary })).body.dueOn).toBe(usual);
  });

  it('stores a national day once, however often it is posted', async () => {
    const body = { date: '1990-06-04', name: 'Extra vrije dag' };
    expect((await api('POST', '/api/v1/holidays', { token: ADMIN, body })).status).toBe(201);
    expect((await api('POST', '/api/v1/holidays', { token: ADMIN, body })).status).toBe(201);
    expect(await count("SELECT count(*) AS n FROM public_holidays WHERE date = '1990-06-04'")).toBe(1);
    const rows = await env.DB.prepare("SELECT org_id FROM public_holidays WHERE date = '1990-06-04'").all();
    expect(rows.results).toEqual([{ org_id: null }]);
  });

  it('is for the platform only, and validates', async () => {
    const w = await createWorld('HOV');
    expectProblem(await api('POST', '/api/v1/holidays', { token: w.tokens.admin, body: { date: '2030-01-02', name: 'X' } }), 403);
    expectProblem(await api('POST', '/api/v1/holidays', { body: { date: '2030-01-02', name: 'X' } }), 401);
    expectProblem(await api('POST', '/api/v1/holidays', { token: ADMIN, body: { date: '2030-02-30', name: '' } }), 422, ['date', 'name']);
    expectProblem(await api('POST', '/api/v1/holidays', { token: ADMIN, body: { date: '2030-01-02', name: 'X', orgId: 'x' } }), 422, ['orgId']);
    expectProblem(await api('POST', '/api/v1/holidays', { token: ADMIN, body: { date: '2030-01-02', name: 'X', orgSlug: 'bestaat-niet' } }), 404);
  });
});

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, createWorld, submittedDossier, type World, expectProblem } from './support';
import { addDays, formatDate, parseDate } from '../schema/dates';
import { dueDate, statutoryHolidays } from '../worker/lib/due-date';

/**
 * Property-based tests: fast-check generates the inputs (and shrinks a failure to its smallest
 * form). The validators (advice, response, organisation settings, council) are exercised through
 * the real API; the due-date calculator as a function, against an oracle that knows only the
 * calendar. The letter model and its renderers: test/node/letter-properties.test.ts.
 */

/** Any Unicode text (control characters included) that is not blank, at most `max` UTF-16 units once trimmed. */
const text = (max: number, maxLength = 40) =>
  fc.string({ unit: 'binary', minLength: 1, maxLength }).filter((s) => s.trim().length > 0 && s.trim().length <= max);
const optional = (max: number) => fc.option(fc.string({ unit: 'binary', maxLength: 30 }).filter((s) => s.trim().length <= max), { nil: undefined });
/** A single-line field's text: any Unicode but no control character or line separator once trimmed (those are refused). */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const line = (max: number, maxLength = 40) => text(max, maxLength).filter((s) => !CONTROL.test(s.trim()));
const optionalLine = (max: number) => fc.option(fc.string({ unit: 'binary', maxLength: 30 }).filter((s) => s.trim().length <= max && !CONTROL.test(s.trim())), { nil: undefined });

/** Ways to break a valid body, per field: each the error path it must cause and how to cause it. */
type Breakages = Record<string, [path: string, apply: (b: any) => void][]>;

/** Which way (if any) each field is broken; at least one is. */
const breakageChoice = (breakages: Breakages) =>
  fc
    .record(Object.fromEntries(Object.entries(breakages).map(([k, ways]) => [k, fc.option(fc.integer({ min: 0, max: ways.length - 1 }), { nil: undefined })])))
    .filter((choice) => Object.values(choice).some((v) => v !== undefined));

/** A copy of `valid` broken as chosen, and the error paths that must come back. */
function broken(valid: unknown, breakages: Breakages, choice: Record<string, number | undefined>) {
  const body: any = structuredClone(valid);
  const paths = new Set<string>();
  for (const [field, index] of Object.entries(choice)) {
    if (index === undefined) continue;
    const [path, apply] = breakages[field][index];
    apply(body);
    paths.add(path);
  }
  return { body, paths: [...paths] };
}
const isoDay = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map(formatDate);

const itemArb = fc.record({ kind: fc.constantFrom('question' as const, 'advice' as const), section: optionalLine(300), text: text(20000) }, { requiredKeys: ['kind', 'text'] });
const adviceArb = (councilId: string) =>
  fc.record(
    {
      councilId: fc.constant(councilId),
      title: line(300),
      policyDocument: optionalLine(300),
      kind: fc.constantFrom('solicited', 'unsolicited'),
      letterDate: isoDay,
      councilReference: optionalLine(100),
      intro: optional(20000),
      items: fc.array(itemArb, { minLength: 1, maxLength: 25 }),
    },
    { requiredKeys: ['councilId', 'title', 'kind', 'letterDate', 'items'] },
  );

const blankToNull = (s: string | undefined) => (s === undefined || s.trim() === '' ? null : s.trim());

describe('advice input', () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld('PBT');
  });

  it('accepts any valid input and gives it back: text trimmed, items in order, numbered per kind', async () => {
    await fc.assert(
      fc.asyncProperty(adviceArb(w.councilId), async (input) => {
        const created = await api('POST', `/api/v1/organisations/${w.slug}/advice`, { token: w.tokens.council_member, body: input });
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        const got = (await api('GET', `/api/v1/advice/${created.body.id}`, { token: w.tokens.council_member })).body;
        expect(got).toMatchObject({
          status: 'draft',
          title: input.title.trim(),
          policyDocument: blankToNull(input.policyDocument),
          kind: input.kind,
          letterDate: input.letterDate,
          councilReference: blankToNull(input.councilReference),
          intro: blankToNull(input.intro),
        });
        const counters = { question: 0, advice: 0 };
        expect(got.items.map(({ kind, number, section, text }: Record<string, unknown>) => ({ kind, number, section, text }))).toEqual(
          input.items.map((item) => ({ kind: item.kind, number: ++counters[item.kind], section: blankToNull(item.section), text: item.text.trim() })),
        );
        expect(got.items.map((i: { id: string }) => i.id)).toEqual(created.body.items.map((i: { id: string }) => i.id));
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  /** Ways to break one field of a valid input; each names the one error path it must produce. */
  type Breakage = { path: (input: any) => string; apply: (input: any) => void; onItem?: boolean };
  const long = (n: number) => 'x'.repeat(n + 1);
  const BREAKAGES: Record<string, Breakage> = {
    blankTitle: { path: () => 'title', apply: (i) => (i.title = ' \n\t ') },
    longTitle: { path: () => 'title', apply: (i) => (i.title = long(300)) },
    lineBreakInTitle: { path: () => 'title', apply: (i) => (i.title = 'Advies\r\nBcc: x@evil.example') },
    controlInReference: { path: () => 'councilReference', apply: (i) => (i.councilReference = 'ASD\u00002026') },
    kind: { path: () => 'kind', apply: (i) => (i.kind = 'gevraagd') },
    impossibleDate: { path: () => 'letterDate', apply: (i) => (i.letterDate = '2026-02-30') },
    wordDate: { path: () => 'letterDate', apply: (i) => (i.letterDate = 'gisteren') },
    longReference: { path: () => 'councilReference', apply: (i) => (i.councilReference = long(100)) },
    longPolicyDocument: { path: () => 'policyDocument', apply: (i) => (i.policyDocument = long(300)) },
    longIntro: { path: () => 'intro', apply: (i) => (i.intro = long(20000)) },
    missingCouncil: { path: () => 'councilId', apply: (i) => delete i.councilId },
    unknownField: { path: () => 'vertrouwelijk', apply: (i) => (i.vertrouwelijk = true) },
    blankItemText: { path: () => 'items.0.text', apply: (i) => (i.items[0].text = '   '), onItem: true },
    itemKind: { path: () => 'items.1.kind', apply: (i) => (i.items[1].kind = 'vraag'), onItem: true },
    longSection: { path: () => 'items.2.section', apply: (i) => (i.items[2].section = long(300)), onItem: true },
    tabInSection: { path: () => 'items.2.section', apply: (i) => (i.items[2].section = 'Thema\teen'), onItem: true },
    unknownItemField: { path: () => 'items.3.nummer', apply: (i) => (i.items[3].nummer = 4), onItem: true },
  };
  const noItems: Breakage = { path: () => 'items', apply: (i) => (i.items = []) };

  it('refuses any invalid input with 422 and one error per offending field, storing nothing', async () => {
    const arb = fc.record({
      input: adviceArb(''),
      items: fc.array(itemArb, { minLength: 4, maxLength: 6 }),
      broken: fc.subarray(Object.keys(BREAKAGES), { minLength: 1 }),
      empty: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(arb, async ({ input, items, broken, empty }) => {
        // A copy: fast-check reuses its values while shrinking, so they must not be changed in place.
        const body: any = structuredClone({ ...input, councilId: w.councilId, items });
        // Emptying the list replaces the breakages of single items.
        const chosen = empty ? [...broken.filter((b) => !BREAKAGES[b].onItem).map((b) => BREAKAGES[b]), noItems] : broken.map((b) => BREAKAGES[b]);
        for (const b of chosen) b.apply(body);
        const paths = [...new Set(chosen.map((b) => b.path(body)))];
        const before = await api('GET', `/api/v1/organisations/${w.slug}/advice`, { token: w.tokens.council_member });
        const res = await api('POST', `/api/v1/organisations/${w.slug}/advice`, { token: w.tokens.council_member, body });
        expectProblem(res, 422, paths);
        const after = await api('GET', `/api/v1/organisations/${w.slug}/advice`, { token: w.tokens.council_member });
        expect(after.body.items.length).toBe(before.body.items.length);
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});

describe('response input', () => {
  let w: World;
  let dossier: { id: string; items: { id: string; kind: string }[] };
  beforeAll(async () => {
    w = await createWorld('PBR');
    dossier = await submittedDossier(w, [
      { kind: 'question', text: 'Hoe wordt de regeling bekendgemaakt?' },
      { kind: 'advice', text: 'Betrek de bibliotheken bij de voorlichting.' },
    ]);
  });

  it('stores any valid response as sent (trimmed) and refuses any invalid one field by field', async () => {
    const versions = new Map<string, number>();
    const arb = fc.record({
      item: fc.integer({ min: 0, max: 1 }),
      text: text(50000, 60),
      adviceStatus: fc.constantFrom('adopted', 'partly', 'declined', 'already_done'),
      broken: fc.subarray(['text', 'status', 'version', 'toelichting'], { minLength: 0 }),
      badVersion: fc.constantFrom(-1, 1.5, '1', null),
    });
    await fc.assert(
      fc.asyncProperty(arb, async ({ item: index, text, adviceStatus, broken, badVersion }) => {
        const item = dossier.items[index];
        const body: Record<string, unknown> = { text, status: item.kind === 'question' ? 'answered' : adviceStatus, version: versions.get(item.id) ?? 0 };
        if (broken.includes('text')) body.text = ' \n ';
        if (broken.includes('status')) body.status = 'goedgekeurd';
        if (broken.includes('version')) body.version = badVersion;
        if (broken.includes('toelichting')) body.toelichting = 'extra';
        const res = await api('PUT', `/api/v1/advice/${dossier.id}/items/${item.id}/response`, { token: w.tokens.official, body });
        if (broken.length) return void expectProblem(res, 422, broken);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        versions.set(item.id, res.body.version);
        const got = (await api('GET', `/api/v1/advice/${dossier.id}`, { token: w.tokens.official })).body.items[index].response;
        expect(got).toMatchObject({ text: text.trim(), status: body.status, version: res.body.version });
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});

/** An address zod accepts, in any case and with surrounding spaces (stored trimmed, lower case). */
const emailArb = fc
  .tuple(
    fc.stringMatching(/^[A-Za-z0-9_+-]{1,12}(\.[A-Za-z0-9_+-]{1,8})?$/),
    fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{0,10}$/),
    fc.constantFrom('nl', 'example', 'COM'),
    fc.constantFrom('', ' ', '\t'),
  )
  .map(([local, domain, tld, pad]) => `${pad}${local}@${domain}.${tld}${pad}`);
const normalEmail = (e: string) => e.trim().toLowerCase();

describe('organisation settings', () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld('PBO');
  });

  const letterheadArb = fc.record(
    { addressLines: fc.array(line(200), { minLength: 1, maxLength: 8 }), phone: optionalLine(50), email: emailArb, website: optionalLine(200) },
    { requiredKeys: ['addressLines'] },
  );
  const patchArb = fc.record(
    {
      name: line(200),
      letterhead: letterheadArb,
      signatories: fc.array(fc.record({ title: line(100), name: line(200) }), { minLength: 1, maxLength: 6 }),
      signOff: line(300),
      contact: fc.record({ name: line(200), email: emailArb, phone: optionalLine(50) }, { requiredKeys: ['name'] }),
      referencePrefix: fc.stringMatching(/^[A-Z]{2,10}$/),
      responseDays: fc.integer({ min: 1, max: 365 }),
      theme: fc.record({ colour: fc.stringMatching(/^#[0-9a-fA-F]{6}$/) }),
    },
    { requiredKeys: [] },
  );
  /** What the API stores: text trimmed, addresses in lower case. */
  const stored = (patch: any) => {
    const out = structuredClone(patch);
    const trimAll = (o: any, key: string) => o && typeof o[key] === 'string' && (o[key] = key === 'email' ? normalEmail(o[key]) : o[key].trim());
    for (const k of ['name', 'signOff']) trimAll(out, k);
    if (out.letterhead) {
      out.letterhead.addressLines = out.letterhead.addressLines.map((l: string) => l.trim());
      for (const k of ['phone', 'email', 'website']) trimAll(out.letterhead, k);
    }
    if (out.signatories) out.signatories = out.signatories.map((s: any) => ({ title: s.title.trim(), name: s.name.trim() }));
    if (out.contact) for (const k of ['name', 'email', 'phone']) trimAll(out.contact, k);
    return out;
  };

  it('stores any valid change as sent (trimmed), and leaves the other fields as they were', async () => {
    await fc.assert(
      fc.asyncProperty(patchArb, async (patch) => {
        const before = (await api('GET', `/api/v1/organisations/${w.slug}`, { token: w.tokens.admin })).body;
        const res = await api('PATCH', `/api/v1/organisations/${w.slug}`, { token: w.tokens.admin, body: patch });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        const after = (await api('GET', `/api/v1/organisations/${w.slug}`, { token: w.tokens.admin })).body;
        const expected = { ...before, ...stored(patch), ...(patch.theme ? { theme: { ...before.theme, ...patch.theme } } : {}) };
        expect(after).toEqual(expected);
        expect(res.body).toEqual(after);
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  /** One way to break each field; at most one per field, so that each names exactly its path. */
  const BREAKAGES: Breakages = {
    name: [
      ['name', (b) => (b.name = ' \n ')],
      ['name', (b) => (b.name = 'x'.repeat(201))],
      ['name', (b) => (b.name = 'Gemeente\nBcc: x@evil.example')],
    ],
    addressLines: [
      ['letterhead.addressLines', (b) => (b.letterhead.addressLines = [])],
      ['letterhead.addressLines.0', (b) => (b.letterhead.addressLines[0] = 'Postbus 1\u2028Stad')],
      ['letterhead.addressLines.0', (b) => (b.letterhead.addressLines[0] = '  ')],
      ['letterhead.addressLines', (b) => (b.letterhead.addressLines = Array.from({ length: 9 }, (_, i) => `Regel ${i}`))],
    ],
    phone: [['letterhead.phone', (b) => (b.letterhead.phone = '0'.repeat(51))]],
    letterheadEmail: [['letterhead.email', (b) => (b.letterhead.email = 'info@gemeente')]],
    letterheadField: [['letterhead.fax', (b) => (b.letterhead.fax = '020 123')]],
    signatories: [
      ['signatories', (b) => (b.signatories = [])],
      ['signatories', (b) => (b.signatories = Array.from({ length: 7 }, () => ({ title: 'de secretaris', name: 'M. Bakker' })))],
      ['signatories.0.title', (b) => (b.signatories[0].title = '')],
    ],
    signOff: [['signOff', (b) => (b.signOff = 'x'.repeat(301))]],
    contactName: [['contact.name', (b) => (b.contact.name = '\t')]],
    contactEmail: [['contact.email', (b) => (b.contact.email = 'p.de groot@x.nl')]],
    referencePrefix: [
      ['referencePrefix', (b) => (b.referencePrefix = 'alm')],
      ['referencePrefix', (b) => (b.referencePrefix = 'A')],
    ],
    responseDays: [
      ['responseDays', (b) => (b.responseDays = 0)],
      ['responseDays', (b) => (b.responseDays = 366)],
      ['responseDays', (b) => (b.responseDays = 4.5)],
      ['responseDays', (b) => (b.responseDays = '42')],
    ],
    colour: [['theme.colour', (b) => (b.theme = { colour: 'red;}</style>' })]],
    unknown: [['vertrouwelijk', (b) => (b.vertrouwelijk = true)]],
  };
  const fullPatch = fc.record({
    name: line(200),
    letterhead: fc.record({ addressLines: fc.array(line(200), { minLength: 1, maxLength: 8 }) }),
    signatories: fc.array(fc.record({ title: line(100), name: line(200) }), { minLength: 1, maxLength: 6 }),
    signOff: line(300),
    contact: fc.record({ name: line(200) }),
    referencePrefix: fc.constant('PBO'),
    responseDays: fc.integer({ min: 1, max: 365 }),
  });
  const brokenArb = breakageChoice(BREAKAGES);

  it('refuses any invalid change with 422 and one error per offending field, changing nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fullPatch, brokenArb, async (valid, choice) => {
        const { body, paths } = broken(valid, BREAKAGES, choice);
        const before = (await api('GET', `/api/v1/organisations/${w.slug}`, { token: w.tokens.admin })).body;
        expectProblem(await api('PATCH', `/api/v1/organisations/${w.slug}`, { token: w.tokens.admin, body }), 422, paths);
        expect((await api('GET', `/api/v1/organisations/${w.slug}`, { token: w.tokens.admin })).body).toEqual(before);
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});

describe('council input', () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld('PBC');
  });

  const councilArb = fc.record(
    {
      name: line(200),
      salutation: optionalLine(200),
      recipients: fc.array(emailArb, { minLength: 1, maxLength: 6 }),
      addressLines: fc.array(line(200), { maxLength: 8 }),
    },
    { requiredKeys: ['name', 'recipients'] },
  );

  it('stores any valid council as sent (trimmed, addresses in lower case), with the usual salutation when none is given', async () => {
    await fc.assert(
      fc.asyncProperty(councilArb, async (input) => {
        const res = await api('POST', `/api/v1/organisations/${w.slug}/councils`, { token: w.tokens.admin, body: input });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        const list = (await api('GET', `/api/v1/organisations/${w.slug}/councils`, { token: w.tokens.official })).body.items as { id: string }[];
        const name = input.name.trim();
        expect(list.find((c) => c.id === res.body.id)).toEqual({
          id: res.body.id,
          name,
          salutation: input.salutation?.trim() || `Geachte leden van de ${name},`,
          recipients: input.recipients.map(normalEmail),
          addressLines: (input.addressLines ?? []).map((l) => l.trim()),
        });
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  const BREAKAGES: Breakages = {
    name: [
      ['name', (b) => (b.name = '   ')],
      ['name', (b) => (b.name = 'x'.repeat(201))],
      ['name', (b) => delete b.name],
    ],
    salutation: [
      ['salutation', (b) => (b.salutation = 'x'.repeat(201))],
      ['salutation', (b) => (b.salutation = 'Beste leden,\r\nBcc: x@evil.example')],
    ],
    recipients: [
      ['recipients', (b) => (b.recipients = [])],
      ['recipients.0', (b) => (b.recipients[0] = 'secretaris(at)raad.nl')],
      ['recipients', (b) => (b.recipients = Array.from({ length: 51 }, (_, i) => `lid${i}@raad.nl`))],
    ],
    addressLines: [
      ['addressLines', (b) => (b.addressLines = Array.from({ length: 9 }, (_, i) => `Regel ${i}`))],
      ['addressLines.0', (b) => (b.addressLines = [' '])],
    ],
    unknown: [['id', (b) => (b.id = 'eigen-id')]],
  };
  const brokenArb = breakageChoice(BREAKAGES);

  it('refuses any invalid council with 422 and one error per offending field, storing nothing', async () => {
    await fc.assert(
      fc.asyncProperty(councilArb, brokenArb, async (valid, choice) => {
        const { body, paths } = broken(valid, BREAKAGES, choice);
        const before = (await api('GET', `/api/v1/organisations/${w.slug}/councils`, { token: w.tokens.admin })).body.items.length;
        expectProblem(await api('POST', `/api/v1/organisations/${w.slug}/councils`, { token: w.tokens.admin, body }), 422, paths);
        expect((await api('GET', `/api/v1/organisations/${w.slug}/councils`, { token: w.tokens.admin })).body.items.length).toBe(before);
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});

describe('the due date', () => {
  /** The oracle: weekends from the calendar, holidays from the statutory list and the extra days. */
  const workingDay = (date: string, extra: Set<string>) => {
    const weekday = parseDate(date).getUTCDay();
    return weekday !== 0 && weekday !== 6 && !extra.has(date) && !statutoryHolidays(Number(date.slice(0, 4))).some((h) => h.date === date);
  };

  it('is the first working day on or after receivedOn + days', () => {
    const arb = fc
      .record({ receivedOn: isoDay, days: fc.integer({ min: 0, max: 400 }), offsets: fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 8 }) })
      // Extra non-working days land around the term's end, where they matter.
      .map(({ receivedOn, days, offsets }) => ({ receivedOn, days, extra: new Set(offsets.map((o) => addDays(receivedOn, days + o))) }));
    fc.assert(
      fc.property(arb, ({ receivedOn, days, extra }) => {
        const due = dueDate(receivedOn, days, extra);
        const earliest = addDays(receivedOn, days);
        expect(due >= earliest).toBe(true);
        expect(workingDay(due, extra), `${due} is not a working day`).toBe(true);
        // Minimal: every day before it, from the end of the term, is a non-working day.
        for (let d = earliest; d < due; d = addDays(d, 1)) expect(workingDay(d, extra), `${d} was a working day before ${due}`).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('knows Easter, and so the moving holidays', () => {
    // Easter Sundays from the published tables; Good Friday, Easter Monday, Ascension and Whit Monday follow.
    const easter: Record<number, string> = { 1995: '1995-04-16', 2000: '2000-04-23', 2011: '2011-04-24', 2019: '2019-04-21', 2024: '2024-03-31', 2025: '2025-04-20', 2026: '2026-04-05', 2038: '2038-04-25', 2049: '2049-04-18' };
    for (const [year, sunday] of Object.entries(easter)) {
      const dates = statutoryHolidays(Number(year)).map((h) => h.date);
      for (const offset of [-2, 1, 39, 50]) expect(dates, `${year} ${offset}`).toContain(addDays(sunday, offset));
    }
  });
});

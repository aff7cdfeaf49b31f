import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildLetterModel, cleanText, type LetterModel } from '../../schema/letter-model';
import { renderLetterHtml } from '../../web/letter/letter-document';
import { renderLetterPdf } from '../../worker/letter/pdf';
import { fixtureSnapshot, type FixtureItem } from '../fixtures/letter-fixture';
import { expectedFlow, firstOutOfOrder, pdfPages, rawBody } from './pdf-text';
import type { ResponseStatus } from '../../schema/advice';

/**
 * Property-based tests of the letter: any valid dossier (items of both kinds in any order, with or
 * without themed headings, any response status, multi-paragraph Dutch text with markup characters)
 * builds a letter model and renders to HTML and PDF with every item, in order, counted right.
 */

/** Dutch text as people type it: diacritics, typographic quotes, markup characters, line breaks, tabs. */
const CHARS = [...'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 éëèêïöüóáàçĳ € “” ‘’ – … ,.;:?!() <>&"\'/{}[]*#%+=@'];
const char = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...CHARS) }, { weight: 1, arbitrary: fc.constantFrom('\n', '\n\n', '\t', '\r\n') });
/** Text as the API stores it: trimmed, not blank. */
const text = (maxLength: number) =>
  fc
    .string({ unit: char, minLength: 1, maxLength })
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
const section = fc.option(fc.constantFrom('Wonen', 'Zorg & welzijn', 'Financiën', 'Toegang “en” bereik', '<b>Werk</b>'), { nil: null });

type Input = { items: FixtureItem[]; signed: boolean; title: string };

const itemArb = (signed: boolean): fc.Arbitrary<FixtureItem> =>
  fc
    .record({
      kind: fc.constantFrom('question' as const, 'advice' as const),
      section,
      text: text(300),
      responseText: text(400),
      adviceStatus: fc.constantFrom<ResponseStatus>('adopted', 'partly', 'declined', 'already_done'),
      // Only a concept can have items without a response yet.
      answered: signed ? fc.constant(true) : fc.boolean(),
    })
    .map(({ kind, section, text, responseText, adviceStatus, answered }) => ({
      kind,
      section,
      text,
      response: answered ? { text: responseText, status: kind === 'question' ? 'answered' : adviceStatus } : null,
    }));

const dossierArb = (maxItems: number): fc.Arbitrary<Input> =>
  fc.boolean().chain((signed) =>
    fc.record({ items: fc.array(itemArb(signed), { minLength: 1, maxLength: maxItems }), signed: fc.constant(signed), title: text(120) }),
  );

function build({ items, signed, title }: Input): LetterModel {
  const snapshot = fixtureSnapshot(items, { signedAt: signed ? '2026-11-12T09:30:00.000Z' : null });
  snapshot.dossier.title = title;
  return buildLetterModel(snapshot, { now: new Date('2026-11-10T10:00:00Z'), verifyUrl: 'https://wederwoord.example/verify' });
}

/** Non-whitespace characters, for "nothing lost, nothing added" comparisons. */
const squash = (s: string) => s.replace(/\s+/g, '');
/** As React writes text into HTML. */
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');

describe('the letter model, for any valid dossier', () => {
  it('keeps every item in order, numbered per kind, under the right heading, with its text and status', () => {
    fc.assert(
      fc.property(dossierArb(25), (input) => {
        const model = build(input);
        const flat = model.sections.flatMap((s) => s.items);
        // Order and count.
        expect(flat.map((i) => i.kind)).toEqual(input.items.map((i) => i.kind));
        const counters = { question: 0, advice: 0 };
        expect(flat.map((i) => [i.number, i.heading])).toEqual(
          input.items.map((i) => {
            const n = ++counters[i.kind];
            return [n, `${i.kind === 'question' ? 'Vraag' : 'Advies'} ${n}`];
          }),
        );
        // Sections: consecutive items under one heading; the council's headings, or by kind when it used none.
        const anyHeading = input.items.some((i) => i.section);
        const headingOf = (i: FixtureItem) => (anyHeading ? i.section : i.kind === 'question' ? 'Vragen' : 'Adviezen');
        expect(model.sections.flatMap((s) => s.items.map(() => s.heading))).toEqual(input.items.map(headingOf));
        model.sections.slice(1).forEach((s, i) => expect(s.heading).not.toBe(model.sections[i].heading));
        // Text: nothing lost or added but the quotes around a question (and control characters).
        flat.forEach((item, i) => {
          const council = squash(item.text.join(''));
          expect(item.kind === 'question' ? council.slice(1, -1) : council).toBe(squash(cleanText(input.items[i].text)));
          const r = input.items[i].response;
          expect(item.pending).toBe(!r);
          if (r) expect(squash(item.response.join(''))).toBe(squash(cleanText(r.text)));
          expect(item.status?.code ?? null).toBe(item.kind === 'question' ? null : r ? r.status : 'pending');
        });
        // No paragraph is blank, and none starts or ends with a line break.
        for (const p of flat.flatMap((i) => [...i.text, ...i.response])) expect(p).toMatch(/^[^\n]([\s\S]*[^\n])?$/);
      }),
      { numRuns: 300 },
    );
  });

  it('counts the statuses in the overview as the items have them', () => {
    fc.assert(
      fc.property(dossierArb(25), (input) => {
        const model = build(input);
        const rows = Object.fromEntries(model.overview!.rows.map((r) => [r.code, r.count]));
        const questions = input.items.filter((i) => i.kind === 'question');
        const advice = input.items.filter((i) => i.kind === 'advice');
        const expected: Record<string, number> = {};
        if (advice.length) for (const code of ['adopted', 'partly', 'declined', 'already_done']) expected[code] = advice.filter((i) => i.response?.status === code).length;
        if (questions.length) expected.answered = questions.filter((i) => i.response).length;
        const pending = input.items.filter((i) => !i.response).length;
        if (pending) expected.pending = pending;
        expect(rows).toEqual(expected);
        // Every item is counted exactly once.
        expect(Object.values(rows).reduce((a, b) => a + b, 0)).toBe(input.items.length);
        const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
        expect(model.overview!.intro).toContain(
          [questions.length && plural(questions.length, 'vraag', 'vragen'), advice.length && plural(advice.length, 'advies', 'adviezen')].filter(Boolean).join(' en '),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('is plain data that renders to HTML with every item, in order, its text escaped', () => {
    fc.assert(
      fc.property(dossierArb(15), (input) => {
        const model = build(input);
        expect(JSON.parse(JSON.stringify(model))).toEqual(model);
        const html = renderLetterHtml(model);
        expect(firstOutOfOrder(html, expectedFlow(model, escapeHtml))).toBeNull();
        const items = model.sections.flatMap((s) => s.items);
        // One article per item, with its heading, in order; one status per advice item.
        expect([...html.matchAll(/<article class="item item-(question|advice)"><header class="item-head"><h3>([^<]*)<\/h3>/g)].map((m) => [m[1], m[2]])).toEqual(
          items.map((i) => [i.kind, i.heading]),
        );
        expect(html.match(/<p class="status status-/g)?.length ?? 0).toBe(items.filter((i) => i.kind === 'advice').length);
        // The user's markup characters never become elements.
        expect(html).not.toMatch(/<(b|script)\b/);
        expect(/class="watermark"/.test(html)).toBe(!input.signed);
      }),
      { numRuns: 150 },
    );
  });
});

describe('the letter as PDF, for any valid dossier (read back with pdftotext)', () => {
  it('has every section heading, item heading, status, text and response, in order', async () => {
    // Whitespace and hyphens are left out on both sides: pdftotext cannot tell a line wrap from a space.
    const comparable = (s: string) => s.replace(/[\s-]+/g, '');
    await fc.assert(
      fc.asyncProperty(dossierArb(12), async (input) => {
        const model = build(input);
        const pdf = await renderLetterPdf(model);
        // In drawing order: the concept's watermark (rotated letters) and the running header come last on a page.
        const pages = pdfPages(pdf.bytes, { raw: true });
        expect(pages.length).toBe(pdf.pages);
        const text = comparable(rawBody(pages));
        expect(firstOutOfOrder(text, expectedFlow(model, comparable))).toBeNull();
        const headings = model.sections.flatMap((s) => s.items.map((i) => i.heading));
        expect(firstOutOfOrder(text, headings.map(comparable))).toBeNull();
      }),
      { numRuns: 8 },
    );
  }, 240_000);
});

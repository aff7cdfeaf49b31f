/**
 * How well the import splits letters: every fixture of test/fixtures/import/letters.ts (eleven
 * letters in eleven styles, the expected split written by hand) is read by the Worker's own
 * readers, and each expected item is compared with the proposal's item at the same place: kind,
 * number, section and text must all be exactly the same. Reported per fixture and in total
 * (docs/quality.md has the last report); the total must be at least 95 %, and every expected
 * item's text must be somewhere in the proposal (in an item or the introduction).
 */
import { describe, expect, it } from 'vitest';
import { LETTERS, type Fixture } from './fixtures/import/letters';
import { readLetter, type Reading } from '../worker/services/import/read';

type Score = { name: string; style: string; expected: number; proposed: number; exact: number; missing: string[]; meta: string[]; reading: Reading };

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
const numbered = (items: Fixture['expected']['items']) => {
  const n = { question: 0, advice: 0 };
  return items.map((i) => ({ ...i, number: ++n[i.kind] }));
};

async function score(f: Fixture): Promise<Score> {
  const reading = await readLetter(await f.build(), f.type);
  const expected = numbered(f.expected.items);
  const got = reading.draft.items;
  const exact = expected.filter((e, i) => got[i] && got[i].kind === e.kind && got[i].number === e.number && got[i].section === e.section && got[i].text === e.text).length;
  const everything = norm([reading.draft.intro ?? '', ...got.map((i) => i.text)].join(' '));
  const missing = expected.filter((e) => !everything.includes(norm(e.text))).map((e) => e.text.slice(0, 60));
  const meta = (['title', 'letterDate', 'councilReference', 'intro'] as const).filter((k) => (reading.draft[k] ?? null) !== f.expected[k]);
  return { name: f.name, style: f.style, expected: expected.length, proposed: got.length, exact, missing, meta, reading };
}

const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)} %`);

describe('import quality over the fixture letters', () => {
  const scores: Score[] = [];

  it.each(LETTERS.map((f) => [f.name, f] as const))('%s', async (_name, f) => {
    const s = await score(f);
    scores.push(s);
    // Every expected item's text is in the proposal, whatever else went wrong.
    expect(s.missing, `${f.name}: texts not found`).toEqual([]);
    for (const pattern of f.expected.warnings ?? []) expect(s.reading.warnings.some((w) => pattern.test(w)), `${f.name}: a warning ${pattern}`).toBe(true);
    if (f.expected.items.length === 0) expect(s.reading.draft.items).toEqual([]);
  });

  it('splits at least 95 % of all items exactly, and reports it', () => {
    expect(scores).toHaveLength(LETTERS.length);
    const total = scores.reduce((t, s) => ({ expected: t.expected + s.expected, exact: t.exact + s.exact }), { expected: 0, exact: 0 });
    const rows = scores.map(
      (s) => `| \`${s.name}\` | ${s.expected} | ${s.proposed} | ${s.exact} | ${pct(s.exact, s.expected)} | ${s.meta.length ? s.meta.join(', ') : 'all right'} |`,
    );
    const report = [
      '| fixture | items expected | items proposed | exact | share exact | title, date, reference, intro |',
      '| --- | ---: | ---: | ---: | ---: | --- |',
      ...rows,
      `| **total** | **${total.expected}** | **${scores.reduce((n, s) => n + s.proposed, 0)}** | **${total.exact}** | **${pct(total.exact, total.expected)}** | ${scores.filter((s) => s.meta.length === 0).length} of ${scores.length} all right |`,
    ].join('\n');
    console.log(`\nImport quality (test/import-quality.test.ts)\n\n${report}\n`);
    for (const s of scores.filter((x) => x.exact < x.expected || x.meta.length)) {
      console.log(`${s.name}: proposed`, JSON.stringify(s.reading.draft, null, 1), s.reading.warnings);
    }
    expect(total.exact / total.expected).toBeGreaterThanOrEqual(0.95);
  });
});

/**
 * The small rules of the import (schema/import): labels, kind headings, dates, metadata lines, the
 * splitter's warnings, and the corrections a person makes on the check page.
 */
import { describe, expect, it } from 'vitest';
import { dateLine, findDate, kindHeading, matchLabel, matchMeta, matchTypedNumber } from '../schema/import/rules';
import { splitLetter } from '../schema/import/split';
import { readPlainText } from '../schema/import/plain-text';
import { applyCorrection, parseCorrection, type Editable } from '../schema/import/corrections';
import { nl } from '../schema/i18n/nl';

const split = (text: string) => splitLetter(readPlainText(text));

describe('labels and numbers', () => {
  it('reads the labels councils type, in their many forms', () => {
    expect(matchLabel('Vraag 1: Hoeveel?')).toEqual({ kind: 'question', number: 1, rest: 'Hoeveel?' });
    expect(matchLabel('ADVIES 3 - Zorg voor meer groen.')).toEqual({ kind: 'advice', number: 3, rest: 'Zorg voor meer groen.' });
    expect(matchLabel('Advies nr. 2: Doe het.')).toMatchObject({ kind: 'advice', number: 2, rest: 'Doe het.' });
    expect(matchLabel('Aanbeveling 4) Meet het.')).toMatchObject({ kind: 'advice', number: 4 });
    expect(matchLabel('2e advies: Betrek de buurt.')).toMatchObject({ kind: 'advice', number: 2, rest: 'Betrek de buurt.' });
    expect(matchLabel('Vraag: Waarom?')).toMatchObject({ kind: 'question', number: null, rest: 'Waarom?' });
    expect(matchLabel('**Advies 5** Evalueer.')).toMatchObject({ kind: 'advice', number: 5, rest: 'Evalueer.' });
  });

  it('does not take ordinary sentences for labels', () => {
    for (const text of ['Vraag de inwoners wat zij willen.', 'Advies 2026 was een goed jaar.', 'Adviesraad Sociaal Domein', 'Opmerking: dit is een zijpad.', 'Adviezen', 'Advies over de nota']) {
      expect(matchLabel(text), text).toBeNull();
    }
    expect(matchTypedNumber('3.5 miljoen euro gaat naar de wijken.')).toBeNull();
    expect(matchTypedNumber('2026 wordt een overgangsjaar.')).toBeNull();
    expect(matchTypedNumber('(3) Zorg voor bankjes.')).toEqual({ number: 3, rest: 'Zorg voor bankjes.' });
  });

  it('knows the headings that only name the kind of the items under them', () => {
    expect(kindHeading('Onze adviezen')).toBe('advice');
    expect(kindHeading('Vragen:')).toBe('question');
    expect(kindHeading('2. Aanbevelingen aan het college')).toBe('advice');
    expect(kindHeading('Vragen en adviezen')).toBe('mixed');
    expect(kindHeading('Wonen')).toBeNull();
    expect(kindHeading('Advies over de nota')).toBeNull();
  });
});

describe('dates and metadata', () => {
  it('reads a letter’s date as councils write it', () => {
    expect(findDate('Datum: 3 maart 2026')).toBe('2026-03-03');
    expect(findDate('3 mrt. 2026')).toBe('2026-03-03');
    expect(findDate('03-03-2026')).toBe('2026-03-03');
    expect(findDate('2026-03-03')).toBe('2026-03-03');
    expect(findDate('31 februari 2026')).toBeNull();
    expect(dateLine('Zeewolde, 3 maart 2026')).toBe('2026-03-03');
    expect(dateLine('dinsdag 3 maart 2026')).toBe('2026-03-03');
    expect(dateLine('Op 3 maart 2026 vroeg u ons om advies.')).toBeNull();
  });

  it('tells the council’s own reference from the municipality’s', () => {
    expect(matchMeta('Ons kenmerk: ASD-2026-07')).toEqual({ key: 'reference', value: 'ASD-2026-07' });
    expect(matchMeta('Uw kenmerk: Z/25/1234')).toEqual({ key: 'theirReference', value: 'Z/25/1234' });
    expect(matchMeta('Ons kenmerk AH/2026/07')).toEqual({ key: 'reference', value: 'AH/2026/07' });
    expect(matchMeta('Ons kenmerk | ASD-2026-07')).toEqual({ key: 'reference', value: 'ASD-2026-07' });
    expect(matchMeta('Kenmerk van dit plan is de aandacht voor de wijk.')).toBeNull();
    expect(matchMeta('Betreft het advies dat u vroeg.')).toBeNull();
    const letter = split('Ons kenmerk: X-1\nUw kenmerk: GEM-9\nOnderwerp: Advies groen\n\nGeacht college,\n\nAdvies 1: Plant bomen.');
    expect(letter.draft).toMatchObject({ councilReference: 'X-1', title: 'Advies groen' });
  });
});

describe('the splitter’s warnings', () => {
  it('warns when the letter’s own numbering skips or repeats, and for text outside the items', () => {
    const r = split('Geacht college,\n\nAdvies 1: Een.\n\nAdvies 3: Drie.\n\nWONEN\n\nDeze alinea hoort nergens bij.\n\nAdvies 3: Nog eens drie.\n\nMet vriendelijke groet,\nDe raad');
    expect(r.draft.items.map((i) => i.number)).toEqual([1, 2, 3]);
    expect(r.warnings).toContain(nl.imports.warnings.numberingSkips('advice', 1, 3));
    expect(r.warnings).toContain(nl.imports.warnings.numberingRepeats('advice', 3));
    expect(r.warnings.some((w) => w.includes('Deze alinea hoort nergens bij'))).toBe(true);
  });

  it('says so when nothing looks like an item, and never proposes the closing as an item', () => {
    const r = split('Geacht college,\n\nWij hebben het plan gelezen en vinden het goed.\n\nMet vriendelijke groet,\nDe raad');
    expect(r.draft.items).toEqual([]);
    expect(r.warnings).toContain(nl.imports.warnings.noItems);
    const closing = split('Geacht college,\n\nAdvies 1: Plant meer bomen.\n\nWij zien uw reactie met belangstelling tegemoet.\n\nMet vriendelijke groet,\nDe raad');
    expect(closing.draft.items).toEqual([{ kind: 'advice', number: 1, section: null, text: 'Plant meer bomen.' }]);
  });

  it('guesses the kind from the question mark only where the letter does not say it, and says so', () => {
    const r = split('Geacht college,\n\n1. Hoeveel bomen plant u?\n\n2. Plant er meer.\n\nMet vriendelijke groet,\nDe raad');
    expect(r.draft.items.map((i) => `${i.kind} ${i.number}`)).toEqual(['question 1', 'advice 1']);
    expect(r.warnings).toContain(nl.imports.warnings.kindGuessed(2));
  });
});

describe('corrections on the check page', () => {
  const values: Editable = {
    intro: 'Inleiding.',
    items: [
      { kind: 'advice', section: 'Groen', text: 'Plant bomen.\n\nZet bankjes neer.' },
      { kind: 'advice', section: 'Groen', text: 'Meer water.' },
      { kind: 'question', section: 'Groen', text: 'Wonen' },
      { kind: 'advice', section: 'Groen', text: 'Bouw kleine woningen.' },
    ],
  };

  it('splits at the cursor, else at the first empty line, and says so when there is neither', () => {
    const atCursor = applyCorrection(values, parseCorrection('split:1', '5')!);
    expect(atCursor.values.items.slice(1, 3).map((i) => i.text)).toEqual(['Meer', 'water.']);
    const atBlank = applyCorrection(values, parseCorrection('split:0', '')!);
    expect(atBlank.values.items.slice(0, 2).map((i) => [i.kind, i.section, i.text])).toEqual([
      ['advice', 'Groen', 'Plant bomen.'],
      ['advice', 'Groen', 'Zet bankjes neer.'],
    ]);
    expect(applyCorrection(values, parseCorrection('split:1', '0')!)).toMatchObject({ done: false, reason: 'nowhere' });
  });

  it('merges with the next item, moves text into the introduction, makes a heading, removes', () => {
    expect(applyCorrection(values, parseCorrection('merge:0')!).values.items[0].text).toBe('Plant bomen.\n\nZet bankjes neer.\n\nMeer water.');
    expect(applyCorrection(values, parseCorrection('merge:3')!)).toMatchObject({ done: false, reason: 'last' });
    const intro = applyCorrection(values, parseCorrection('intro:1')!).values;
    expect(intro.intro).toBe('Inleiding.\n\nMeer water.');
    expect(intro.items).toHaveLength(3);
    const heading = applyCorrection(values, parseCorrection('heading:2')!).values;
    expect(heading.items.map((i) => i.section)).toEqual(['Groen', 'Groen', 'Wonen']);
    expect(applyCorrection(values, parseCorrection('remove:0')!).values.items).toHaveLength(3);
    expect(parseCorrection('verwijder:0')).toBeNull();
    // The values it was given are not changed.
    expect(values.items).toHaveLength(4);
  });
});

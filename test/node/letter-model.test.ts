import { describe, expect, it } from 'vitest';
import { buildLetterModel, paragraphs } from '../../schema/letter-model';
import { fixtureSnapshot, type FixtureItem } from '../fixtures/letter-fixture';

const item = (kind: 'question' | 'advice', text: string, section: string | null = null, status = kind === 'question' ? 'answered' : 'adopted'): FixtureItem => ({
  kind,
  section,
  text,
  response: { text: `Reactie op: ${text}`, status: status as never },
});

describe('the letter model', () => {
  it('keeps paragraphs as written: blank lines separate, single newlines stay, control characters go', () => {
    expect(paragraphs('Eerste alinea\r\nmet een regel.\r\n\r\n  \r\nTweede\talinea.\u0007\n\n\n')).toEqual(['Eerste alinea\nmet een regel.', 'Tweede alinea.']);
    expect(paragraphs('')).toEqual([]);
    expect(paragraphs(null)).toEqual([]);
  });

  it('groups consecutive items under their themed headings, in order', () => {
    const model = buildLetterModel(
      fixtureSnapshot([item('advice', 'A', 'Wonen'), item('question', 'B', 'Wonen'), item('advice', 'C', 'Zorg'), item('advice', 'D', null), item('advice', 'E', 'Wonen')]),
    );
    expect(model.sections.map((s) => [s.heading, s.items.map((i) => i.heading)])).toEqual([
      ['Wonen', ['Advies 1', 'Vraag 1']],
      ['Zorg', ['Advies 2']],
      [null, ['Advies 3']],
      ['Wonen', ['Advies 4']],
    ]);
  });

  it('gives questions and advice items the usual headings when the council used none', () => {
    const model = buildLetterModel(fixtureSnapshot([item('question', 'Q1'), item('question', 'Q2'), item('advice', 'A1'), item('question', 'Q3')]));
    expect(model.sections.map((s) => s.heading)).toEqual(['Vragen', 'Adviezen', 'Vragen']);
    expect(model.sections[0].items[0].text).toEqual(['“Q1”']);
    expect(model.sections[0].items[0].responseHeading).toBe('Antwoord');
    expect(model.sections[1].items[0]).toMatchObject({ responseHeading: 'Onze reactie', status: { code: 'adopted', label: 'Overgenomen' } });
  });

  it('counts the statuses for the overview', () => {
    const model = buildLetterModel(
      fixtureSnapshot([item('advice', 'a', null, 'adopted'), item('advice', 'b', null, 'declined'), item('advice', 'c', null, 'declined'), item('question', 'q')]),
    );
    expect(model.overview).toEqual({
      heading: 'Overzicht',
      intro: 'Uw advies bevat 1 vraag en 3 adviezen. Zo gaan wij ermee om:',
      rows: [
        { code: 'adopted', label: 'Overgenomen', count: 1 },
        { code: 'partly', label: 'Deels overgenomen', count: 0 },
        { code: 'declined', label: 'Niet overgenomen', count: 2 },
        { code: 'already_done', label: 'Al gerealiseerd', count: 0 },
        { code: 'answered', label: 'Beantwoorde vragen', count: 1 },
      ],
    });
  });

  it('names the advice, its date written out and whether it was asked for', () => {
    const solicited = buildLetterModel(fixtureSnapshot([item('advice', 'x')]));
    expect(solicited.opening[0]).toBe(
      'Op 1 oktober 2026 stuurde u ons het advies “Advies over het beleidsplan wijkgericht werken 2027–2030”, waar wij u om hadden gevraagd, over het beleidsplan “Dichtbij in de wijk”. Wij danken u voor de zorg en de tijd die u erin heeft gestoken.',
    );
    const snapshot = fixtureSnapshot([item('advice', 'x')]);
    snapshot.dossier.kind = 'unsolicited';
    snapshot.dossier.policyDocument = null;
    snapshot.dossier.letterDate = '2019-03-11';
    expect(buildLetterModel(snapshot).opening[0]).toContain('Op 11 maart 2019 stuurde u ons uit eigen beweging, zonder dat wij erom hadden gevraagd, het advies');
  });

  it('fills the reference block, dated by the signing day in Amsterdam or today for a concept', () => {
    const signed = fixtureSnapshot([item('advice', 'x')], { signedAt: '2026-11-12T23:30:00.000Z' });
    signed.dossier.councilReference = null;
    signed.council.name = 'De Jongerenraad';
    const model = buildLetterModel(signed);
    expect(model.references).toEqual([
      { label: 'Datum', value: '13 november 2026' },
      { label: 'Uw brief van', value: '1 oktober 2026' },
      { label: 'Uw kenmerk', value: '–' },
      { label: 'Ons kenmerk', value: 'TST-2026-00042' },
      { label: 'Onderwerp', value: 'Reactie op uw advies “Advies over het beleidsplan wijkgericht werken 2027–2030”' },
      { label: 'Bijlage(n)', value: 'geen' },
    ]);
    expect(model.addressee[0]).toBe('Aan De Jongerenraad');
    expect(model.concept).toBe(false);
    expect(model.filenames.pdf).toBe('reactie-op-advies-TST-2026-00042.pdf');

    const concept = buildLetterModel(fixtureSnapshot([item('advice', 'x')], { signedAt: null }), { now: new Date('2026-12-31T23:30:00Z') });
    expect(concept.references[0]).toEqual({ label: 'Datum', value: '1 januari 2027' });
    expect(concept.documentTitle).toMatch(/^CONCEPT – /);
    expect(concept.filenames.pdf).toBe('concept-reactie-op-advies-TST-2026-00042.pdf');
  });

  it('takes the organisation colour only when it is a colour', () => {
    const snapshot = fixtureSnapshot([item('advice', 'x')]);
    snapshot.organisation.theme = { colour: '#0a7a3b' };
    expect(buildLetterModel(snapshot).accent).toBe('#0a7a3b');
    snapshot.organisation.theme = { colour: 'red;}</style><script>' };
    expect(buildLetterModel(snapshot).accent).toBe('#1f4e79');
  });

  it('is plain data: it survives JSON unchanged', () => {
    const model = buildLetterModel(fixtureSnapshot([item('advice', 'x'), item('question', 'y')]));
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
  });
});

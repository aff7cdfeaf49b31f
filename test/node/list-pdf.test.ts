/**
 * The integral list as a person reads it: a realistic consultation of nine bodies (some remarks
 * answered by reference to an earlier one) rendered to PDF and read back with poppler's pdftotext,
 * every remark, response, processing code and the legend in order.
 */
import { describe, expect, it } from 'vitest';
import { buildListModel, type ListSnapshot } from '../../schema/list-model';
import { renderListPdf } from '../../worker/list/pdf';
import { renderListHtml } from '../../web/list/list-document';
import { DOCUMENT, LEGEND, PARTICIPANTS, TITLE, fixtureConsultation, fixtureListSnapshot, remarksInOrder } from '../fixtures/consultation-fixture';
import { comparable, firstOutOfOrder, flat, pdfFonts, pdfInfo, pdfPages, tintedPixels } from './pdf-text';

const VERIFY = 'https://wederwoord.example/verify';
const FOOTER = /\n?[^\n]*· Datum \d{1,2} \w+ \d{4} · Pagina \d+\/\d+[^\n]*\s*$/;

async function render(snapshot: ListSnapshot, now = new Date('2026-11-30T10:00:00Z')) {
  const model = buildListModel(snapshot, { now, verifyUrl: VERIFY });
  const pdf = await renderListPdf(model);
  return { model, pdf, raw: pdfPages(pdf.bytes, { raw: true }) };
}

/** The list's text in drawing order (the document's), without the footer every page carries. */
const flow = (pages: string[]) => comparable(pages.map((p) => p.replace(/\n?CONCEPT\s*$/, '').replace(FOOTER, '')).join('\n'));

describe('the integral list of a realistic consultation, read back with pdftotext', () => {
  it('has every participant, remark, response (by reference where given) and processing code, and the legend, in order', async () => {
    const { pdf, raw } = await render(fixtureListSnapshot());
    expect(raw.length).toBe(pdf.pages);
    expect(PARTICIPANTS.length).toBeGreaterThanOrEqual(8);
    const numbers = new Map(remarksInOrder().map(({ remark }, i) => [remark.key, i + 1]));
    const owner = new Map(remarksInOrder().map(({ remark, participant }) => [remark.key, participant.name]));
    const references = remarksInOrder().filter(({ remark }) => 'sameAs' in remark.response);
    expect(references.length).toBeGreaterThanOrEqual(3);

    const expected: string[] = ['Integrale lijst', TITLE, 'Beleidsstuk', DOCUMENT, 'Datum 1 december 2026'];
    for (const p of PARTICIPANTS) {
      expected.push(p.name);
      if (p.remarks.length === 0) {
        expected.push('Van deze deelnemer zijn geen opmerkingen ontvangen.');
        continue;
      }
      expected.push('Opmerking Reactie Verwerking');
      for (const r of p.remarks) {
        expected.push(`${numbers.get(r.key)} ${r.section ?? ''}`.trim(), ...r.text.split('\n\n'));
        if ('sameAs' in r.response) expected.push(`Zie de reactie op opmerking ${numbers.get(r.response.sameAs)} (${owner.get(r.response.sameAs)})`);
        else expected.push(...r.response.text.split('\n\n'));
        // Codes in the legend's order, whatever order they were chosen in.
        expected.push([...r.response.processing].sort((a, b) => LEGEND.findIndex((e) => e.code === a) - LEGEND.findIndex((e) => e.code === b)).join(', '));
      }
    }
    expected.push('Legenda', ...LEGEND.map((e) => (/^\d+$/.test(e.code) ? `${e.code}) ${e.label}` : `${e.code}: ${e.label}`)));
    expected.push('Vastgesteld namens burgemeester en wethouders van Kustgemeente, namens de regio op 1 december 2026.', 'de secretaris,', 'M. Bakker', 'de burgemeester,', 'J. Visser');
    expected.push(`U kunt op ${VERIFY} nagaan of deze lijst echt van ons komt`);
    expect(firstOutOfOrder(flow(raw), expected.map(comparable))).toBeNull();
    // Markup in a remark is text, as typed.
    expect(flat(raw.join(' '))).toContain('Let op de <b>privacy</b> van gezinnen als gegevens worden gedeeld & besproken in het "netwerkoverleg".');
    expect(flat(raw.join(' '))).not.toMatch(/concept/i);
  });

  it('is landscape A4 with the title, the date and "Pagina n/N" on every page, tagged, fonts embedded', async () => {
    const { pdf, raw } = await render(fixtureListSnapshot());
    const info = pdfInfo(pdf.bytes);
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toContain(`Title:           ${TITLE}`);
    raw.forEach((page, i) => expect(flat(page)).toMatch(new RegExp(`${TITLE} · Datum 1 december 2026 · Pagina ${i + 1}/${raw.length}$`)));
    const fonts = pdfFonts(pdf.bytes).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatch(/ yes yes /); // embedded, subset
    const structure = pdfInfo(pdf.bytes, '-struct');
    expect(structure.match(/^ {2}Table/gm)?.length).toBe(PARTICIPANTS.filter((p) => p.remarks.length).length);
    expect(structure).toMatch(/TH:\s*\n\s*\/Scope \/Column/);
  });

  it('repeats the participant and the column header on every page a table spans, and breaks a long row without losing text', async () => {
    const snapshot = fixtureListSnapshot();
    const c = snapshot.consultation;
    const long = Array.from({ length: 14 }, (_, i) => `Alinea ${i + 1} van een lange zienswijze over de regionale aanpak, met voorbeelden uit de praktijk van de wijkteams en de huisartsen in de kleine kernen.`).join('\n\n');
    const many = Array.from({ length: 40 }, (_, i) => ({
      id: `many-${i}`,
      number: 100 + i,
      section: null,
      text: i === 5 ? long : `Opmerking ${100 + i} over de bereikbaarheid van de hulp in de avonduren.`,
      response: { text: `Reactie ${100 + i}: wij nemen dit mee in de uitwerking.`, sameAs: null, processing: ['1'], version: 1, updatedAt: '2026-11-20T09:00:00.000Z', updatedBy: { id: 'o', name: 'O' } },
    }));
    c.participants = [{ id: 'big', name: 'Gemeenteraad Grootveen', councilId: null, remarks: many }];
    const { raw } = await render(snapshot);
    expect(raw.length).toBeGreaterThanOrEqual(3);
    raw.forEach((page, i) => {
      if (i === raw.length - 1 && !/Reactie 1\d\d/.test(page)) return; // the legend's page
      expect(flat(page), `page ${i + 1}`).toContain('Gemeenteraad Grootveen Opmerking Reactie Verwerking');
    });
    const text = flow(raw);
    for (const m of many) expect(text).toContain(comparable(`Reactie ${m.number}: wij nemen dit mee in de uitwerking.`));
    // The long row breaks mid-paragraph: on its first page its response and code follow the part of
    // the remark that fits, on the next the repeated header precedes the rest. Without those, the
    // remark reads on as written.
    const remark = text
      .replace(`${comparable('Reactie 105: wij nemen dit mee in de uitwerking. 1')} `, '')
      .split(`${comparable('Gemeenteraad Grootveen Opmerking Reactie Verwerking')} `)
      .join('');
    expect(remark).toContain(comparable(long.split('\n\n').join(' ')));
  });

  it('keeps a first remark taller than a page (it cannot stay with the header, so it starts under it and breaks)', async () => {
    const snapshot = fixtureListSnapshot();
    const long = Array.from({ length: 30 }, (_, i) => `Deel ${i + 1}: een zienswijze die langer is dan één bladzijde, over de regionale aanpak en de rol van de huisartsen.`).join('\n\n');
    snapshot.consultation.participants = [{ ...snapshot.consultation.participants[0], remarks: [{ ...snapshot.consultation.participants[0].remarks[0], text: long }] }];
    const { raw } = await render(snapshot);
    const text = flow(raw).split(`${comparable('Gemeenteraad Oostdorp Opmerking Reactie Verwerking')} `).join('');
    for (const part of long.split('\n\n')) expect(text).toContain(comparable(part).replace(/\.$/, ''));
  });

  it('is marked CONCEPT on every page until it is signed, with the responses still missing said so', async () => {
    const snapshot = fixtureListSnapshot(null);
    snapshot.consultation.participants[0].remarks[1].response = null;
    const { pdf, raw, model } = await render(snapshot);
    expect(model.concept).toBe(true);
    // The footer, then the watermark (drawn last).
    raw.forEach((page) => expect(flat(page)).toMatch(/Pagina \d+\/\d+ · CONCEPT CONCEPT$/));
    expect(flat(raw[0])).toContain('Concept: deze lijst is nog niet vastgesteld en kan nog veranderen.');
    expect(flow(raw)).toContain(comparable('2 Houd de raad op de hoogte van de voortgang, liefst twee keer per jaar en niet alleen met cijfers. Hier komt nog een reactie.'));
    expect(flow(raw)).not.toContain('Vastgesteld namens');
    expect(pdfInfo(pdf.bytes)).toContain(`Title:           CONCEPT – ${TITLE}`);
    // The watermark is what a person sees on every page.
    for (const tinted of tintedPixels(pdf.bytes)) expect(tinted).toBeGreaterThan(50);
    const signed = await render(fixtureListSnapshot());
    for (const tinted of tintedPixels(signed.pdf.bytes)) expect(tinted).toBeLessThan(50);
  });

  it('says the same in HTML: tables with column headers, the reference, the legend; user text escaped', async () => {
    const model = buildListModel(fixtureListSnapshot(), { verifyUrl: VERIFY });
    const html = renderListHtml(model);
    expect(html).toContain('<html lang="nl">');
    expect(html.match(/<table/g)?.length).toBe(PARTICIPANTS.filter((p) => p.remarks.length).length);
    expect(html).toContain('<th scope="col">Opmerking</th><th scope="col">Reactie</th><th scope="col">Verwerking</th>');
    expect(html).toContain('Zie de reactie op opmerking 1 (Gemeenteraad Oostdorp)');
    expect(html).toContain('Let op de &lt;b&gt;privacy&lt;/b&gt;');
    expect(html).toContain('size: A4 landscape');
    expect(html).not.toMatch(/concept/i);
    expect(fixtureConsultation().participants.flatMap((p) => p.remarks).every((r) => html.includes(`<span class="number">${r.number}</span>`))).toBe(true);
  });
});

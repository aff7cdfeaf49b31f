import { describe, expect, it } from 'vitest';
import { buildLetterModel } from '../../schema/letter-model';
import { renderLetterPdf } from '../../worker/letter/pdf';
import { renderLetterHtml } from '../../web/letter/letter-document';
import { fixtureItems, fixtureSnapshot, type FixtureItem } from '../fixtures/letter-fixture';
import { body, comparable, expectedFlow, firstOutOfOrder, flat, pdfFonts, pdfInfo, pdfPages, tintedPixels } from './pdf-text';

const MARKUP = 'Let op: <script>alert("x")</script> & <b>vet</b> {text: "pdfmake"}';

function items(): FixtureItem[] {
  const list = fixtureItems(14, 1800);
  list[1].text = `Het advies in twee alinea’s.\n\n${MARKUP}`;
  list[1].response = { status: 'partly', text: `Wij nemen dit deels over. ${MARKUP}\n\nRegel een\nRegel twee` };
  list[2].text = 'Café, coöperatie, ruïne, € 12,50 – “aanhalingstekens” en ‘enkele’…';
  return list;
}

const NOW = new Date('2026-11-10T10:00:00Z');
const VERIFY = 'https://wederwoord.example/verify';

async function render(signedAt?: string | null) {
  const model = buildLetterModel(fixtureSnapshot(items(), { signedAt }), { now: NOW, verifyUrl: VERIFY });
  const pdf = await renderLetterPdf(model);
  return { model, pdf, pages: pdfPages(pdf.bytes) };
}

describe('the signed letter as PDF, read back with pdftotext', () => {
  it('has every item and response in order, with headings, statuses, references and signatories', async () => {
    const { model, pdf, pages } = await render();
    expect(pages.length).toBe(pdf.pages);
    expect(pdf.pages).toBeGreaterThan(5);
    const text = body(pages);

    expect(firstOutOfOrder(comparable(text), expectedFlow(model, comparable))).toBeNull();
    expect(model.sections.map((s) => s.heading)).toEqual(['Toegang en bereik', 'Samenwerking', 'Financiën']);
    expect(text.match(/Onze reactie/g)?.length).toBe(10);
    expect(text.match(/Antwoord/g)?.length).toBe(4);
    for (const label of ['Overgenomen', 'Deels overgenomen', 'Niet overgenomen', 'Al gerealiseerd']) expect(text).toContain(label);

    const first = flat(pages[0]);
    for (const part of ['Gemeente Teststad', 'Aan de Adviesraad Sociaal Domein', 'Postbus 11', 'Datum 12 november 2026', 'Uw brief van 1 oktober 2026', 'Uw kenmerk ASD-2026-07', 'Ons kenmerk TST-2026-00042', 'Onderwerp Reactie op uw advies', 'Bijlage(n) geen', 'Wilt u bij beantwoording het kenmerk vermelden.', 'Geachte leden van de adviesraad,']) {
      expect(first).toContain(part);
    }
    expect(first).toContain('Op 1 oktober 2026 stuurde u ons het advies “Advies over het beleidsplan wijkgericht werken 2027–2030”, waar wij u om hadden gevraagd');
    expect(text).toContain('Heeft u vragen over deze brief? Neemt u dan contact op met S. de Boer');
    expect(text).toContain('Hoogachtend, burgemeester en wethouders van Teststad, de secretaris, de burgemeester, M. Bakker J. Visser');
  });

  it('repeats Datum, Ons kenmerk and "Pagina n/N" on every page after the first', async () => {
    const { pages } = await render();
    expect(pages[0]).not.toContain('Pagina');
    pages.slice(1).forEach((page, i) => {
      expect(flat(page)).toMatch(new RegExp(`^Datum 12 november 2026 · Ons kenmerk TST-2026-00042 · Pagina ${i + 2}/${pages.length}\\b`));
    });
  });

  it('keeps a long letter (60 items, 40+ pages) in order with its running header on every page', async () => {
    const model = buildLetterModel(fixtureSnapshot(fixtureItems(60, 2000, ['Eén', 'Twee', 'Drie', 'Vier', 'Vijf', 'Zes'])));
    const pdf = await renderLetterPdf(model);
    const pages = pdfPages(pdf.bytes);
    expect(pages.length).toBe(pdf.pages);
    expect(pdf.pages).toBeGreaterThan(40);
    expect(firstOutOfOrder(comparable(body(pages)), expectedFlow(model, comparable))).toBeNull();
    pages.slice(1).forEach((page, i) => expect(flat(page)).toMatch(new RegExp(`^Datum 12 november 2026 · Ons kenmerk TST-2026-00042 · Pagina ${i + 2}/${pages.length}\\b`)));
  });

  it('shows markup in item text literally, keeps line breaks and Dutch typography', async () => {
    const { pages } = await render();
    const raw = pages.join('\n');
    expect(flat(raw)).toContain(MARKUP);
    expect(raw).toMatch(/Regel een\nRegel twee/);
    expect(flat(raw)).toContain('Café, coöperatie, ruïne, € 12,50 – “aanhalingstekens” en ‘enkele’…');
  });

  it('says nothing of "concept", and carries metadata, embedded fonts, PDF/A-2b and tags', async () => {
    const { model, pdf, pages } = await render();
    expect(pages.join('\n')).not.toMatch(/concept/i);
    const info = pdfInfo(pdf.bytes);
    expect(info).toMatch(/^Title:\s+Reactie op uw advies “Advies over het beleidsplan wijkgericht werken 2027–2030” \(TST-2026-00042\)$/m);
    expect(info).toMatch(/^Author:\s+Gemeente Teststad$/m);
    expect(info).toMatch(/^Subject:\s+Reactie op uw advies/m);
    expect(info).toMatch(/^CreationDate:\s+Thu Nov 12 09:30:00 2026 UTC$/m);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)$/m);
    expect(info).not.toMatch(/concept/i);
    const xmp = pdfInfo(pdf.bytes, '-meta');
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    const fonts = pdfFonts(pdf.bytes).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatch(/Roboto.*CID TrueType\s+Identity-H\s+yes yes yes/);

    // The structure tree reads like the letter: headings and paragraphs with their text
    // (on a short letter: poppler takes seconds per page to print a structure tree).
    const short = await renderLetterPdf(buildLetterModel(fixtureSnapshot(items().slice(0, 4))));
    const structure = pdfInfo(short.bytes, '-struct-text');
    expect(structure).toMatch(/^ {2}H1 \(block\)\n {4}"Toegang en bereik"/m);
    expect(structure).toMatch(/^ {2}H2 \(block\)\n {4}"Vraag 1"/m);
    expect(structure).toMatch(/^ {2}BlockQuote\n {4}"“Hoe lang blijft/m);
    expect(structure).toMatch(/^ {2}H3 \(block\)\n {4}"Onze reactie"/m);
    expect(structure).toContain(`"${model.salutation}"`);
    expect(structure).not.toContain('Pagina');
  });

  it('renders the same signed model to the same bytes', async () => {
    const a = await render();
    const b = await renderLetterPdf(a.model);
    expect(Buffer.from(b.bytes).equals(Buffer.from(a.pdf.bytes))).toBe(true);
  });

  it('escapes XML in the metadata, so a title with markup keeps the PDF valid', async () => {
    const snapshot = fixtureSnapshot(items());
    snapshot.dossier.title = 'Zorg & welzijn <2027>';
    const pdf = await renderLetterPdf(buildLetterModel(snapshot));
    expect(pdfInfo(pdf.bytes)).toMatch(/^Title:\s+Reactie op uw advies “Zorg & welzijn <2027>” \(TST-2026-00042\)$/m);
    expect(pdfInfo(pdf.bytes, '-meta')).toContain('Reactie op uw advies “Zorg &amp; welzijn &lt;2027&gt;”');
  });
});

describe('the concept', () => {
  it('is marked as concept in the PDF (watermark, notice, title) and in the HTML', async () => {
    const { model, pdf, pages } = await render(null);
    expect(model.concept).toBe(true);
    // The watermark is on every page (rotated text, so looked at rather than extracted) …
    const concept = tintedPixels(pdf.bytes);
    expect(concept.length).toBe(pdf.pages);
    for (const tinted of concept) expect(tinted).toBeGreaterThan(1000);
    // … and the running header says so in words; a signed letter has neither.
    pages.slice(1).forEach((page) => expect(flat(page)).toMatch(/Pagina \d+\/\d+ · CONCEPT/));
    for (const tinted of tintedPixels((await render()).pdf.bytes)) expect(tinted).toBeLessThan(200);
    expect(flat(pages[0])).toContain('Concept: deze brief is nog niet ondertekend en kan nog veranderen.');
    expect(flat(pages[0])).toContain('10 november 2026');
    expect(pdfInfo(pdf.bytes)).toMatch(/^Title:\s+CONCEPT – Reactie op uw advies/m);
    const html = renderLetterHtml(model);
    expect(html).toContain('<title>CONCEPT – Reactie op uw advies');
    // In the HTML the watermark is decoration: an empty, aria-hidden box whose word the CSS draws
    // with an empty alternative, so that neither a screen reader nor a contrast check takes it for text.
    expect(html).toContain('<div class="watermark" aria-hidden="true"></div>');
    expect(html).toContain('.watermark::before { content: "CONCEPT" / "";');
  });

  it('renders items that have no response yet, and counts them', async () => {
    const list = items();
    list[3].response = null;
    const model = buildLetterModel(fixtureSnapshot(list, { signedAt: null }), { now: NOW });
    const text = body(pdfPages((await renderLetterPdf(model)).bytes));
    expect(text).toContain('Nog zonder reactie 1');
    expect(text).toContain('Nog geen status');
    expect(text).toContain('Hier komt nog een reactie.');
  });
});

describe('the signed letter as HTML', () => {
  it('has the same content in the same order, all user text escaped', async () => {
    const { model } = await render();
    const html = renderLetterHtml(model);
    const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    expect(firstOutOfOrder(html, expectedFlow(model, escape))).toBeNull();
    expect(html).toContain(escape(MARKUP));
    expect(html).not.toMatch(/concept/i);
    expect(html).toContain('counter(page) "/" counter(pages)');
    expect(html).toContain('<dt>Ons kenmerk</dt><dd>TST-2026-00042</dd>');
    expect(html).toContain(
      '<div class="signatories"><p class="signatory"><span>de secretaris,</span><span class="signatory-name">M. Bakker</span></p><p class="signatory"><span>de burgemeester,</span><span class="signatory-name">J. Visser</span></p></div>',
    );
  });
});

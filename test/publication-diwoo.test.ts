import { beforeAll, describe, expect, it } from 'vitest';
import { api, createWorld, type World } from './support';
import { web } from './support';
import { dossierWith } from './publication-support';
import { checkDiwooSitemap, checkSitemapIndex, diwooValue, parseXml, type DiwooEntry } from './diwoo-check';
import { amsterdamMidnight } from '../worker/lib/diwoo';

/**
 * The Woo-index's harvest, followed as the harvester does: robots.txt → the organisation's sitemap
 * index → its sitemaps, each checked against what the DiWoo schema (0.9.8) requires (test/diwoo-check.ts).
 */

let w: World;
const sent: Record<string, { id: string; reference: string }> = {};

beforeAll(async () => {
  w = await createWorld('DWO');
  await api('PUT', `/api/v1/organisations/${w.slug}/publication-settings`, { token: w.tokens.admin, body: { tooiCode: 'gm0034' } });
  sent.plain = await dossierWith(w, { title: 'Advies over de Wmo-verordening' });
  // Text a harvester must get literally: markup characters and a control character that XML 1.0 cannot carry.
  // Titles refuse control characters (issue 12); an item's text may still carry one, which XML 1.0 cannot.
  sent.tricky = await dossierWith(w, { title: 'Advies <b>&amp;</b> "laag" geletterdheid', items: [{ kind: 'advice', text: 'Tekst met ]]> en <![CDATA[ erin \u0007 en een bel.' }] });
  const withheld = await dossierWith(w, { title: 'Advies dat niet openbaar wordt' });
  await api('PUT', `/api/v1/advice/${withheld.id}/publication`, { token: w.tokens.official, body: { publish: false, reason: 'Persoonsgegevens.' } });
}, 120_000);

async function harvest(): Promise<{ indexProblems: string[]; problems: string[]; entries: DiwooEntry[]; sitemaps: number }> {
  const robots = await web('GET', '/robots.txt');
  expect(robots.headers.get('content-type')).toMatch(/^text\/plain/);
  const index = robots.html.match(new RegExp(`^Sitemap: (\\S+/openbaar/${w.slug}/sitemapindex-diwoo-infocat010\\.xml)$`, 'm'))?.[1];
  expect(index).toBeTruthy();
  const indexRes = await web('GET', new URL(index!).pathname);
  expect(indexRes.status).toBe(200);
  expect(indexRes.headers.get('content-type')).toBe('application/xml; charset=utf-8');
  const { problems: indexProblems, locs } = checkSitemapIndex(indexRes.html);
  const problems: string[] = [];
  const entries: DiwooEntry[] = [];
  for (const loc of locs) {
    const res = await web('GET', new URL(loc).pathname);
    expect(res.status, loc).toBe(200);
    const checked = checkDiwooSitemap(res.html);
    problems.push(...checked.problems);
    entries.push(...checked.entries);
  }
  return { indexProblems, problems, entries, sitemaps: locs.length };
}

describe('the DiWoo sitemaps', () => {
  it('pass the schema check: required elements, their order, and code-list values', async () => {
    const h = await harvest();
    expect(h.indexProblems).toEqual([]);
    expect(h.problems).toEqual([]);
    expect(h.sitemaps).toBeGreaterThanOrEqual(1);
    // Two documents per public dossier, none for the withheld one.
    expect(h.entries).toHaveLength(4);
    expect(h.entries.some((e) => e.loc.includes('niet openbaar'))).toBe(false);
  });

  it('describe the advice as received and the letter as signed, “is reactie op” the advice', async () => {
    const { entries } = await harvest();
    const dossier = (await api('GET', `/api/v1/advice/${sent.plain.id}`, { token: w.tokens.official })).body;
    const advice = entries.find((e) => e.loc.endsWith(`/${sent.plain.id}/advies`))!;
    const letter = entries.find((e) => e.loc.endsWith(`/${sent.plain.id}/reactie.pdf`))!;
    expect(advice && letter).toBeTruthy();
    const t = (e: DiwooEntry, ...path: string[]) => diwooValue(e.diwoo, ...path)?.textContent;
    const r = (e: DiwooEntry, ...path: string[]) => diwooValue(e.diwoo, ...path)?.getAttribute('resource');

    expect(t(advice, 'publisher')).toBe('Gemeente Teststad');
    expect(r(advice, 'publisher')).toBe('https://identifier.overheid.nl/tooi/id/gemeente/gm0034');
    expect(t(advice, 'titelcollectie', 'officieleTitel')).toBe('Advies over de Wmo-verordening');
    expect(t(advice, 'classificatiecollectie', 'informatiecategorieen', 'informatiecategorie')).toBe('adviezen');
    expect(t(advice, 'classificatiecollectie', 'documentsoorten', 'documentsoort')).toBe('advies');
    expect(t(advice, 'naamOpsteller')).toBe('Adviesraad Sociaal Domein');
    expect(t(advice, 'documenthandelingen', 'documenthandeling', 'soortHandeling')).toBe('ontvangst');
    expect(t(advice, 'documenthandelingen', 'documenthandeling', 'atTime')).toBe(amsterdamMidnight(dossier.receivedOn));

    expect(t(letter, 'titelcollectie', 'officieleTitel')).toBe('Reactie op advies: Advies over de Wmo-verordening');
    expect(t(letter, 'classificatiecollectie', 'documentsoorten', 'documentsoort')).toBe('brief');
    expect(t(letter, 'documenthandelingen', 'documenthandeling', 'soortHandeling')).toBe('ondertekening');
    expect(t(letter, 'documenthandelingen', 'documenthandeling', 'atTime')).toBe(dossier.letter.signedAt);
    expect(t(letter, 'documentrelaties', 'documentrelatie', 'role')).toBe('is reactie op');
    expect(r(letter, 'documentrelaties', 'documentrelatie', 'relation')).toBe(advice.loc);
    expect(r(letter, 'opsteller')).toBe('https://identifier.overheid.nl/tooi/id/gemeente/gm0034');
    // The documents are really there, for anyone.
    expect((await web('GET', new URL(advice.loc).pathname)).status).toBe(200);
    const pdf = await web('GET', new URL(letter.loc).pathname);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
  });

  it('carry titles literally, whatever characters they hold', async () => {
    const { entries, problems } = await harvest();
    expect(problems).toEqual([]);
    const advice = entries.find((e) => e.loc.endsWith(`/${sent.tricky.id}/advies`))!;
    // The control character is left out (XML 1.0 cannot carry it); everything else is as typed.
    expect(diwooValue(advice.diwoo, 'titelcollectie', 'officieleTitel')?.textContent).toBe('Advies <b>&amp;</b> "laag" geletterdheid');
  });

  it('the check itself finds what is wrong (so a pass means something)', async () => {
    const year = new Date().getFullYear();
    const xml = (await web('GET', `/openbaar/${w.slug}/sitemaps/${year}.xml`)).html;
    const broken: Record<string, string> = {
      'no publisher': xml.replace(/<diwoo:publisher[^>]*>[^<]*<\/diwoo:publisher>/, ''),
      'order': xml.replace(/(<diwoo:identifiers>.*?<\/diwoo:identifiers>)(<diwoo:publisher[^>]*>[^<]*<\/diwoo:publisher>)/, '$2$1'),
      'category code': xml.replace('c_99a836c7', 'c_99a836c8'),
      'action label': xml.replace('>ontvangst<', '>ontvangen<'),
      'atTime without zone': xml.replace(/(<diwoo:atTime>[^<]*?)(\+0[12]:00|Z)(<)/, '$1$3'),
      'loc not first': xml.replace(/<loc>([^<]*)<\/loc><lastmod>([^<]*)<\/lastmod>/, '<lastmod>$2</lastmod><loc>$1</loc>'),
      'not well-formed': xml.replace('</urlset>', ''),
      'unknown element': xml.replace('<diwoo:titelcollectie>', '<diwoo:titel>x</diwoo:titel><diwoo:titelcollectie>'),
    };
    for (const [what, bad] of Object.entries(broken)) {
      expect(bad, what).not.toBe(xml);
      expect(checkDiwooSitemap(bad).problems.length, what).toBeGreaterThan(0);
    }
  });

  it('an unknown organisation has no sitemaps; a year without publications has an empty one', async () => {
    expect((await web('GET', '/openbaar/bestaat-niet/sitemapindex-diwoo-infocat010.xml')).status).toBe(404);
    expect((await web('GET', `/openbaar/${w.slug}/sitemaps/twintig.xml`)).status).toBe(404);
    const empty = await web('GET', `/openbaar/${w.slug}/sitemaps/1999.xml`);
    expect(empty.status).toBe(200);
    expect(checkDiwooSitemap(empty.html)).toEqual({ problems: [], entries: [] });
  });
});

describe('the Atom feed', () => {
  it('is well-formed Atom with an entry per public dossier, newest first', async () => {
    const res = await web('GET', `/openbaar/${w.slug}/feed.xml`);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const { doc, errors } = parseXml(res.html);
    expect(errors).toEqual([]);
    const ATOM = 'http://www.w3.org/2005/Atom';
    const feed = doc.documentElement!;
    expect(feed.namespaceURI).toBe(ATOM);
    for (const required of ['id', 'title', 'updated']) expect(feed.getElementsByTagNameNS(ATOM, required).length, required).toBeGreaterThan(0);
    const entries = Array.from(feed.getElementsByTagNameNS(ATOM, 'entry'));
    expect(entries.map((e) => e.getElementsByTagNameNS(ATOM, 'title')[0].textContent)).toEqual(['Advies <b>&amp;</b> "laag" geletterdheid', 'Advies over de Wmo-verordening']);
    for (const e of entries) for (const required of ['id', 'title', 'updated', 'link']) expect(e.getElementsByTagNameNS(ATOM, required).length, required).toBeGreaterThan(0);
  });
});

describe('amsterdamMidnight', () => {
  it('gives the offset of Amsterdam at the start of the day, around both switches', () => {
    expect(amsterdamMidnight('2026-01-15')).toBe('2026-01-15T00:00:00+01:00');
    expect(amsterdamMidnight('2026-03-29')).toBe('2026-03-29T00:00:00+01:00');
    expect(amsterdamMidnight('2026-03-30')).toBe('2026-03-30T00:00:00+02:00');
    expect(amsterdamMidnight('2026-10-25')).toBe('2026-10-25T00:00:00+02:00');
    expect(amsterdamMidnight('2026-10-26')).toBe('2026-10-26T00:00:00+01:00');
    for (const day of ['2026-03-29', '2026-03-30', '2026-07-01', '2026-10-25', '2026-10-26', '2026-12-31']) {
      // The moment written is midnight in Amsterdam by the platform's own time zone data.
      const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(amsterdamMidnight(day)));
      expect(local, day).toBe(`${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}, 00:00`);
    }
  });
});

import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diwooDocuments, diwooListDocument, type DiwooDossier, type DiwooList } from '../../worker/lib/diwoo';
import { renderDiwooSitemap, renderSitemapIndex } from '../../web/feeds/diwoo-sitemap';
import { renderAtomFeed } from '../../web/feeds/atom';
import { checkDiwooSitemap, checkSitemapIndex } from '../diwoo-check';
import { XSS_PAYLOADS } from '../fixtures/xss-corpus';

/**
 * The harvesting files as the renderers write them, read by libxml2 (xmllint, as many harvesters
 * parse) and by our DiWoo check: whatever text a dossier holds, the XML is well-formed and valid
 * by that check.
 */

const XMLLINT = process.env.XMLLINT ?? '/usr/bin/xmllint';

/** xmllint's verdict on a document: null when well-formed, else its complaint. */
function xmllint(xml: string): string | null {
  try {
    execFileSync(XMLLINT, ['--noout', '--nonet', '-'], { input: xml, stdio: ['pipe', 'pipe', 'pipe'] });
    return null;
  } catch (err) {
    return String((err as { stderr?: Buffer }).stderr ?? err);
  }
}

const dossier = (over: Partial<DiwooDossier> = {}): DiwooDossier => ({
  id: '3f7e1d2c-0000-4000-8000-000000000001',
  title: 'Advies over het minimabeleid',
  reference: 'ALM-2026-00012',
  councilReference: 'ASD-2026-07',
  letterDate: '2026-10-01',
  receivedOn: '2026-10-03',
  signedAt: '2026-11-12T14:05:00.000Z',
  sentAt: '2026-11-12T15:00:00.000Z',
  publishedAt: '2026-11-12T15:00:00.000Z',
  councilName: 'Adviesraad Sociaal Domein',
  ...over,
});
const list = (over: Partial<DiwooList> = {}): DiwooList => ({
  id: '3f7e1d2c-0000-4000-8000-000000000002',
  title: 'Integrale lijst reacties op de regiovisie',
  signedAt: '2026-11-20T09:30:00.000Z',
  sentAt: '2026-11-20T10:00:00.000Z',
  publishedAt: '2026-11-20T10:00:00.000Z',
  ...over,
});
const ctx = { archiveUrl: 'https://wederwoord.example/openbaar/almere', organisation: { name: 'Gemeente Almere', tooi: 'https://identifier.overheid.nl/tooi/id/gemeente/gm0034' } };

describe('the DiWoo sitemap XML', () => {
  it('is well-formed for libxml2 and passes the DiWoo check, with every payload of the XSS corpus in every text', () => {
    const docs = XSS_PAYLOADS.flatMap((p, n) => [
      ...diwooDocuments(ctx, dossier({ id: `id-${n}`, title: `Titel ${p}`, reference: `REF ${p}`, councilReference: p, councilName: `Raad ${p}` })),
      diwooListDocument(ctx, list({ id: `list-${n}`, title: `Lijst ${p}` })),
    ]);
    const xml = renderDiwooSitemap(docs);
    expect(xmllint(xml)).toBeNull();
    expect(checkDiwooSitemap(xml)).toMatchObject({ problems: [] });
    expect(checkDiwooSitemap(xml).entries).toHaveLength(XSS_PAYLOADS.length * 3);
  });

  it('stays well-formed for any text, control characters and lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 20 }), (title, council) => {
        // An organisation's name is stored trimmed and never blank (singleLine); any other text may be.
        const organisation = { name: council.trim() || 'x', tooi: null };
        const xml = renderDiwooSitemap([
          ...diwooDocuments({ ...ctx, organisation }, dossier({ title: title || 'x', councilName: council })),
          diwooListDocument({ ...ctx, organisation }, list({ title: title || 'x' })),
        ]);
        const problems = checkDiwooSitemap(xml).problems;
        if (problems.length) throw new Error(problems.join('\n'));
        return xmllint(xml) === null;
      }),
      { numRuns: 60 },
    );
  });

  it('xmllint and the check both refuse a broken document (they are not blind)', () => {
    const xml = renderDiwooSitemap(diwooDocuments(ctx, dossier()));
    const broken = xml.replace('</diwoo:DiWoo>', '');
    expect(xmllint(broken)).not.toBeNull();
    expect(checkDiwooSitemap(broken).problems.length).toBeGreaterThan(0);
  });

  it('the sitemap index and the Atom feed are well-formed too', () => {
    expect(xmllint(renderSitemapIndex(['https://wederwoord.example/openbaar/almere/sitemaps/2026.xml?a=1&b=2']))).toBeNull();
    expect(checkSitemapIndex(renderSitemapIndex(['https://x.example/1.xml'])).problems).toEqual([]);
    const feed = renderAtomFeed({
      id: 'https://x.example/openbaar/a',
      title: 'Adviezen <aan> & "Almere"',
      subtitle: '\u0001',
      self: 'https://x.example/openbaar/a/feed.xml',
      html: 'https://x.example/openbaar/a',
      author: 'Gemeente',
      updated: '2026-11-12T15:00:00.000Z',
      entries: XSS_PAYLOADS.map((p, n) => ({ id: `urn:${n}`, title: p, link: 'https://x.example/?a&b', enclosure: 'https://x.example/x.pdf', published: '2026-11-12T15:00:00.000Z', updated: '2026-11-12T15:00:00.000Z', summary: p, category: p })),
    });
    expect(xmllint(feed)).toBeNull();
  });
});

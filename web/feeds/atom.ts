/** The Atom feed of an organisation's public archive (RFC 4287). */
import { el, xmlDocument } from './xml';

export type AtomEntry = { id: string; title: string; link: string; enclosure: string; published: string; updated: string; summary: string; category: string };

export function renderAtomFeed(feed: { id: string; title: string; subtitle: string; self: string; html: string; author: string; updated: string; entries: AtomEntry[] }): string {
  return xmlDocument(
    el(
      'feed',
      { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': 'nl' },
      el('id', null, feed.id),
      el('title', null, feed.title),
      el('subtitle', null, feed.subtitle),
      el('link', { rel: 'self', type: 'application/atom+xml', href: feed.self }),
      el('link', { rel: 'alternate', type: 'text/html', href: feed.html }),
      el('updated', null, feed.updated),
      el('author', null, el('name', null, feed.author)),
      feed.entries.map((e) =>
        el(
          'entry',
          null,
          el('id', null, e.id),
          el('title', null, e.title),
          el('link', { rel: 'alternate', type: 'text/html', href: e.link }),
          el('link', { rel: 'enclosure', type: 'application/pdf', href: e.enclosure }),
          el('published', null, e.published),
          el('updated', null, e.updated),
          el('category', { term: e.category }),
          el('summary', null, e.summary),
        ),
      ),
    ),
  );
}

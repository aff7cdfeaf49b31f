import { beforeAll, describe, expect, it } from 'vitest';
import { api, createWorld, type World, addUser, decode, latestSignInMail, signInByMail, textOf, web, DEVELOPMENT, mailbox } from './support';
import { dossierWith } from './publication-support';
import { parseXml } from './diwoo-check';
import type { Env } from '../worker/env';
import { LETTER_FIELDS, XSS_COUNCIL, XSS_FIELDS, XSS_ORGANISATION, XSS_PAYLOADS, xssAdvice } from './fixtures/xss-corpus';

/**
 * The XSS corpus (test/fixtures/xss-corpus.ts) goes into every text field a user can write, through
 * the API: organisation settings, a council, user names, an advice with its items, the responses and
 * a return comment. The dossier then runs the whole cycle, and every place that shows those texts is
 * read back: the web pages of each role, the letter's HTML, every mail in the outbox (and the outbox
 * pages). Each document is parsed (HTMLRewriter, the same HTML parser as Cloudflare's edge) to prove
 * that nothing became markup — no script without the page's nonce, no event handler, no javascript:
 * URL, none of the corpus's elements — and each field's text must be there literally, as typed.
 * The PDF is read back in Node (test/node/xss-pdf.test.ts).
 */

const F = XSS_FIELDS;
type Field = keyof typeof F;

// ---- reading a document ------------------------------------------------------------------------

/**
 * Elements the corpus would create if it became markup; the app itself uses none of them, but for
 * the overview's charts (an <svg> of its own class, as the chart component writes it).
 */
const FOREIGN = new Set(['x', 'svg', 'i']);
const appsOwn = (tag: string, el: Element) => tag === 'svg' && el.getAttribute('class') === 'ww-chart__svg' && el.getAttribute('role') === 'img';
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'background', 'poster']);

type Inspection = { problems: string[]; visible: string };

/**
 * Parses the HTML and lists what would run or load: scripts without a nonce (or with the corpus's
 * code), event-handler attributes, javascript: URLs, srcdoc frames, the corpus's elements. `visible`
 * is what a reader gets: the text, and the attribute values that show (form values, titles, labels).
 */
async function inspect(html: string): Promise<Inspection> {
  const problems: string[] = [];
  const shown: string[] = [];
  type Script = { nonce: string | null; src: string | null; type: string | null; text: string };
  const scripts: Script[] = [];
  const current = () => scripts[scripts.length - 1];
  await new HTMLRewriter()
    .on('*', {
      element(el) {
        const tag = el.tagName.toLowerCase();
        if (FOREIGN.has(tag) && !appsOwn(tag, el)) problems.push(`element <${tag}>`);
        if (tag === 'img' && el.getAttribute('src') === 'x') problems.push('<img src=x>');
        // The one unsandboxed frame allowed: the app's own letter document, served with a CSP of
        // default-src 'none' (no script can run in it) and read back as a document of its own below.
        if (tag === 'iframe' && !el.hasAttribute('sandbox') && !/^\/adviezen\/[^/]+\/brief\.html$/.test(el.getAttribute('src') ?? '')) problems.push('iframe without sandbox');
        for (const [name, raw] of el.attributes) {
          const value = decode(raw);
          if (/^on/i.test(name)) problems.push(`<${tag} ${name}="${value}">`);
          if (name === 'srcdoc') problems.push(`<${tag} srcdoc>`);
          if (URL_ATTRIBUTES.has(name) && /^\s*(javascript|vbscript|data:text\/html)/i.test(value)) problems.push(`<${tag} ${name}="${value}">`);
          if (['value', 'title', 'alt', 'aria-label', 'placeholder', 'content'].includes(name)) shown.push(value);
        }
      },
    })
    .on('script', {
      element(el) {
        scripts.push({ nonce: el.getAttribute('nonce'), src: el.getAttribute('src'), type: el.getAttribute('type'), text: '' });
      },
      text(t) {
        if (scripts.length) current().text += t.text;
      },
    })
    .transform(new Response(html))
    .text();
  for (const s of scripts) {
    // A data block (JSON for a page's script) never runs; it must still be whole, not broken open.
    if (s.type === 'application/json') {
      try {
        JSON.parse(s.text);
      } catch {
        problems.push(`JSON data block broken: ${s.text.slice(0, 80)}`);
      }
    } else if (!s.nonce && !s.src && s.text.trim()) problems.push(`script without nonce: ${s.text.slice(0, 80)}`);
    if (/alert\(/.test(s.text)) problems.push(`script runs the corpus: ${s.text.slice(0, 80)}`);
  }
  const visible = `${textOf(html)}\n${shown.join('\n')}`;
  // Escaped twice: the reader would see entities instead of what was typed.
  for (const twice of ['&lt;script&gt;', '&quot;&gt;&lt;img']) if (visible.includes(twice)) problems.push(`escaped twice: ${twice}`);
  return { problems, visible };
}

// ---- the cycle -----------------------------------------------------------------------------------

type Doc = { name: string; html: string; expect: Field[] };
const docs: Doc[] = [];
/** The dossier of the cycle, public once sent. */
const publicIds = { slug: '', id: '' };
let w: World;

async function page(name: string, path: string, cookie: string | null, expectFields: Field[], status = 200, env?: Partial<Env>) {
  const res = await web('GET', path, { cookie, env });
  expect(res.status, `${name}: ${res.html.slice(0, 300)}`).toBe(status);
  docs.push({ name, html: res.html, expect: expectFields });
  return res;
}

async function ok(res: Promise<{ status: number; body: any }>, status = 200) {
  const r = await res;
  if (r.status !== status) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

const ITEM_FIELDS = ['item0', 'item1', 'item2', 'section1', 'section2'] as const satisfies Field[];
const RESPONSE_FIELDS = ['response0', 'response1', 'response2'] as const satisfies Field[];
const ADVICE_FIELDS = ['title', 'policyDocument', 'councilReference', 'intro', ...ITEM_FIELDS] as const satisfies Field[];
/** The mails, by the start of their subject, and the fields each shows. */
const MAIL_FIELDS: [string, Field[]][] = [
  ['Uw inloglink', ['orgName']],
  ['Ontvangstbevestiging van uw advies', ['orgName', 'councilName', 'salutation', 'title', 'councilReference']],
  ['Nieuw advies binnengekomen', ['orgName', 'councilName', 'title']],
  ['Graag uw goedkeuring', ['orgName', 'councilName', 'officialName', 'title']],
  ['Teruggestuurd met opmerkingen', ['orgName', 'councilName', 'approverName', 'title', 'comment']],
  ['Ondertekend en klaar om te verzenden', ['orgName', 'councilName', 'approverName', 'title']],
  ['Reactie op uw advies', ['orgName', 'signOff', 'contactName', 'contactPhone', 'salutation', 'title', 'councilReference']],
];
function mailFields(subject: string): Field[] {
  const found = MAIL_FIELDS.find(([start]) => subject.startsWith(start));
  if (!found) throw new Error(`a mail this test does not know yet: ${subject.slice(0, 60)}`);
  return found[1];
}



beforeAll(async () => {
  w = await createWorld('XSS');
  const slug = w.slug;
  await ok(
    api('PATCH', `/api/v1/organisations/${slug}`, {
      token: w.tokens.admin,
      body: XSS_ORGANISATION,
    }),
  );
  const council = await ok(
    api('POST', `/api/v1/organisations/${slug}/councils`, {
      token: w.tokens.admin,
      body: XSS_COUNCIL,
    }),
    201,
  );
  const member = await addUser(w, 'council_member', council.id, F.memberName);
  const secretary = await addUser(w, 'council_secretary', council.id, F.secretaryName);
  const official = await addUser(w, 'official', undefined, F.officialName);
  const approver = await addUser(w, 'approver', undefined, F.approverName);

  const input = xssAdvice(council.id, [
    { kind: 'question', section: F.section1, text: F.item0 },
    { kind: 'advice', section: F.section1, text: F.item1 },
    { kind: 'advice', section: F.section2, text: F.item2 },
  ]);
  const advice = await ok(api('POST', `/api/v1/organisations/${slug}/advice`, { token: member.token, body: input }), 201);
  const id = advice.id as string;
  const items = advice.items as { id: string }[];

  // The sign-in confirmation page greets the user by name.
  await web('POST', '/inloggen', { form: { email: official.email }, headers: { 'cf-connecting-ip': `xss-${crypto.randomUUID()}` } });
  const mail = await latestSignInMail(official.email);
  await page('sign-in confirmation', `/inloggen/link?token=${encodeURIComponent(mail!.tokens[0])}`, null, ['officialName', 'orgName']);

  const [memberCookie, secretaryCookie, officialCookie, approverCookie, adminCookie] = await Promise.all(
    [member.email, secretary.email, official.email, approver.email, `admin@${slug}.example`].map((e) => signInByMail(e)),
  );

  // Draft: the council's pages.
  await page('council list', '/adviezen', memberCookie, ['title']);
  await page('council dossier (draft)', `/adviezen/${id}`, memberCookie, [...ADVICE_FIELDS]);
  await page('advice form', `/adviezen/${id}/bewerken`, memberCookie, [...ADVICE_FIELDS]);
  await page('submit confirmation', `/adviezen/${id}/indienen`, secretaryCookie, ['title']);
  // The form refused (an impossible date) gives every value back; so does the sign-in page when the session is gone.
  const form: Record<string, string> = {
    title: F.title,
    policyDocument: F.policyDocument,
    kind: 'solicited',
    letterDate: 'gisteren',
    councilReference: F.councilReference,
    intro: F.intro,
    'items.0.kind': 'advice',
    'items.0.section': F.section1,
    'items.0.text': F.item0,
    action: 'save',
  };
  const refused = await web('POST', '/adviezen/nieuw', { cookie: memberCookie, form });
  expect(refused.status).toBe(422);
  docs.push({ name: 'advice form, refused', html: refused.html, expect: ['title', 'policyDocument', 'councilReference', 'intro', 'section1', 'item0'] });
  const rescued = await web('POST', '/adviezen/nieuw', { form });
  expect(rescued.status).toBe(401);
  docs.push({ name: 'sign-in page with rescued text', html: rescued.html, expect: ['title', 'policyDocument', 'councilReference', 'intro', 'section1', 'item0'] });

  await ok(api('POST', `/api/v1/advice/${id}/submit`, { token: secretary.token }));
  const statuses = ['answered', 'adopted', 'partly'];
  for (const [i, item] of items.entries()) {
    await ok(api('PUT', `/api/v1/advice/${id}/items/${item.id}/response`, { token: official.token, body: { text: F[RESPONSE_FIELDS[i]], status: statuses[i], version: 0 } }));
  }

  // In progress: the officials' pages.
  await page('inbox', '/adviezen', officialCookie, ['title', 'councilName']);
  await page('answer page', `/adviezen/${id}`, officialCookie, [...ADVICE_FIELDS, ...RESPONSE_FIELDS, 'councilName', 'officialName']);
  const wrong = await web('POST', `/adviezen/${id}/reacties/${items[1].id}`, { cookie: officialCookie, form: { status: 'answered', text: F.response1, version: '1' } });
  expect(wrong.status).toBe(422);
  docs.push({ name: 'answer page, refused', html: wrong.html, expect: ['response1', 'item1'] });

  // In review, returned with a comment, in review again, signed, sent.
  await ok(api('POST', `/api/v1/advice/${id}/request-approval`, { token: official.token }));
  // The pages frame the letter renderer's own document (brief.html): the letter fields are read there.
  await page('review page', `/adviezen/${id}`, approverCookie, ['title']);
  await page('review page, framed letter', `/adviezen/${id}/brief.html`, approverCookie, LETTER_FIELDS);
  const concept = await api('GET', `/api/v1/advice/${id}/letter.html`, { token: approver.token });
  docs.push({ name: 'letter.html (concept)', html: concept.body, expect: LETTER_FIELDS });
  await ok(api('POST', `/api/v1/advice/${id}/return`, { token: approver.token, body: { comment: F.comment } }));
  await page('answer page, returned', `/adviezen/${id}`, officialCookie, ['comment', 'title']);
  await ok(api('POST', `/api/v1/advice/${id}/request-approval`, { token: official.token }));
  await page('sign confirmation', `/adviezen/${id}/ondertekenen`, approverCookie, ['signOff', 'signatoryTitle1', 'signatoryName1', 'signatoryTitle2', 'signatoryName2', 'approverName']);
  const signed = await ok(api('POST', `/api/v1/advice/${id}/approve`, { token: approver.token }));
  const letter = await api('GET', `/api/v1/advice/${id}/letter.html`, { token: official.token });
  docs.push({ name: 'letter.html (signed)', html: letter.body, expect: LETTER_FIELDS });
  await page('letter page (signed)', `/adviezen/${id}`, officialCookie, ['title']);
  await page('letter page (signed), framed letter', `/adviezen/${id}/brief.html`, officialCookie, LETTER_FIELDS);
  await ok(api('POST', `/api/v1/advice/${id}/send`, { token: official.token }), 202);
  await page('letter page (sent)', `/adviezen/${id}`, officialCookie, ['title']);
  await page('council dossier (sent)', `/adviezen/${id}`, memberCookie, ['title']);
  await page('overview of figures', '/overzicht', officialCookie, ['councilName']);
  await page('overview of figures (council)', '/overzicht', memberCookie, ['councilName']);
  await page('council dossier (sent), framed letter', `/adviezen/${id}/brief.html`, memberCookie, LETTER_FIELDS);
  const reference = (await api('GET', `/api/v1/advice/${id}`, { token: official.token })).body.reference;
  await page('verify page', `/verify?sha256=${signed.letter.sha256}&reference=${encodeURIComponent(reference)}`, null, ['orgName', 'signatoryTitle1', 'signatoryName1']);

  // The public archive (Woo): the sent dossier is public; its pages, and a search whose snippet marks matches inside the corpus.
  publicIds.slug = slug;
  publicIds.id = id;
  await page('public archive', `/openbaar/${slug}`, null, ['title', 'councilName', 'orgName']);
  await page('public search', `/openbaar/${slug}?q=alert`, null, ['title', 'councilName']);
  await page('public dossier', `/openbaar/${slug}/${id}`, null, [...ADVICE_FIELDS, ...RESPONSE_FIELDS, 'councilName', 'orgName', 'signatoryTitle1', 'signatoryName1', 'signatoryTitle2', 'signatoryName2']);
  await page('public advice', `/openbaar/${slug}/${id}/advies`, null, [...ADVICE_FIELDS, 'councilName']);

  // The organisation admin's pages.
  const base = `/organisaties/${slug}/beheer`;
  await page('organisation settings', base, adminCookie, ['orgName', 'address1', 'address2', 'phone', 'website', 'signatoryTitle1', 'signatoryName1', 'signatoryTitle2', 'signatoryName2', 'signOff', 'contactName', 'contactPhone']);
  await page('councils', `${base}/adviesraden`, adminCookie, ['councilName']);
  await page('council form', `${base}/adviesraden/${council.id}`, adminCookie, ['councilName', 'salutation', 'councilAddress']);
  await page('users', `${base}/gebruikers`, adminCookie, ['memberName', 'secretaryName', 'officialName', 'approverName', 'councilName']);
  await page('user form', `${base}/gebruikers/${official.id}`, adminCookie, ['officialName']);

  // Every mail of the dossier, and the sign-in mails of the users with such names: as stored, and in the local mailbox pages.
  const mails = [
    ...(await mailbox(`/api/v1/dev/outbox?adviceId=${id}`)).body.items,
    ...(await mailbox(`/api/v1/dev/outbox?to=${encodeURIComponent(official.email)}`)).body.items,
  ] as { id: string; subject: string }[];
  expect(mails.length).toBeGreaterThan(5);
  for (const m of mails) {
    const fields = mailFields(m.subject);
    const full = await mailbox(`/api/v1/dev/outbox/${m.id}`);
    docs.push({ name: `mail: ${m.subject.slice(0, 40)} (${m.id})`, html: full.body.html, expect: fields });
    // The subject is plain text: the title is in it as typed.
    if (fields.includes('title')) expect(m.subject).toContain(F.title);
    await page(`outbox page: ${m.subject.slice(0, 40)} (${m.id})`, `/dev/outbox/${m.id}`, null, fields, 200, DEVELOPMENT);
    await page(`outbox frame: ${m.subject.slice(0, 40)} (${m.id})`, `/dev/outbox/${m.id}/html`, null, fields, 200, DEVELOPMENT);
  }
  await page('outbox list', '/dev/outbox', null, ['title'], 200, DEVELOPMENT);
}, 180_000);

describe('the XSS corpus, read back', () => {
  it('has an inspector that sees markup, wherever it hides', async () => {
    const unsafe = [
      '<p><script>alert(1)</script></p>',
      '<p>"><img src=x onerror=alert(2)></p>',
      '<a href=" javascript:alert(3)">x</a>',
      '<textarea></textarea><script>alert(4)</script></textarea>',
      '<div><svg onload=alert(5)></div>',
      '<iframe sandbox srcdoc="<script>alert(9)</script>"></iframe>',
      '<script type="application/json">{"a":"</script><script>alert(11)</script>"}</script>',
      '<p>&amp;lt;script&amp;gt;</p>',
    ];
    for (const html of unsafe) expect((await inspect(html)).problems, html).not.toEqual([]);
    expect((await inspect('<p>&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(2)&gt;</p>')).problems).toEqual([]);
  });

  it('is in every text field', () => {
    // Each field carries several payloads; together the short fields carry every one.
    for (const p of XSS_PAYLOADS) expect(Object.values(F).filter((v) => v.includes(p)).length, p).toBeGreaterThan(2);
  });

  it('never becomes markup in a page, the letter or a mail', async () => {
    const problems: Record<string, string[]> = {};
    for (const d of docs) {
      const found = (await inspect(d.html)).problems;
      if (found.length) problems[d.name] = found;
    }
    expect(docs.length).toBeGreaterThan(25);
    expect(problems).toEqual({});
  });

  it('shows every field literally, exactly as typed, where it belongs', async () => {
    const missing: Record<string, Field[]> = {};
    for (const d of docs) {
      const { visible } = await inspect(d.html);
      const flat = visible.replace(/\s+/g, ' ');
      const absent = d.expect.filter((f) => !flat.includes(F[f]));
      if (absent.length) missing[d.name] = absent;
    }
    expect(missing).toEqual({});
  });
});


describe('the XSS corpus in the public archive (Woo)', () => {
  it('comes out of the feed and the DiWoo sitemap as text, exactly as typed', async () => {
    const feed = parseXml((await web('GET', `/openbaar/${publicIds.slug}/feed.xml`)).html);
    expect(feed.errors).toEqual([]);
    expect(feed.doc.getElementsByTagName('title')[1]?.textContent).toBe(F.title);
    const sitemap = parseXml((await web('GET', `/openbaar/${publicIds.slug}/sitemaps/${new Date().getFullYear()}.xml`)).html);
    expect(sitemap.errors).toEqual([]);
    expect(sitemap.doc.getElementsByTagName('diwoo:officieleTitel')[0]?.textContent).toBe(F.title);
    expect(sitemap.doc.getElementsByTagName('diwoo:naamOpsteller')[0]?.textContent).toBe(F.councilName);
  });

  it('in a search result, marks only real matches: marker characters typed into a text never become marks or markup', async () => {
    // The search index marks matches with STX/ETX; a text that holds them itself must not be able to mark (or inject) anything.
    const typed = '\u0002<img src=x onerror=alert(12)>\u0003 markeertest \u0002</mark><script>alert(13)</script>\u0003';
    const d = await dossierWith(w, { title: 'Markeringen', items: [{ kind: 'advice', text: typed, response: `Antwoord ${typed}` }] });
    const res = await api('GET', `/api/v1/public/${w.slug}/advice?q=markeertest`);
    const [hit] = res.body.items;
    expect(hit.id).toBe(d.id);
    expect(hit.snippet).not.toMatch(/[\u0002\u0003]/);
    expect(hit.highlights.length).toBeGreaterThan(0);
    for (const [start, end] of hit.highlights) expect(hit.snippet.slice(start, end).toLowerCase()).toBe('markeertest');
    const found = await web('GET', `/openbaar/${w.slug}?q=markeertest`);
    const { problems, visible } = await inspect(found.html);
    expect(problems).toEqual([]);
    expect([...found.html.matchAll(/<mark>([^<]*)<\/mark>/g)].map((m) => m[1].toLowerCase())).toEqual(hit.highlights.map(() => 'markeertest'));
    expect(visible).toContain('<img src=x onerror=alert(12)>');
  });
});

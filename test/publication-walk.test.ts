import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, createWorld, fetchRaw, type World } from './support';
import { dossierIn } from './support';
import { web } from './support';
import { consultationIn } from './support';
import { publicListsOffenders, publicTablesOffenders } from './publication-support';
import { ADVICE_STATUSES, type AdviceStatus } from '../schema/advice';
import { CONSULTATION_STATUSES, type ConsultationStatus } from '../schema/consultations';

/**
 * Every dossier state × every publication choice × every public route (JSON API, pages, search,
 * the letter, the feed, and the harvesting chain robots.txt → sitemap index → sitemaps): a
 * dossier appears exactly when it is sent and not withheld. Then a public dossier is withheld and
 * is gone from every route at the very next request, and back when published again. The same for
 * every consultation state × choice × route (its list's JSON, page and PDF, the lists, the archive,
 * the feed and the sitemaps).
 */

const CHOICES = ['default', 'publish', 'withhold'] as const;
type Choice = (typeof CHOICES)[number];
type Case = { state: AdviceStatus; choice: Choice; id: string; reference: string | null };

let w: World;
const cases: Case[] = [];
type ListCase = { state: ConsultationStatus; choice: Choice; id: string };
const lists: ListCase[] = [];
const isPublic = (c: Pick<Case, 'state' | 'choice'>) => c.state === 'sent' && c.choice !== 'withhold';

async function decide(w: World, id: string, state: AdviceStatus, choice: Choice) {
  if (choice === 'default') return;
  const body = choice === 'publish' ? { publish: true } : { publish: false, reason: 'Walk: niet openbaar.' };
  if (state === 'draft') {
    // Staff cannot see a draft (404), so no decision can be taken on one through the API; written
    // straight into D1 to show that even then a draft stays out of public view.
    const decision = { ...body, reason: body.publish ? null : 'Walk: niet openbaar.', ground: null, decidedBy: { id: w.ids.official, name: 'Test official' }, decidedAt: new Date().toISOString() };
    await env.DB.prepare('UPDATE advice SET publication = ? WHERE id = ?').bind(JSON.stringify(decision), id).run();
    return;
  }
  const res = await api('PUT', `/api/v1/advice/${id}/publication`, { token: w.tokens.approver, body });
  if (res.status !== 200) throw new Error(`decide ${state}/${choice}: ${res.status} ${JSON.stringify(res.body)}`);
}

/** What every public route shows, as the set of dossier ids it lets through (or answers 200 for). */
async function visible(w: World, all: Case[]): Promise<Record<string, Set<string>>> {
  const slug = w.slug;
  const out: Record<string, Set<string>> = {};
  const listed = (name: string, text: string) => (out[name] = new Set(all.map((c) => c.id).filter((id) => text.includes(id))));

  listed('API list', JSON.stringify((await api('GET', `/api/v1/public/${slug}/advice`)).body));
  // Every dossier has "wijkgericht" in its title: the search lists exactly the public ones.
  listed('API search', JSON.stringify((await api('GET', `/api/v1/public/${slug}/advice?q=wijkgericht`)).body));
  listed('page list', (await web('GET', `/openbaar/${slug}`)).html);
  listed('page search', (await web('GET', `/openbaar/${slug}?q=wijkgericht`)).html);
  listed('feed', (await web('GET', `/openbaar/${slug}/feed.xml`)).html);

  // The harvester's way in: robots.txt names the sitemap index, which names the sitemaps.
  const robots = (await web('GET', '/robots.txt')).html;
  const indexUrl = robots.match(new RegExp(`Sitemap: (https://app\\.test/openbaar/${slug}/sitemapindex-diwoo-infocat010\\.xml)`))?.[1];
  expect(indexUrl, 'robots.txt names the sitemap index').toBeTruthy();
  const index = (await web('GET', new URL(indexUrl!).pathname)).html;
  let sitemaps = '';
  for (const [, loc] of index.matchAll(/<loc>([^<]+)<\/loc>/g)) sitemaps += (await web('GET', new URL(loc).pathname)).html;
  listed('sitemaps', sitemaps);

  // One request per dossier and route: 200 means shown.
  const perDossier: [string, (c: Case) => Promise<number>][] = [
    ['API dossier', async (c) => (await api('GET', `/api/v1/public/${slug}/advice/${c.id}`)).status],
    ['API letter', async (c) => (await fetchRaw(`/api/v1/public/${slug}/advice/${c.id}/letter.pdf`)).status],
    ['page dossier', async (c) => (await web('GET', `/openbaar/${slug}/${c.id}`)).status],
    ['page advice', async (c) => (await web('GET', `/openbaar/${slug}/${c.id}/advies`)).status],
    ['page letter', async (c) => (await web('GET', `/openbaar/${slug}/${c.id}/reactie.pdf`)).status],
    // A search for the dossier's own reference (drafts have none: nothing to find).
    [
      'API search by reference',
      async (c) => (c.reference && JSON.stringify((await api('GET', `/api/v1/public/${slug}/advice?q=${c.reference}`)).body).includes(c.id) ? 200 : 404),
    ],
  ];
  for (const [name, status] of perDossier) {
    out[name] = new Set();
    for (const c of all) {
      const s = await status(c);
      expect([200, 404], `${name} ${c.state}/${c.choice}`).toContain(s);
      if (s === 200) out[name].add(c.id);
    }
  }
  return out;
}

async function decideList(w: World, id: string, choice: Choice) {
  if (choice === 'default') return;
  const body = choice === 'publish' ? { publish: true } : { publish: false, reason: 'Walk: niet openbaar.' };
  const res = await api('PUT', `/api/v1/consultations/${id}/publication`, { token: w.tokens.official, body });
  if (res.status !== 200) throw new Error(`decide list ${id}/${choice}: ${res.status} ${JSON.stringify(res.body)}`);
}

/** What every public route shows of consultations, as the set of consultation ids it lets through (or answers 200 for). */
async function visibleLists(w: World, all: ListCase[]): Promise<Record<string, Set<string>>> {
  const slug = w.slug;
  const out: Record<string, Set<string>> = {};
  const listed = (name: string, text: string) => (out[name] = new Set(all.map((c) => c.id).filter((id) => text.includes(id))));

  listed('API lists', JSON.stringify((await api('GET', `/api/v1/public/${slug}/consultations`)).body));
  listed('page lists', (await web('GET', `/openbaar/${slug}/consultaties`)).html);
  // Nor do they leak into the advice's list, search or JSON.
  listed('page archive', (await web('GET', `/openbaar/${slug}`)).html + (await web('GET', `/openbaar/${slug}?q=regiovisie`)).html);
  listed('API advice search', JSON.stringify((await api('GET', `/api/v1/public/${slug}/advice?q=regiovisie`)).body));
  listed('feed', (await web('GET', `/openbaar/${slug}/feed.xml`)).html);
  const index = (await web('GET', `/openbaar/${slug}/sitemapindex-diwoo-infocat010.xml`)).html;
  let sitemaps = '';
  for (const [, loc] of index.matchAll(/<loc>([^<]+)<\/loc>/g)) sitemaps += (await web('GET', new URL(loc).pathname)).html;
  listed('sitemaps', sitemaps);

  const perList: [string, (c: ListCase) => Promise<number>][] = [
    ['API list', async (c) => (await api('GET', `/api/v1/public/${slug}/consultations/${c.id}`)).status],
    ['API list.pdf', async (c) => (await fetchRaw(`/api/v1/public/${slug}/consultations/${c.id}/list.pdf`)).status],
    ['page list', async (c) => (await web('GET', `/openbaar/${slug}/consultaties/${c.id}`)).status],
    ['page lijst.pdf', async (c) => (await web('GET', `/openbaar/${slug}/consultaties/${c.id}/lijst.pdf`)).status],
    // Nor under the dossiers' addresses.
    ['page dossier', async (c) => (await web('GET', `/openbaar/${slug}/${c.id}`)).status],
  ];
  for (const [name, status] of perList) {
    out[name] = new Set();
    for (const c of all) {
      const s = await status(c);
      expect([200, 404], `${name} ${c.state}/${c.choice}`).toContain(s);
      if (s === 200) out[name].add(c.id);
    }
  }
  return out;
}

beforeAll(async () => {
  w = await createWorld('WLK');
  for (const state of ADVICE_STATUSES) {
    for (const choice of CHOICES) {
      const d = await dossierIn(w, state);
      // Decided in the state itself (for sent: after sending; the other tests decide before).
      await decide(w, d.id, state, choice);
      const reference = (await api('GET', `/api/v1/advice/${d.id}`, { token: w.tokens.council_member })).body.reference as string | null;
      cases.push({ state, choice, id: d.id, reference });
    }
  }
  for (const state of CONSULTATION_STATUSES) {
    for (const choice of CHOICES) {
      const c = await consultationIn(w, state);
      await decideList(w, c.id, choice);
      lists.push({ state, choice, id: c.id });
    }
  }
}, 400_000);

describe('the walk: state × publication choice × public route', () => {
  it('shows on every public route exactly the dossiers that are sent and not withheld', async () => {
    const want = new Set(cases.filter(isPublic).map((c) => c.id));
    expect(want.size).toBe(2);
    const got = await visible(w, cases);
    expect(Object.keys(got).length).toBeGreaterThanOrEqual(12);
    for (const [route, ids] of Object.entries(got)) {
      const wrong = cases.filter((c) => ids.has(c.id) !== want.has(c.id)).map((c) => `${c.state}/${c.choice}`);
      expect(wrong, route).toEqual([]);
    }
    expect(Object.values(await publicTablesOffenders()).flat()).toEqual([]);
  });

  it('takes a withheld dossier off every public route at once, and puts it back when published again', async () => {
    const target = cases.find((c) => c.state === 'sent' && c.choice === 'default')!;
    const withheld = await api('PUT', `/api/v1/advice/${target.id}/publication`, { token: w.tokens.official, body: { publish: false, reason: 'Alsnog niet openbaar.', ground: '5.2' } });
    expect(withheld.body.public).toBe(false);
    const after = await visible(w, cases);
    for (const [route, ids] of Object.entries(after)) expect(ids.has(target.id), route).toBe(false);

    expect((await api('PUT', `/api/v1/advice/${target.id}/publication`, { token: w.tokens.official, body: { publish: true } })).body.public).toBe(true);
    const back = await visible(w, cases);
    for (const [route, ids] of Object.entries(back)) expect(ids.has(target.id), route).toBe(true);
    expect(Object.values(await publicTablesOffenders()).flat()).toEqual([]);
  });
});

describe('the walk for consultation lists: state × publication choice × public route', () => {
  const isPublicList = (c: ListCase) => c.state === 'sent' && c.choice !== 'withhold';
  /** Routes that show no consultation at all, whatever its state: they only prove nothing leaks there. */
  const NEVER = ['page archive', 'API advice search', 'page dossier'];

  it('shows on every public route exactly the lists that are sent and not withheld', async () => {
    const want = new Set(lists.filter(isPublicList).map((c) => c.id));
    expect(want.size).toBe(2);
    const got = await visibleLists(w, lists);
    expect(Object.keys(got).length).toBeGreaterThanOrEqual(10);
    for (const [route, ids] of Object.entries(got)) {
      const expected = NEVER.includes(route) ? new Set<string>() : want;
      const wrong = lists.filter((c) => ids.has(c.id) !== expected.has(c.id)).map((c) => `${c.state}/${c.choice}`);
      expect(wrong, route).toEqual([]);
    }
    expect(Object.values(await publicListsOffenders()).flat()).toEqual([]);
  });

  it('takes a withheld list off every public route at once, and puts it back when published again', async () => {
    const target = lists.find((c) => c.state === 'sent' && c.choice === 'default')!;
    const withheld = await api('PUT', `/api/v1/consultations/${target.id}/publication`, { token: w.tokens.approver, body: { publish: false, reason: 'Bevat persoonsgegevens van een inspreker.', ground: '5.1.2.e' } });
    expect(withheld.status).toBe(200);
    expect(withheld.body).toMatchObject({ publish: false, public: false, ground: '5.1.2.e' });
    const after = await visibleLists(w, lists);
    for (const [route, ids] of Object.entries(after)) expect(ids.has(target.id), route).toBe(false);

    expect((await api('PUT', `/api/v1/consultations/${target.id}/publication`, { token: w.tokens.official, body: { publish: true } })).body.public).toBe(true);
    const back = await visibleLists(w, lists);
    for (const [route, ids] of Object.entries(back)) expect(ids.has(target.id), route).toBe(!NEVER.includes(route));
    expect(Object.values(await publicListsOffenders()).flat()).toEqual([]);
  });
});

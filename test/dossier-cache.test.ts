import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { api, createWorld, submittedDossier, answerAll, type World } from './helpers';
import { addUser, dossierIn } from './support';
import { fetchWith, probeD1 } from './d1-probe';
import { signInByMail, textOf, web } from './web-helpers';
import type { Env } from '../worker/env';
import { heldItems, keepItems } from '../worker/services/dossier-cache';

/**
 * The dossier's items are reused within an isolate while the database says, in the same batch,
 * that they have not changed (worker/services/dossier-cache.ts, migration 0004's triggers). These
 * tests read through a binding that records how many item rows each read took from D1, and change
 * the data both through the app and behind its back.
 */
function recordingD1() {
  const itemRows: number[] = [];
  const { db } = probeD1(env.DB, {
    after: (call, result) => {
      if (call.kind !== 'batch') return;
      // The dossier's items read: how many rows it took from the database.
      call.sql.forEach((sql, i) => /AS item\s+FROM advice_items/.test(sql) && itemRows.push((result as D1Result[])[i].results.length));
    },
  });
  return { db, itemRows };
}

async function readDossier(db: D1Database, w: World, id: string, token = w.tokens.official) {
  const res = await fetchWith(db, 'GET', `/api/v1/advice/${id}`, { token });
  expect(res.status).toBe(200);
  return res.body;
}

async function readPage(db: D1Database, cookie: string, id: string) {
  const res = await web('GET', `/adviezen/${id}`, { cookie, env: { DB: db } as Partial<Env> });
  expect(res.status).toBe(200);
  return res.html;
}

const revision = async (id: string) => (await env.DB.prepare('SELECT items_revision AS r FROM advice WHERE id = ?').bind(id).first<{ r: string }>())!.r;

describe('reusing a dossier’s items while they stay the same', () => {
  it('a second read takes no item rows from the database and answers the same', async () => {
    const w = await createWorld('DCA');
    const d = await submittedDossier(w);
    await answerAll(w, d);
    const { db, itemRows } = recordingD1();
    const first = await readDossier(db, w, d.id);
    const before = itemRows.length;
    const second = await readDossier(db, w, d.id);
    expect(second).toEqual(first);
    expect(first.items).toHaveLength(d.items.length);
    // The first read may find the items held already (the writes above read them too); the second must.
    expect(itemRows.slice(before)).toEqual([0]);
  });

  it('a response saved through the API is in the very next read, the JSON and the page', async () => {
    const w = await createWorld('DCB');
    const d = await submittedDossier(w);
    const cookie = await signInByMail(`official@${w.slug}.example`);
    const { db, itemRows } = recordingD1();
    await readDossier(db, w, d.id);
    await readPage(db, cookie, d.id);
    const item = d.items[0];
    const saved = await fetchWith(db, 'PUT', `/api/v1/advice/${d.id}/items/${item.id}/response`, {
      token: w.tokens.official,
      body: { text: 'Een nieuw antwoord, zojuist bewaard.', status: item.kind === 'question' ? 'answered' : 'adopted', version: 0 },
    });
    expect(saved.status).toBe(200);
    const before = itemRows.length;
    const after = await readDossier(db, w, d.id);
    expect(itemRows.slice(before)).toEqual([d.items.length]);
    expect(after.items[0].response).toMatchObject({ text: 'Een nieuw antwoord, zojuist bewaard.', version: 1 });
    const html = await readPage(db, cookie, d.id);
    expect(textOf(html)).toContain('Een nieuw antwoord, zojuist bewaard.');
    expect(textOf(html)).toContain(`1 van ${d.items.length}`);
  });

  it('changes made behind the app’s back (plain SQL) are seen at once, in the page and the JSON', async () => {
    const w = await createWorld('DCC');
    const d = await submittedDossier(w);
    await answerAll(w, d);
    const cookie = await signInByMail(`official@${w.slug}.example`);
    const { db } = recordingD1();
    const before = await readDossier(db, w, d.id);
    await readPage(db, cookie, d.id);
    const officialId = before.items[0].response.updatedBy.id as string;

    // The page is read first each time, so that it cannot profit from the JSON read warming the entry.
    let r0 = await revision(d.id);
    await env.DB.prepare('UPDATE responses SET text = ? WHERE item_id = ?').bind('Rechtstreeks gewijzigd.', d.items[0].id).run();
    expect(await revision(d.id)).not.toBe(r0);
    expect(textOf(await readPage(db, cookie, d.id))).toContain('Rechtstreeks gewijzigd.');
    expect((await readDossier(db, w, d.id)).items[0].response.text).toBe('Rechtstreeks gewijzigd.');

    // The name of the user shown as the last to change a response.
    r0 = await revision(d.id);
    await env.DB.prepare('UPDATE users SET name = ? WHERE id = ?').bind('Nieuwe Naam', officialId).run();
    expect(await revision(d.id)).not.toBe(r0);
    expect(textOf(await readPage(db, cookie, d.id))).toContain('Laatst gewijzigd door Nieuwe Naam');
    expect((await readDossier(db, w, d.id)).items.every((i: { response: { updatedBy: { name: string } } }) => i.response.updatedBy.name === 'Nieuwe Naam')).toBe(true);

    r0 = await revision(d.id);
    await env.DB.prepare('DELETE FROM responses WHERE item_id = ?').bind(d.items[1].id).run();
    expect(await revision(d.id)).not.toBe(r0);
    expect((await readDossier(db, w, d.id)).items[1].response).toBeNull();

    r0 = await revision(d.id);
    await env.DB.prepare('UPDATE advice_items SET text = ? WHERE id = ?').bind('Anders geformuleerd.', d.items[2].id).run();
    expect(await revision(d.id)).not.toBe(r0);
    expect(textOf(await readPage(db, cookie, d.id))).toContain('Anders geformuleerd.');
    expect((await readDossier(db, w, d.id)).items[2].text).toBe('Anders geformuleerd.');

    r0 = await revision(d.id);
    await env.DB.prepare(
      "INSERT INTO advice_items (id, advice_id, position, kind, number, section, text) VALUES (?, ?, 99, 'question', 99, NULL, 'Later toegevoegd.')",
    )
      .bind(crypto.randomUUID(), d.id)
      .run();
    expect(await revision(d.id)).not.toBe(r0);
    const grown = await readDossier(db, w, d.id);
    expect(grown.items).toHaveLength(d.items.length + 1);
    expect(grown.items.at(-1).text).toBe('Later toegevoegd.');
  });

  it('a change to one dossier leaves the others’ revisions alone', async () => {
    const w = await createWorld('DCD');
    const [a, b] = [await submittedDossier(w), await submittedDossier(w)];
    const [ra, rb] = [await revision(a.id), await revision(b.id)];
    await answerAll(w, a);
    expect(await revision(a.id)).not.toBe(ra);
    expect(await revision(b.id)).toBe(rb);
  });

  it('the page’s item list follows the viewer: editors for an official, read-only for an admin', async () => {
    const w = await createWorld('DCE');
    const d = await submittedDossier(w);
    await answerAll(w, d);
    const { db } = recordingD1();
    const official = await signInByMail(`official@${w.slug}.example`);
    const admin = await signInByMail(`admin@${w.slug}.example`);
    for (let round = 0; round < 2; round++) {
      const asOfficial = await readPage(db, official, d.id);
      const asAdmin = await readPage(db, admin, d.id);
      expect(asOfficial.match(/<textarea/g)).toHaveLength(d.items.length);
      expect(asAdmin).not.toContain('<textarea');
      expect(textOf(asAdmin)).toContain('Reactie op question.');
    }
  });

  it('held items never answer for someone who may not see the dossier', async () => {
    const w = await createWorld('DCF');
    const other = await createWorld('DCG');
    const d = await submittedDossier(w);
    const { db } = recordingD1();
    await readDossier(db, w, d.id);
    const res = await fetchWith(db, 'GET', `/api/v1/advice/${d.id}`, { token: other.tokens.official });
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain(d.items[0].id);
    // And a council member of the same organisation still sees the dossier only as the policy allows.
    const member = await addUser(w, 'council_member', w.councilId, 'Lid Twee');
    const asMember = await fetchWith(db, 'GET', `/api/v1/advice/${d.id}`, { token: member.token });
    expect(asMember.status).toBe(200);
    expect(asMember.body.items.map((i: { id: string }) => i.id)).toEqual(d.items.map((i) => i.id));
  });

  it('a dossier that moved on shows its new state although its items did not change', async () => {
    const w = await createWorld('DCH');
    const d = await dossierIn(w, 'in_progress');
    const { db } = recordingD1();
    expect((await readDossier(db, w, d.id)).status).toBe('in_progress');
    const requested = await api('POST', `/api/v1/advice/${d.id}/request-approval`, { token: w.tokens.official });
    expect(requested.status).toBe(200);
    expect((await readDossier(db, w, d.id)).status).toBe('in_review');
  });
});

describe('the limits of what an isolate holds', () => {
  const MB = 1024 * 1024;
  const bytes = (n: number) => () => new Uint8Array(n);

  it('counts what an entry grows by and lets the least recently used go past 16 MB', () => {
    const ids = Array.from({ length: 5 }, () => crypto.randomUUID());
    for (const id of ids) keepItems(id, 'r1', '[]').fragment('page', bytes(3.5 * MB));
    // 5 × 3.5 MB is past 16 MB: the oldest went, the newest are held.
    expect(heldItems(ids[0])).toBeUndefined();
    expect(heldItems(ids[4])?.revision).toBe('r1');
    expect(heldItems(ids[3])?.revision).toBe('r1');
  });

  it('builds a part too big for one dossier’s share each time, and holds nothing of it', () => {
    const id = crypto.randomUUID();
    const entry = keepItems(id, 'r1', '[]');
    let builds = 0;
    const build = () => (builds++, new Uint8Array(5 * MB));
    entry.fragment('page', build);
    entry.fragment('page', build);
    expect(builds).toBe(2);
    // A small part is held: built once.
    let small = 0;
    entry.fragment('other', () => (small++, new Uint8Array(10)));
    entry.fragment('other', () => (small++, new Uint8Array(10)));
    expect(small).toBe(1);
    expect(heldItems(id)).toBe(entry);
  });
});

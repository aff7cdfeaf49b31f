/**
 * Passkeys: approvers and admins register one at their first sign-in and must use it to sign in
 * and to sign a letter. The ceremonies run against the real verification code with a software
 * authenticator (test/webauthn.ts): real ES256 keys, authenticator data and signatures.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { createApp } from '../worker/app';
import { api, createWorld, type World, approverOf, auditOf, inReviewDossier, authenticatorOf, completePasskey, formValues, sessionCookie, signInByLink, signInByMail, textOf, web, SoftAuthenticator, pageOptions, ORIGIN, fetchWith, probeD1, developmentEnv } from './support';
import { fromBase64Url, sha256Hex, toBase64Url } from '../worker/lib/crypto';
import { approveAdvice } from '../worker/services/approval';
import { buildSnapshot } from '../worker/services/letter-snapshot';
import { loadAdvice } from '../worker/services/dossier-read';
import { letterContentHash } from '../worker/services/passkeys';
import { mailContext } from '../worker/services/mail-context';
import { createDb } from '../worker/db';

const emailOf = (w: World, role: string) => `${role}@${w.slug}.example`;
const status = async (w: World, id: string) => (await api('GET', `/api/v1/advice/${id}`, { token: w.tokens.official })).body;

describe('the passkey step at sign-in', () => {
  it('keeps an approver without a passkey from every staff page until one is registered', async () => {
    const w = await createWorld('PKR');
    const d = await inReviewDossier(w);
    const pending = await signInByLink(emailOf(w, 'approver'));
    for (const path of ['/', '/adviezen', `/adviezen/${d.id}`, `/adviezen/${d.id}/ondertekenen`, '/inloggen']) {
      const res = await web('GET', path, { cookie: pending });
      expect(res.status, path).toBe(303);
      expect(res.location, path).toBe('/inloggen/passkey');
    }
    const posted = await web('POST', `/adviezen/${d.id}/terugsturen`, { cookie: pending, form: { comment: 'Graag aanvullen.' } });
    expect(posted.status).toBe(403);
    expect(textOf(posted.html)).toContain('Bevestig eerst uw inlog met uw passkey');
    expect((await status(w, d.id)).status).toBe('in_review');

    const step = await web('GET', '/inloggen/passkey', { cookie: pending });
    expect(step.status).toBe(200);
    const text = textOf(step.html);
    expect(text).toContain('Passkey instellen');
    expect(text).toContain('Wat is een passkey?');
    expect(step.html).toContain('action="/inloggen/passkey/registreren"');
    expect(step.html).toMatch(/<script nonce="[^"]+" src="\/assets\/passkey.js"/);
    const options = pageOptions(step.html);
    expect(options.rp.id).toBe('app.test');
    expect(options.user.name).toBe(emailOf(w, 'approver'));

    // Refused: another origin, no user verification, no answer at all. Each try spends its challenge.
    const device = new SoftAuthenticator(ORIGIN);
    const phished = await web('POST', '/inloggen/passkey/registreren', { cookie: pending, form: { credential: await device.register(options, { origin: 'https://app-test.example' }) } });
    expect(phished.status).toBe(400);
    expect(textOf(phished.html)).toContain('De passkey kon niet worden ingesteld');
    const again = pageOptions(phished.html);
    const unverified = await web('POST', '/inloggen/passkey/registreren', { cookie: pending, form: { credential: await device.register(again, { userVerified: false }) } });
    expect(unverified.status).toBe(400);
    expect((await web('POST', '/inloggen/passkey/registreren', { cookie: pending, form: { credential: '' } })).status).toBe(400);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM passkeys WHERE user_id = ?').bind(w.ids.approver).first('n')).toBe(0);

    // Registered: a new, full session; the pending one is gone.
    const fresh = pageOptions((await web('GET', '/inloggen/passkey', { cookie: pending })).html);
    const done = await web('POST', '/inloggen/passkey/registreren', { cookie: pending, form: { credential: await device.register(fresh) } });
    expect(done.status).toBe(303);
    const full = sessionCookie(done.setCookie);
    expect(full).not.toBe(pending);
    expect((await web('GET', '/adviezen', { cookie: full })).status).toBe(200);
    expect((await web('GET', '/adviezen', { cookie: pending })).location).toBe('/inloggen');
    const stored = await env.DB.prepare('SELECT id, public_key, transports FROM passkeys WHERE user_id = ?').bind(w.ids.approver).first<Record<string, string>>();
    expect(stored).toMatchObject({ id: device.credentialId, transports: '["internal"]' });
    expect((await auditOf(w.ids.approver)).map((a) => a.action)).toContain('passkey.register');
    // No challenge outlives its ceremony.
    expect(await env.DB.prepare('SELECT count(*) AS n FROM webauthn_challenges WHERE user_id = ?').bind(w.ids.approver).first('n')).toBe(0);
  });

  it('asks for the passkey at every later sign-in, and refuses anything but a fresh assertion with it', async () => {
    const w = await createWorld('PKA');
    const email = emailOf(w, 'admin');
    await signInByMail(email); // registers the admin's passkey
    const device = authenticatorOf(email)!;

    const pending = await signInByLink(email);
    expect((await web('GET', `/organisaties/${w.slug}/beheer`, { cookie: pending })).location).toBe('/inloggen/passkey');
    const step = await web('GET', '/inloggen/passkey', { cookie: pending });
    expect(textOf(step.html)).toContain('Inloggen met passkey');
    expect(textOf(step.html)).toContain('Passkey kwijt?');
    const options = pageOptions(step.html);
    expect(options.allowCredentials!.map((c) => c.id)).toEqual([device.credentialId]);

    // With the link alone, no second passkey can be added beside the first.
    const intruder = new SoftAuthenticator(ORIGIN);
    const added = await web('POST', '/inloggen/passkey/registreren', { cookie: pending, form: { credential: await intruder.register({ ...options, rp: { id: 'app.test', name: 'x' }, user: { id: 'x', name: 'x' } }) } });
    expect(added.status).toBe(409);
    expect(textOf(added.html)).toContain('U heeft al een passkey');

    // Another device's key is not this user's passkey.
    const foreign = await web('POST', '/inloggen/passkey', { cookie: pending, form: { credential: await intruder.assert(pageOptions(added.html)) } });
    expect(foreign.status).toBe(403);
    expect(textOf(foreign.html)).toContain('Uw passkey kon niet worden bevestigd');

    // A challenge is spent by its first try: the same answer twice is refused the second time.
    const opts = pageOptions(foreign.html);
    const broken = JSON.parse(await device.assert(opts));
    broken.response.signature = toBase64Url(new Uint8Array(70));
    expect((await web('POST', '/inloggen/passkey', { cookie: pending, form: { credential: JSON.stringify(broken) } })).status).toBe(403);
    const replay = await device.assert(opts);
    expect((await web('POST', '/inloggen/passkey', { cookie: pending, form: { credential: replay } })).status).toBe(403);

    // An expired challenge is refused.
    const late = pageOptions((await web('GET', '/inloggen/passkey', { cookie: pending })).html);
    await env.DB.prepare('UPDATE webauthn_challenges SET expires_at = ? WHERE user_id = ?').bind(Date.now() - 1, w.ids.admin).run();
    expect((await web('POST', '/inloggen/passkey', { cookie: pending, form: { credential: await device.assert(late) } })).status).toBe(403);

    // A challenge of another session (the same user in another browser) is not this session's.
    const otherBrowser = await signInByLink(email);
    const theirs = pageOptions((await web('GET', '/inloggen/passkey', { cookie: otherBrowser })).html);
    expect((await web('POST', '/inloggen/passkey', { cookie: pending, form: { credential: await device.assert(theirs) } })).status).toBe(403);

    const full = await completePasskey(email, pending);
    expect((await web('GET', `/organisaties/${w.slug}/beheer`, { cookie: full })).status).toBe(200);
    const row = await env.DB.prepare('SELECT counter, last_used_at FROM passkeys WHERE id = ?').bind(device.credentialId).first<{ counter: number; last_used_at: string }>();
    expect(row!.counter).toBe(device.counter);
    expect(row!.last_used_at).toMatch(/^\d{4}-/);
  });

  it('sends a visitor who came by IP address to localhost, where passkeys work', async () => {
    const w = await createWorld('PKI');
    const pending = await signInByLink(emailOf(w, 'approver'));
    // Only in local development (npm start, no PUBLIC_URL): a deployment refuses any other host than its own.
    const ctx = createExecutionContext();
    const request = new Request('http://127.0.0.1:8787/inloggen/passkey', { headers: { cookie: pending, accept: 'text/html' } });
    const res = await createApp().fetch(request, { ...developmentEnv, PUBLIC_URL: undefined }, ctx);
    await waitOnExecutionContext(ctx);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(textOf(html)).toContain('Passkeys werken niet op een IP-adres. Open Wederwoord via http://localhost:8787/inloggen');
    expect(html).not.toContain('webauthn-options');
  });

  it('leaves officials and council members with the e-mail link alone', async () => {
    const w = await createWorld('PKN');
    for (const role of ['official', 'council_member', 'council_secretary']) {
      const cookie = await signInByLink(emailOf(w, role));
      expect((await web('GET', '/', { cookie })).location, role).toBe('/adviezen');
      expect((await web('GET', '/inloggen/passkey', { cookie })).location, role).toBe('/');
    }
    expect((await web('GET', '/inloggen/passkey')).location).toBe('/inloggen');
  });

  it('lets an admin remove a lost passkey: the user’s sessions end and a new one is set up at the next sign-in', async () => {
    const w = await createWorld('PKL');
    const email = emailOf(w, 'approver');
    const approver = await signInByMail(email);
    const admin = await signInByMail(emailOf(w, 'admin'));
    const userPage = await web('GET', `/organisaties/${w.slug}/beheer/gebruikers/${w.ids.approver}`, { cookie: admin });
    expect(textOf(userPage.html)).toContain('Passkeys verwijderen');
    const removed = await web('POST', `/organisaties/${w.slug}/beheer/gebruikers/${w.ids.approver}/passkeys`, { cookie: admin });
    expect(removed.status).toBe(303);
    expect(textOf((await web('GET', removed.location!, { cookie: admin })).html)).toContain('De passkeys zijn verwijderd.');
    expect(await env.DB.prepare('SELECT count(*) AS n FROM passkeys WHERE user_id = ?').bind(w.ids.approver).first('n')).toBe(0);
    expect((await web('GET', '/adviezen', { cookie: approver })).location).toBe('/inloggen');
    const pending = await signInByLink(email);
    expect(textOf((await web('GET', '/inloggen/passkey', { cookie: pending })).html)).toContain('Passkey instellen');
    expect((await auditOf(w.ids.approver)).map((a) => a.action)).toContain('passkey.remove');
    // Through the API too (an admin's token), for another organisation's user 404.
    expect((await api('DELETE', `/api/v1/organisations/${w.slug}/users/${w.ids.approver2}/passkeys`, { token: w.tokens.admin })).status).toBe(204);
    const other = await createWorld('PKM');
    expect((await api('DELETE', `/api/v1/organisations/${w.slug}/users/${other.ids.approver}/passkeys`, { token: w.tokens.admin })).status).toBe(404);
    // Officials do not see the section.
    expect(textOf((await web('GET', `/organisaties/${w.slug}/beheer/gebruikers/${w.ids.official}`, { cookie: admin })).html)).not.toContain('Passkeys verwijderen');
  });

  it('signing out ends a session that was still waiting for its passkey', async () => {
    const w = await createWorld('PKO');
    const pending = await signInByLink(emailOf(w, 'approver'));
    const out = await web('POST', '/uitloggen', { cookie: pending });
    expect(out.location).toBe('/inloggen?uitgelogd');
    expect(await env.DB.prepare('SELECT count(*) AS n FROM sessions WHERE user_id = ?').bind(w.ids.approver).first('n')).toBe(0);
  });
});

describe('signing a letter with a passkey (what you see is what you sign)', () => {
  async function setup(prefix: string) {
    const w = await createWorld(prefix);
    const d = await inReviewDossier(w);
    const email = emailOf(w, 'approver');
    const cookie = await signInByMail(email);
    const device = authenticatorOf(email)!;
    const confirm = async (id = d.id) => {
      const res = await web('GET', `/adviezen/${id}/ondertekenen`, { cookie });
      expect(res.status).toBe(200);
      return { html: res.html, options: pageOptions(res.html), contentHash: formValues(res.html, `/adviezen/${id}/ondertekenen`).contentHash };
    };
    const sign = (form: Record<string, string>, id = d.id) => web('POST', `/adviezen/${id}/ondertekenen`, { cookie, form });
    return { w, d, cookie, device, confirm, sign };
  }

  const nothingSigned = async (w: World, id: string) => {
    const now = await status(w, id);
    expect(now.status).toBe('in_review');
    expect(now.letter).toBeNull();
    expect((await auditOf(id)).map((a) => a.action)).not.toContain('advice.approve');
  };

  it('shows the letter and its content hash, with a challenge bound to this dossier and that hash', async () => {
    const { d, confirm } = await setup('SGA');
    const page = await confirm();
    expect(page.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(textOf(page.html)).toContain(page.contentHash);
    expect(page.html).toContain(`src="/adviezen/${d.id}/brief.html"`);
    expect(textOf(page.html)).toContain('De brief die u ondertekent');
    // The challenge's last 32 bytes are SHA-256("sign:<id>:<hash>"): the signature covers the content.
    const bytes = fromBase64Url(page.options.challenge);
    expect(bytes.length).toBe(64);
    const binding = await sha256Hex(`sign:${d.id}:${page.contentHash}`);
    expect([...bytes.slice(32)].map((b) => b.toString(16).padStart(2, '0')).join('')).toBe(binding);
  });

  it('costs at most 3 D1 round trips for the confirmation page of a dossier in review', async () => {
    const { d, cookie } = await setup('SGR');
    const probe = probeD1(env.DB);
    const res = await fetchWith(probe.db, 'GET', `/adviezen/${d.id}/ondertekenen`, { headers: { cookie, accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(probe.calls.length).toBeLessThanOrEqual(3);
  });

  it('refuses a signing without an assertion, and signs nothing', async () => {
    const { w, d, confirm, sign } = await setup('SGN');
    const { contentHash } = await confirm();
    for (const form of [{ contentHash }, { contentHash, credential: "" }, { contentHash, credential: '{"id":"x"}' }, {}] as Record<string, string>[]) {
      const res = await sign(form);
      expect(res.status).toBe(403);
      expect(textOf(res.html)).toContain('Er is niets ondertekend');
    }
    await nothingSigned(w, d.id);
  });

  it('refuses an assertion for another dossier, a stale or replayed challenge, and another content hash', async () => {
    const { w, d, device, confirm, sign } = await setup('SGX');
    const other = await inReviewDossier(w);

    // The challenge of another dossier's page.
    const mine = await confirm();
    const theirs = await confirm(other.id);
    expect((await sign({ contentHash: mine.contentHash, credential: await device.assert(theirs.options) })).status).toBe(403);

    // A challenge that a newer page of the same dossier replaced.
    const first = await confirm();
    await confirm();
    expect((await sign({ contentHash: first.contentHash, credential: await device.assert(first.options) })).status).toBe(403);

    // A replay: the first (failed) try spent the challenge.
    const page = await confirm();
    const answer = await device.assert(page.options);
    const tampered = JSON.parse(answer);
    tampered.response.signature = toBase64Url(new Uint8Array(70));
    expect((await sign({ contentHash: page.contentHash, credential: JSON.stringify(tampered) })).status).toBe(403);
    expect((await sign({ contentHash: page.contentHash, credential: answer })).status).toBe(403);

    // The content changed after the page was shown (new signatories): 409, and the new letter to read.
    const shown = await confirm();
    const patched = await api('PATCH', `/api/v1/organisations/${w.slug}`, { token: w.tokens.admin, body: { signatories: [{ title: 'de burgemeester', name: 'Z. Nieuw' }] } });
    expect(patched.status).toBe(200);
    const changed = await sign({ contentHash: shown.contentHash, credential: await device.assert(shown.options) });
    expect(changed.status).toBe(409);
    expect(textOf(changed.html)).toContain('de brief is gewijzigd sinds u deze pagina opende');
    expect(textOf(changed.html)).toContain('Z. Nieuw');
    const newHash = formValues(changed.html, `/adviezen/${d.id}/ondertekenen`).contentHash;
    expect(newHash).not.toBe(shown.contentHash);

    // Claiming the new hash with an assertion for the old hash's challenge does not help either.
    // (The current hash is read in another approver's session, so that this session's challenge stays.)
    const stale = await confirm();
    await api('PATCH', `/api/v1/organisations/${w.slug}`, { token: w.tokens.admin, body: { signatories: [{ title: 'de burgemeester', name: 'Y. Later' }] } });
    const colleague = await signInByMail(emailOf(w, 'approver2'));
    const seen = await web('GET', `/adviezen/${d.id}/ondertekenen`, { cookie: colleague });
    const currentHash = formValues(seen.html, `/adviezen/${d.id}/ondertekenen`).contentHash;
    expect(currentHash).not.toBe(stale.contentHash);
    expect((await sign({ contentHash: currentHash, credential: await device.assert(stale.options) })).status).toBe(403);
    await nothingSigned(w, d.id);
  });

  it('refuses, at the approval itself, a snapshot that is not the content the request asserted', async () => {
    const { w, d } = await setup('SGS');
    const db = createDb(env.DB);
    const row = (await loadAdvice(db, d.id))!;
    const approver = approverOf(w, 'session');
    let stored = false;
    const storeLetter = async () => {
      stored = true;
      return { sha256: '0'.repeat(64), pages: 1 };
    };
    // A web session never signs without an asserted content hash, whatever route calls the approval.
    await expect(approveAdvice(db, approver, row, storeLetter, mailContext(env))).rejects.toMatchObject({ status: 403 });
    expect(stored).toBe(false);
    // An assertion verified for other content than the dossier has now signs nothing.
    const other = await sha256Hex('other content');
    await expect(approveAdvice(db, approver, row, storeLetter, mailContext(env), { contentHash: other, credentialId: 'asserted' })).rejects.toMatchObject({ status: 409 });
    expect(stored).toBe(false);
    await nothingSigned(w, d.id);
    // The content as shown: the same call signs.
    const { snapshot } = await buildSnapshot(db, d.id);
    await approveAdvice(db, approver, row, storeLetter, mailContext(env), { contentHash: await letterContentHash(snapshot), credentialId: 'asserted' });
    expect(stored).toBe(true);
    expect((await status(w, d.id)).status).toBe('signed');
  });

  it('signs with a fresh assertion for exactly the letter shown, and records it', async () => {
    const { w, d, device, confirm, sign } = await setup('SGY');
    const page = await confirm();
    const res = await sign({ contentHash: page.contentHash, credential: await device.assert(page.options) });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/adviezen/${d.id}?ondertekend`);
    const now = await status(w, d.id);
    expect(now.status).toBe('signed');
    expect(now.letter.sha256).toMatch(/^[0-9a-f]{64}$/);
    const audit = await auditOf(d.id);
    const assertion = audit.find((a) => a.action === 'advice.sign-assertion')!;
    expect(JSON.parse(assertion.detail!)).toEqual({ credentialId: device.credentialId, contentSha256: page.contentHash });
    expect(audit.map((a) => a.action).slice(-2)).toEqual(['advice.sign-assertion', 'advice.approve']);
  });
});

/**
 * The page walk: every page of the app, per role, in one list. A page joins with one line in
 * `PAGES` (a name, the roles that see it, its address in the seeded world, or a `reach` that
 * posts a form to get there); the data it shows, if new, goes into `seedWorld` and `World`. The
 * walk (test/browser/reflow.test.ts) signs in as each role and checks every page that role sees.
 *
 * The world is seeded through the public API with the long words Dutch government text is made
 * of (compound nouns, long council names, reference numbers, URLs, e-mail addresses), with one
 * dossier in every state.
 */
import type { Browser, Page } from 'playwright-core';
import type { DevServer } from './server';
import { addPasskeyDevice, person, type Person } from './support';

export type Role = 'visitor' | 'member' | 'secretary' | 'official' | 'approver' | 'admin';
export const ROLES: readonly Role[] = ['visitor', 'member', 'secretary', 'official', 'approver', 'admin'];

export type World = {
  slug: string;
  users: Record<Exclude<Role, 'visitor'>, { id: string; name: string; email: string }>;
  councilId: string;
  /** One dossier per state; `inProgress` was returned once by the approver (its comment shows). */
  dossiers: { draft: string; submitted: string; inProgress: string; inReview: string; signed: string; sent: string };
  /** The signed letter of `signed`: its reference and SHA-256, for /verify. */
  signedLetter: { reference: string; sha256: string };
  /** The id of a sent letter's mail (with its PDF) in the local outbox. */
  mails: { letter: string };
  /** API tokens, for pages that need someone else to act first (a conflict). */
  tokens: Record<Exclude<Role, 'visitor'>, string>;
  /** A letter the official read in (issue 14), not yet registered, and a dossier registered from another. */
  imports: { letter: string; registered: string };
  /** Consultations: open (remarks, some answered), in review, sent. */
  consultations: { open: string; inReview: string; sent: string };
};

export type Stop = {
  name: string;
  roles: readonly Role[];
  /** The page's address in this world; or `reach` when only a form post gets there. */
  path?: (w: World) => string;
  /** Gets `page` to the page (a form posted, a link followed); used instead of `path`. */
  reach?: (page: Page, w: World, base: string) => Promise<void>;
  /** The HTTP status the page answers with (default: below 400). */
  status?: number;
};

const STAFF: readonly Role[] = ['official', 'approver', 'admin'];
const SIGNED_IN: readonly Role[] = ['member', 'secretary', ...STAFF];
const COUNCIL: readonly Role[] = ['member', 'secretary'];
const admin = (w: World) => `/organisaties/${w.slug}/beheer`;

/** Every page, with who sees it. New pages join here with one line. */
export const PAGES: Stop[] = [
  // Signed out
  { name: 'inloggen', roles: ['visitor'], path: () => '/inloggen' },
  { name: 'uitgelogd', roles: ['visitor'], path: () => '/inloggen?uitgelogd' },
  { name: 'inloggen-fout', roles: ['visitor'], reach: (p) => postSignIn(p, 'geen-adres'), status: 422 },
  { name: 'inloglink-verstuurd', roles: ['visitor'], reach: (p, w) => postSignIn(p, w.users.member.email) },
  { name: 'inloggen-bevestigen', roles: ['visitor'], reach: (p, w, base) => followSignInLink(p, w.users.secretary.email, base) },
  { name: 'controleren', roles: ['visitor'], path: () => '/verify' },
  { name: 'controleren-echt', roles: ['visitor'], path: (w) => `/verify?reference=${w.signedLetter.reference}&sha256=${w.signedLetter.sha256}` },
  { name: 'controleren-onbekend', roles: ['visitor'], path: () => `/verify?reference=XYZ-2026-99999&sha256=${'0'.repeat(64)}` },
  { name: 'postvak', roles: ['visitor'], path: () => '/dev/outbox' },
  { name: 'postvak-brief', roles: ['visitor'], path: (w) => `/dev/outbox/${w.mails.letter}` },
  { name: 'niet-gevonden', roles: ['visitor', ...SIGNED_IN], path: () => '/bestaat-niet', status: 404 },
  { name: 'sessie-verlopen', roles: ['visitor'], reach: postWithoutSession, status: 401 },
  // Everyone signed in
  { name: 'adviezen', roles: SIGNED_IN, path: () => '/adviezen' },
  { name: 'dossier-niet-gevonden', roles: SIGNED_IN, path: () => '/adviezen/00000000-0000-4000-8000-000000000000', status: 404 },
  { name: 'geen-toegang', roles: ['member', 'secretary', 'official', 'approver'], path: admin, status: 403 },
  // The council
  { name: 'nieuw-advies', roles: COUNCIL, path: () => '/adviezen/nieuw' },
  { name: 'nieuw-advies-fouten', roles: ['member'], reach: postEmptyAdvice, status: 422 },
  { name: 'concept', roles: COUNCIL, path: (w) => `/adviezen/${w.dossiers.draft}` },
  { name: 'concept-bewerken', roles: COUNCIL, path: (w) => `/adviezen/${w.dossiers.draft}/bewerken` },
  { name: 'indienen', roles: ['secretary'], path: (w) => `/adviezen/${w.dossiers.draft}/indienen` },
  { name: 'ingediend', roles: COUNCIL, path: (w) => `/adviezen/${w.dossiers.submitted}?ingediend` },
  { name: 'in-behandeling', roles: COUNCIL, path: (w) => `/adviezen/${w.dossiers.inProgress}` },
  { name: 'verzonden', roles: COUNCIL, path: (w) => `/adviezen/${w.dossiers.sent}` },
  { name: 'brief-verzonden', roles: COUNCIL, path: (w) => `/adviezen/${w.dossiers.sent}/brief.html` },
  // The municipality
  { name: 'dossier-ingediend', roles: STAFF, path: (w) => `/adviezen/${w.dossiers.submitted}` },
  { name: 'dossier-beantwoorden', roles: STAFF, path: (w) => `/adviezen/${w.dossiers.inProgress}` },
  { name: 'reactie-fout', roles: ['official'], reach: saveEmptyResponse, status: 422 },
  { name: 'reactie-conflict', roles: ['official', 'approver'], reach: saveStaleResponse, status: 409 },
  { name: 'goedkeuring-gevraagd', roles: ['official'], path: (w) => `/adviezen/${w.dossiers.inReview}?goedkeuring` },
  { name: 'dossier-ter-goedkeuring', roles: STAFF, path: (w) => `/adviezen/${w.dossiers.inReview}` },
  { name: 'terugsturen-fout', roles: ['approver'], reach: returnWithoutComment, status: 422 },
  { name: 'ondertekenen', roles: ['approver'], path: (w) => `/adviezen/${w.dossiers.inReview}/ondertekenen` },
  { name: 'dossier-ondertekend', roles: STAFF, path: (w) => `/adviezen/${w.dossiers.signed}?ondertekend` },
  { name: 'dossier-verzonden', roles: STAFF, path: (w) => `/adviezen/${w.dossiers.sent}` },
  { name: 'brief-concept', roles: STAFF, path: (w) => `/adviezen/${w.dossiers.inReview}/brief.html` },
  { name: 'brief-ondertekend', roles: STAFF, path: (w) => `/adviezen/${w.dossiers.signed}/brief.html` },
  // The public archive (Woo): the sent dossier is public; the staff decide on every dossier page.
  { name: 'openbaar', roles: ['visitor'], path: (w) => `/openbaar/${w.slug}` },
  { name: 'openbaar-zoeken', roles: ['visitor'], path: (w) => `/openbaar/${w.slug}?q=toegankelijkheidsvoorz` },
  { name: 'openbaar-niets-gevonden', roles: ['visitor'], path: (w) => `/openbaar/${w.slug}?q=onvindbaarwoord` },
  { name: 'openbaar-dossier', roles: ['visitor'], path: (w) => `/openbaar/${w.slug}/${w.dossiers.sent}` },
  { name: 'openbaar-advies', roles: ['visitor'], path: (w) => `/openbaar/${w.slug}/${w.dossiers.sent}/advies` },
  { name: 'openbaar-niet-gevonden', roles: ['visitor'], path: (w) => `/openbaar/${w.slug}/${w.dossiers.signed}`, status: 404 },
  { name: 'openbaarmaking-fout', roles: ['official', 'approver'], reach: withholdWithoutReason, status: 422 },
  // The overview of figures: this year, all years, and a period the wrong way round.
  { name: 'overzicht', roles: SIGNED_IN, path: () => '/overzicht' },
  { name: 'overzicht-alle-jaren', roles: ['member', 'official'], path: () => '/overzicht?van=&tot=' },
  { name: 'overzicht-fout', roles: ['approver'], path: () => '/overzicht?van=2026-12-31&tot=2026-01-01', status: 422 },
  // The organisation's admin
  { name: 'beheer-organisatie', roles: ['admin'], path: admin },
  { name: 'beheer-adviesraden', roles: ['admin'], path: (w) => `${admin(w)}/adviesraden` },
  { name: 'beheer-adviesraad-nieuw', roles: ['admin'], path: (w) => `${admin(w)}/adviesraden/nieuw` },
  { name: 'beheer-adviesraad-fout', roles: ['admin'], reach: (p, w) => postEmptyForm(p, `${admin(w)}/adviesraden/nieuw`), status: 422 },
  { name: 'beheer-adviesraad', roles: ['admin'], path: (w) => `${admin(w)}/adviesraden/${w.councilId}` },
  { name: 'beheer-gebruikers', roles: ['admin'], path: (w) => `${admin(w)}/gebruikers` },
  { name: 'beheer-gebruiker-nieuw', roles: ['admin'], path: (w) => `${admin(w)}/gebruikers/nieuw` },
  { name: 'beheer-gebruiker-fout', roles: ['admin'], reach: (p, w) => postEmptyForm(p, `${admin(w)}/gebruikers/nieuw`), status: 422 },
  { name: 'beheer-gebruiker', roles: ['admin'], path: (w) => `${admin(w)}/gebruikers/${w.users.secretary.id}` },
  // Advice that arrives as a letter (issue 14)
  { name: 'registreren', roles: ['official'], path: () => '/adviezen/registreren' },
  { name: 'registreren-fout', roles: ['official'], reach: (p) => postEmptyForm(p, '/adviezen/registreren', 'Brief inlezen'), status: 422 },
  { name: 'registreren-controleren', roles: ['official'], path: (w) => `/adviezen/registreren/${w.imports.letter}` },
  { name: 'registreren-fouten', roles: ['official'], reach: registerWithoutTitle, status: 422 },
  { name: 'geregistreerd', roles: SIGNED_IN, path: (w) => `/adviezen/${w.imports.registered}?geregistreerd` },
  { name: 'nieuw-advies-uit-document', roles: COUNCIL, reach: adviceFromDocument },
  // Approvers and admins: their own API tokens, each issued after a passkey assertion
  { name: 'api-tokens', roles: ['approver', 'admin'], path: () => '/mijn/api-tokens' },
  { name: 'api-token-nieuw', roles: ['approver', 'admin'], reach: createOwnToken },
  // Consultations
  { name: 'consultaties', roles: SIGNED_IN, path: () => '/consultaties' },
  { name: 'consultatie-nieuw', roles: ['official'], path: () => '/consultaties/nieuw' },
  { name: 'consultatie-nieuw-fouten', roles: ['official'], reach: postEmptyConsultation, status: 422 },
  { name: 'consultatie-open', roles: SIGNED_IN, path: (w) => `/consultaties/${w.consultations.open}` },
  { name: 'opmerkingen-invoeren', roles: ['official'], path: (w) => `/consultaties/${w.consultations.open}/opmerkingen` },
  { name: 'opmerkingen-controleren', roles: ['official'], reach: splitPastedRemarks },
  { name: 'opmerkingen-beantwoorden', roles: ['official', 'approver'], path: (w) => `/consultaties/${w.consultations.open}/beantwoorden` },
  { name: 'opmerkingen-per-onderdeel', roles: ['official'], path: (w) => `/consultaties/${w.consultations.open}/beantwoorden?volgorde=onderdeel&open=1` },
  { name: 'opmerking-conflict', roles: ['official'], reach: saveStaleRemarkResponse, status: 409 },
  { name: 'consultatie-ter-goedkeuring', roles: STAFF, path: (w) => `/consultaties/${w.consultations.inReview}` },
  { name: 'lijst-concept', roles: STAFF, path: (w) => `/consultaties/${w.consultations.inReview}/lijst.html` },
  { name: 'lijst-ondertekenen', roles: ['approver'], path: (w) => `/consultaties/${w.consultations.inReview}/ondertekenen` },
  { name: 'consultatie-verzonden', roles: SIGNED_IN, path: (w) => `/consultaties/${w.consultations.sent}` },
  { name: 'lijst-verzonden', roles: SIGNED_IN, path: (w) => `/consultaties/${w.consultations.sent}/lijst.html` },
  // The sent list in the public archive (Woo); the staff decide on every consultation page.
  { name: 'openbaar-consultaties', roles: ['visitor'], path: (w) => `/openbaar/${w.slug}/consultaties` },
  { name: 'openbaar-lijst', roles: ['visitor'], path: (w) => `/openbaar/${w.slug}/consultaties/${w.consultations.sent}` },
  { name: 'openbaar-lijst-niet-gevonden', roles: ['visitor'], path: (w) => `/openbaar/${w.slug}/consultaties/${w.consultations.inReview}`, status: 404 },
  { name: 'lijst-openbaarmaking-fout', roles: ['official', 'approver'], reach: withholdListWithoutReason, status: 422 },
];

export const pagesFor = (role: Role) => PAGES.filter((s) => s.roles.includes(role));

/** Opens a stop; returns the HTTP status of the page it ends on. */
export async function visitStop(page: Page, stop: Stop, world: World, base: string): Promise<number> {
  if (stop.reach) {
    let status = 0;
    const onResponse = (r: { request(): { isNavigationRequest(): boolean; frame(): unknown }; status(): number }) => {
      if (r.request().isNavigationRequest() && r.request().frame() === page.mainFrame()) status = r.status();
    };
    page.on('response', onResponse);
    try {
      await stop.reach(page, world, base);
      await page.waitForLoadState('load');
    } finally {
      page.off('response', onResponse);
    }
    return status;
  }
  const res = await page.goto(stop.path!(world));
  await page.waitForLoadState('load');
  return res?.status() ?? 0;
}

async function postSignIn(page: Page, email: string) {
  await page.goto('/inloggen');
  await page.getByLabel('E-mailadres').fill(email);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Stuur mij een inloglink' }).click()]);
}

async function followSignInLink(page: Page, email: string, base: string) {
  type Mail = { id: string; to: string[]; subject: string };
  const signInMails = async () =>
    ((await (await fetch(`${base}/api/v1/dev/outbox`)).json()) as { items: Mail[] }).items.filter((m) => m.to.includes(email) && m.subject === 'Uw inloglink voor Wederwoord');
  const before = new Set((await signInMails()).map((m) => m.id));
  await postSignIn(page, email);
  // The mail is queued right after the answer: wait for the new one.
  let mail: Mail | undefined;
  for (let i = 0; i < 100 && !mail; i++) {
    mail = (await signInMails()).find((m) => !before.has(m.id));
    if (!mail) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const { text } = (await (await fetch(`${base}/api/v1/dev/outbox/${mail!.id}`)).json()) as { text: string };
  const link = new URL(text.match(/https?:\/\/\S+\/inloggen\/link\?token=[A-Za-z0-9_-]+/)![0]);
  await page.goto(link.pathname + link.search);
}

/** An approver's or admin's own API token: the passkey (the browser's virtual authenticator) confirms it. */
async function createOwnToken(page: Page) {
  await page.goto('/mijn/api-tokens');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Bevestig met passkey en maak het token aan' }).click()]);
  await page.locator('#new-token').waitFor();
}

async function postEmptyAdvice(page: Page) {
  await page.goto('/adviezen/nieuw');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Opslaan en voorbeeld bekijken' }).click()]);
}

/** A form saved empty: the form again, with its errors. */
async function postEmptyForm(page: Page, path: string, button = 'Opslaan') {
  await page.goto(path);
  await Promise.all([page.waitForNavigation(), page.locator('main form').getByRole('button', { name: button }).click()]);
}

/** The check page of a letter, registered without a title and council: the form again, with its errors. */
async function registerWithoutTitle(page: Page, w: World) {
  await page.goto(`/adviezen/registreren/${w.imports.letter}`);
  await page.locator('[name="title"]').fill('');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Registreren' }).click()]);
}

/** A council member's own letter, pasted: the advice form filled with it. */
async function adviceFromDocument(page: Page) {
  await page.goto('/adviezen/nieuw');
  await page.getByText('Begin met uw eigen document').click();
  await page.getByLabel('Of plak de tekst van de brief').fill(LETTER);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Brief inlezen' }).click()]);
}

/** A session that ran out while writing: the page shows what was typed. */
async function postWithoutSession(page: Page) {
  await page.goto('/inloggen');
  await Promise.all([
    page.waitForNavigation(),
    page.evaluate(() => {
      const d = (globalThis as any).document;
      const form = d.createElement('form');
      form.method = 'post';
      form.action = '/adviezen/nieuw';
      const field = d.createElement('textarea');
      field.name = 'items.0.text';
      field.value = 'Betrek de ervaringsdeskundigenorganisaties bij het meerjarenonderhoudsprogramma: https://www.hardinxveld-giessendam.example/meerjarenonderhoudsprogramma-gemeentelijke-accommodaties';
      form.append(field);
      d.body.append(form);
      form.submit();
    }),
  ]);
}

async function saveEmptyResponse(page: Page, w: World) {
  await page.goto(`/adviezen/${w.dossiers.inProgress}`);
  const item = page.locator('section[id^="item-"]').first();
  await item.locator('textarea').fill('');
  await Promise.all([page.waitForNavigation(), item.getByRole('button', { name: /Reactie opslaan/ }).click()]);
}

/** Someone else saves the first response while this page is open: both versions side by side. */
async function saveStaleResponse(page: Page, w: World, base: string) {
  await page.goto(`/adviezen/${w.dossiers.inProgress}`);
  const api = (method: string, path: string, body?: unknown) =>
    fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${w.tokens.official}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const dossier = (await (await api('GET', `/api/v1/advice/${w.dossiers.inProgress}`)).json()) as { items: { id: string; response: { version: number } }[] };
  const first = dossier.items[0];
  const saved = await api('PUT', `/api/v1/advice/${w.dossiers.inProgress}/items/${first.id}/response`, {
    status: 'answered',
    text: `Intussen aangevuld (versie ${first.response.version + 1}): zie de armoedemonitor 2026.`,
    version: first.response.version,
  });
  if (!saved.ok) throw new Error(`the other save failed: ${saved.status}`);
  const item = page.locator(`#item-${first.id}`);
  await item.locator('textarea').fill('Mijn eigen, langere antwoord over de kindertoeslagregeling en de arbeidsongeschiktheidsuitkering.');
  await Promise.all([page.waitForNavigation(), item.getByRole('button', { name: /Reactie opslaan/ }).click()]);
}

/** Withholding a dossier from publication without a reason: the panel again, the error beside the field. */
async function withholdWithoutReason(page: Page, w: World) {
  await page.goto(`/adviezen/${w.dossiers.sent}`);
  await page.getByRole('radio', { name: 'Niet openbaar maken' }).check();
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Besluit opslaan' }).click()]);
}

/** Withholding a sent list from publication without a reason: the consultation page again, the error beside the field. */
async function withholdListWithoutReason(page: Page, w: World) {
  await page.goto(`/consultaties/${w.consultations.sent}`);
  await page.getByRole('radio', { name: 'Niet openbaar maken' }).check();
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Besluit opslaan' }).click()]);
}

async function postEmptyConsultation(page: Page) {
  await page.goto('/consultaties/nieuw');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Consultatie starten' }).last().click()]);
}

/** An outside body's letter pasted and split: the remarks to check before saving. */
async function splitPastedRemarks(page: Page, w: World) {
  await page.goto(`/consultaties/${w.consultations.open}/opmerkingen`);
  await page.getByLabel('Tekst met opmerkingen').fill(`1. ${LONG.remark}\n2. Hoeveel ervaringsdeskundigenorganisaties nemen deel?`);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Verdelen en controleren' }).click()]);
}

/** Someone else answers the first remark while this page is open: both versions side by side. */
async function saveStaleRemarkResponse(page: Page, w: World, base: string) {
  await page.goto(`/consultaties/${w.consultations.open}/beantwoorden`);
  const api = (method: string, path: string, body?: unknown) =>
    fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${w.tokens.official}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const c = (await (await api('GET', `/api/v1/consultations/${w.consultations.open}`)).json()) as { participants: { remarks: { id: string; number: number; response: { version: number } | null }[] }[] };
  const first = c.participants.flatMap((p) => p.remarks).find((r) => r.number === 1)!;
  const version = first.response?.version ?? 0;
  const saved = await api('PUT', `/api/v1/consultations/${w.consultations.open}/remarks/${first.id}/response`, { text: `Intussen aangevuld (versie ${version + 1}): ${LONG.responses[0].text}`, processing: ['1'], version });
  if (!saved.ok) throw new Error(`the other save failed: ${saved.status}`);
  const block = page.locator('#opmerking-1');
  await block.locator('textarea').fill('Mijn eigen, langere reactie over de toegankelijkheidsvoorzieningen en het meerjarenonderhoudsprogramma.');
  await Promise.all([page.waitForNavigation(), block.getByRole('button', { name: /^Reactie opslaan/ }).click()]);
}

async function returnWithoutComment(page: Page, w: World) {
  await page.goto(`/adviezen/${w.dossiers.inReview}`);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Terugsturen' }).click()]);
}

// ── Signing in as a role ─────────────────────────────────────────────────────────────────────

/**
 * A person signed in as `role` (the demo sign-in of local development). Approvers and admins set up
 * a passkey in Chromium's virtual authenticator; `onPasskeyPage` sees the set-up page, and (the
 * approver signs out and in again) the confirmation page.
 */
export async function signInAs(browser: Browser, base: string, world: World, role: Role, viewport: { width: number; height: number }, onPasskeyPage?: (page: Page, name: string) => Promise<void>): Promise<Person> {
  const who = await person(browser, base, viewport);
  if (role === 'visitor') return who;
  const { page } = who;
  const passkey = role === 'approver' || role === 'admin';
  if (passkey) await addPasskeyDevice(page);
  const demo = async () => {
    await page.goto('/inloggen');
    await page.locator('form[action="/inloggen/demo"]').filter({ has: page.locator(`input[value="${world.users[role].id}"]`) }).getByRole('button').click();
  };
  await demo();
  if (passkey) {
    await page.waitForURL('**/inloggen/passkey');
    await onPasskeyPage?.(page, 'passkey-instellen');
    await page.getByRole('button', { name: 'Passkey instellen' }).click();
    await page.waitForURL('**/adviezen');
    if (role === 'approver') {
      await page.getByRole('button', { name: 'Uitloggen' }).click();
      await page.waitForURL('**/inloggen?uitgelogd');
      await demo();
      await page.waitForURL('**/inloggen/passkey');
      await onPasskeyPage?.(page, 'passkey-bevestigen');
      await page.getByRole('button', { name: 'Bevestigen met passkey' }).click();
    }
  }
  await page.waitForURL('**/adviezen');
  return who;
}

// ── The world ────────────────────────────────────────────────────────────────────────────────

/** A letter as a council would paste it, in the world's long words. */
const LETTER = `Onderwerp: Ongevraagd advies over de toegankelijkheidsvoorzieningen in het accommodatiebeleid

Geacht college,

De adviesraad besprak het meerjarenonderhoudsprogramma van de gemeentelijke accommodaties.

ARBEIDSONGESCHIKTHEIDSVERZEKERINGEN
Vraag 1: Hoeveel huishoudens met een arbeidsongeschiktheidsuitkering maken gebruik van de kindertoeslagregeling?
Advies 1: Betrek de ervaringsdeskundigenorganisaties bij het meerjarenonderhoudsprogramma, zie https://www.hardinxveld-giessendam.example/bestuur/meerjarenonderhoudsprogramma-gemeentelijke-accommodaties.

Met vriendelijke groet,
Adviesraad Sociaal Domein en Cliëntenparticipatie Hardinxveld-Giessendam`;

const LONG = {
  org: 'Gemeente Hardinxveld-Giessendam',
  council: 'Adviesraad Sociaal Domein en Cliëntenparticipatie Hardinxveld-Giessendam',
  title: (what: string) => `Ongevraagd advies over de toegankelijkheidsvoorzieningen in het ${what}`,
  policy: 'Uitvoeringsprogramma Armoedebestrijdingsbeleid en Schuldhulpverleningsondersteuning 2027-2030',
  councilReference: 'ASD/2026/0014-ARMOEDEBESTRIJDINGSBELEID',
  intro:
    'De adviesraad besprak het uitvoeringsprogramma in zijn vergadering. Zie https://www.hardinxveld-giessendam.example/bestuur/beleidsdocumenten/uitvoeringsprogramma-armoedebestrijding-2027-2030.pdf voor het stuk.',
  items: [
    { kind: 'question', section: 'Arbeidsongeschiktheidsverzekeringen', text: 'Hoeveel huishoudens met een arbeidsongeschiktheidsuitkering maken gebruik van de kindertoeslagregeling?' },
    { kind: 'advice', section: 'Arbeidsongeschiktheidsverzekeringen', text: 'Vereenvoudig de aanvraagformulieren voor bijzondere bijstand (blz. 12, "Inkomensondersteuningsmaatregelen").' },
    { kind: 'advice', section: 'Toegankelijkheidsvoorzieningen', text: 'Betrek de ervaringsdeskundigenorganisaties bij het meerjarenonderhoudsprogramma van de gemeentelijke accommodaties.' },
  ],
  remark: 'Betrek de ervaringsdeskundigenorganisaties bij de toegankelijkheidsvoorzieningen van het meerjarenonderhoudsprogramma.',
  responses: [
    { status: 'answered', text: 'Ruim 1.900 huishoudens; zie https://www.hardinxveld-giessendam.example/cijfers/armoedemonitor-2026-tabellenrapportage.' },
    { status: 'partly', text: 'Deels overgenomen: de inkomensondersteuningsmaatregelen worden in het tweede kwartaal vereenvoudigd.' },
    { status: 'adopted', text: 'Overgenomen: de ervaringsdeskundigenorganisaties schuiven aan bij het accommodatiebeleid.' },
  ],
} as const;

export async function seedWorld(server: DevServer): Promise<World> {
  const call = async <T = any>(method: string, path: string, token: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${server.base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<T>;
  };
  const root = server.adminToken;
  const slug = 'hardinxveld-giessendam';
  await call('POST', '/api/v1/organisations', root, {
    slug,
    name: LONG.org,
    letterhead: {
      addressLines: ['Stadhuis, Raadhuisplein 1', 'Postbus 100', '3370 AC Hardinxveld-Giessendam'],
      phone: '14 0184',
      email: 'klantcontactcentrum@hardinxveld-giessendam.example',
      website: 'www.hardinxveld-giessendam.example',
    },
    signatories: [
      { title: 'de gemeentesecretaris', name: 'mr. drs. A.B.C. van Wijngaarden-Oudendijk' },
      { title: 'de burgemeester', name: 'ir. J.P. Vermeulen' },
    ],
    signOff: 'burgemeester en wethouders van Hardinxveld-Giessendam',
    contact: { name: 'T. Veenstra', email: 'beleidsadviseur.armoedebestrijding@hardinxveld-giessendam.example', phone: '14 0184' },
    referencePrefix: 'HGD',
    responseDays: 42,
  });
  const council = await call<{ id: string }>('POST', `/api/v1/organisations/${slug}/councils`, root, {
    name: LONG.council,
    recipients: ['secretariaat.adviesraadsociaaldomein@hardinxveld-giessendam.example'],
    addressLines: ['Postbus 101', '3370 AC Hardinxveld-Giessendam'],
  });
  const people = {
    member: { name: 'Fatima El Amrani-Vandenberghe', email: 'fatima.elamrani-vandenberghe@adviesraad-hardinxveld.example', role: 'council_member' },
    secretary: { name: 'Joost de Wit', email: 'secretariaat.adviesraadsociaaldomein@hardinxveld-giessendam.example', role: 'council_secretary' },
    official: { name: 'Eva Dekker', email: 'e.dekker@hardinxveld-giessendam.example', role: 'official' },
    approver: { name: 'Ingrid Smit', email: 'i.smit@hardinxveld-giessendam.example', role: 'approver' },
    admin: { name: 'Henk Brouwer', email: 'functioneelbeheer.wederwoord@hardinxveld-giessendam.example', role: 'admin' },
  } as const;
  const users = {} as World['users'];
  const tokens = {} as Record<keyof typeof people, string>;
  for (const [key, p] of Object.entries(people) as [keyof typeof people, (typeof people)[keyof typeof people]][]) {
    const user = await call<{ id: string }>('POST', `/api/v1/organisations/${slug}/users`, root, { ...p, ...(p.role.startsWith('council') ? { councilId: council.id } : {}) });
    users[key] = { id: user.id, name: p.name, email: p.email };
    // Approvers' and admins' tokens come from the platform token.
    tokens[key] = (await call<{ token: string }>('POST', `/api/v1/organisations/${slug}/users/${user.id}/tokens`, root)).token;
  }

  const create = (what: string) =>
    call<{ id: string; items: { id: string }[] }>('POST', `/api/v1/organisations/${slug}/advice`, tokens.member, {
      councilId: council.id,
      title: LONG.title(what),
      policyDocument: LONG.policy,
      kind: 'unsolicited',
      letterDate: '2026-11-02',
      councilReference: LONG.councilReference,
      intro: LONG.intro,
      items: LONG.items,
    });
  const submit = (id: string) => call<{ reference: string }>('POST', `/api/v1/advice/${id}/submit`, tokens.secretary);
  const answer = async (d: { id: string; items: { id: string }[] }, version = 0) => {
    for (const [i, item] of d.items.entries()) await call('PUT', `/api/v1/advice/${d.id}/items/${item.id}/response`, tokens.official, { ...LONG.responses[i], version });
  };
  const toReview = async (d: { id: string; items: { id: string }[] }) => {
    await submit(d.id);
    await answer(d);
    await call('POST', `/api/v1/advice/${d.id}/request-approval`, tokens.official);
  };

  const draft = await create('armoedebestrijdingsbeleid (concept)');
  const submitted = await create('schuldhulpverleningsprogramma');
  await submit(submitted.id);
  const inProgress = await create('jeugdhulpverleningsprogramma');
  await toReview(inProgress);
  await call('POST', `/api/v1/advice/${inProgress.id}/return`, tokens.approver, {
    comment: 'Licht bij de arbeidsongeschiktheidsverzekeringen toe welke inkomensondersteuningsmaatregelen bedoeld zijn.',
  });
  const inReview = await create('uitvoeringsprogramma');
  await toReview(inReview);
  const signed = await create('meerjarenonderhoudsprogramma');
  await toReview(signed);
  const approved = await call<{ letter: { sha256: string } }>('POST', `/api/v1/advice/${signed.id}/approve`, tokens.approver);
  const signedDossier = await call<{ reference: string }>('GET', `/api/v1/advice/${signed.id}`, tokens.official);
  const sent = await create('accommodatiebeleid');
  await toReview(sent);
  await call('POST', `/api/v1/advice/${sent.id}/approve`, tokens.approver);
  await call('POST', `/api/v1/advice/${sent.id}/send`, tokens.official);

  // The letter's mail, once the outbox has it.
  let letterMail: string | undefined;
  for (let i = 0; i < 100 && !letterMail; i++) {
    const items = ((await (await fetch(`${server.base}/api/v1/dev/outbox`)).json()) as { items: { id: string; subject: string; attachments: unknown[] }[] }).items;
    letterMail = items.find((m) => m.subject.startsWith('Reactie op uw advies') && m.attachments.length > 0)?.id;
    if (!letterMail) await new Promise((r) => setTimeout(r, 200));
  }
  if (!letterMail) throw new Error('the letter mail never reached the outbox');

  // Two letters the official read in: one to check, one registered (its original on the dossier page).
  const read = async (name: string) => {
    const res = await fetch(`${server.base}/api/v1/organisations/${slug}/imports?filename=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.official}`, 'content-type': 'text/plain; charset=utf-8' },
      body: LETTER,
    });
    if (res.status !== 201) throw new Error(`import: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  };
  const letter = await read('advies-toegankelijkheidsvoorzieningen-accommodatiebeleid.txt');
  const registered = await call<{ id: string }>('POST', `/api/v1/organisations/${slug}/advice/register`, tokens.official, {
    councilId: council.id,
    title: LONG.title('accommodatiebeleid (per post)'),
    kind: 'unsolicited',
    letterDate: '2026-11-02',
    receivedOn: '2026-11-04',
    councilReference: LONG.councilReference,
    items: LONG.items,
    importId: await read('ongevraagd-advies-toegankelijkheidsvoorzieningen-meerjarenonderhoudsprogramma.txt'),
  });
  // Consultations: open (the council's remark and an outside body's, one answered), in review, sent.
  const consultation = async () => {
    const c = await call<{ id: string; participants: { id: string }[] }>('POST', `/api/v1/organisations/${slug}/consultations`, tokens.official, {
      title: 'Integrale lijst reacties op de Regiovisie Toegankelijkheidsvoorzieningen en Ervaringsdeskundigheid 2027-2030',
      document: LONG.policy,
      legend: [
        { code: '1', label: 'We versterken de ervaringsdeskundigenorganisaties bij het toegankelijkheidsbeleid.' },
        { code: '2', label: 'We vereenvoudigen de inkomensondersteuningsmaatregelen.' },
        { code: 'Algemeen', label: 'In het algemeen aandacht voor.' },
      ],
      participants: [
        { councilId: council.id },
        { name: 'Gemeenteraad Molenlanden-Giessenlanden', recipients: ['griffie.gemeenteraad@molenlanden-giessenlanden.example'] },
      ],
    });
    const remark = (participant: number, text: string, section?: string) =>
      call<{ id: string }>('POST', `/api/v1/consultations/${c.id}/remarks`, participant === 0 ? tokens.member : tokens.official, { participantId: c.participants[participant].id, text, ...(section ? { section } : {}) });
    const first = await remark(0, LONG.remark, 'Hoofdstuk 3, Toegankelijkheidsvoorzieningen');
    const second = await remark(1, `Ook wij vragen: ${LONG.remark.toLowerCase()}`);
    await remark(1, LONG.items[1].text);
    await call('PUT', `/api/v1/consultations/${c.id}/remarks/${first.id}/response`, tokens.official, { text: LONG.responses[2].text, processing: ['1', 'Algemeen'], version: 0 });
    await call('PUT', `/api/v1/consultations/${c.id}/remarks/${second.id}/response`, tokens.official, { sameAs: first.id, processing: ['1'], version: 0 });
    return c.id;
  };
  const toReviewConsultation = async (id: string) => {
    const c = await call<{ participants: { remarks: { id: string; response: unknown }[] }[] }>('GET', `/api/v1/consultations/${id}`, tokens.official);
    for (const r of c.participants.flatMap((p) => p.remarks).filter((r) => !r.response)) {
      await call('PUT', `/api/v1/consultations/${id}/remarks/${r.id}/response`, tokens.official, { text: LONG.responses[1].text, processing: ['2'], version: 0 });
    }
    await call('POST', `/api/v1/consultations/${id}/close`, tokens.official);
    await call('POST', `/api/v1/consultations/${id}/request-approval`, tokens.official);
  };
  const openConsultation = await consultation();
  const inReviewConsultation = await consultation();
  await toReviewConsultation(inReviewConsultation);
  const sentConsultation = await consultation();
  await toReviewConsultation(sentConsultation);
  await call('POST', `/api/v1/consultations/${sentConsultation}/approve`, tokens.approver);
  await call('POST', `/api/v1/consultations/${sentConsultation}/send`, tokens.official);

  return {
    slug,
    users,
    councilId: council.id,
    dossiers: { draft: draft.id, submitted: submitted.id, inProgress: inProgress.id, inReview: inReview.id, signed: signed.id, sent: sent.id },
    signedLetter: { reference: signedDossier.reference, sha256: approved.letter.sha256 },
    mails: { letter: letterMail },
    tokens,
    imports: { letter, registered: registered.id },
    consultations: { open: openConsultation, inReview: inReviewConsultation, sent: sentConsultation },
  };
}

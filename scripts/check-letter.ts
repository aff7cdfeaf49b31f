/**
 * End-to-end check of the signed letter against a running server (`npm start` or `wrangler dev`):
 * sets up an organisation over the public API, files an advice, answers and signs it, then reads
 * the PDF back with poppler exactly as the tests do. Prints what fails and exits non-zero.
 *
 *   BASE_URL=http://127.0.0.1:8787 ADMIN_TOKEN=… npx tsx scripts/check-letter.ts [--fixture letter.json] [--items 24] [--out dir]
 *
 * A fixture is JSON: { "advice": { title, kind, letterDate, councilReference?, policyDocument?,
 * items: [{ kind, section?, text }] }, "responses": [{ status, text }] } (one response per item).
 * Without one, a generated letter with six themed sections and long responses is used.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { nl } from '../schema/i18n/nl';
import { paragraphs } from '../schema/letter-model';
import { dutchDate } from '../schema/dates';
import { fixtureItems } from '../test/fixtures/letter-fixture';
import { comparable, firstOutOfOrder, flat, pdfInfo, pdfPages } from '../test/node/pdf-text';

const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const BASE = (process.env.BASE_URL ?? 'http://127.0.0.1:8787').replace(/\/$/, '');
const ADMIN = process.env.ADMIN_TOKEN ?? '';
const OUT = option('--out') ?? '/tmp/wederwoord-letter-check';

type Fixture = {
  advice: { title: string; kind: 'solicited' | 'unsolicited'; letterDate: string; councilReference?: string; policyDocument?: string; items: { kind: 'question' | 'advice'; section?: string; text: string }[] };
  responses: { status: string; text: string }[];
};

function generated(): Fixture {
  const sections = ['Toegang en bereik', 'Samenwerking in de wijk', 'Jeugd en gezin', 'Werk en inkomen', 'Wonen en zorg', 'Monitoring en evaluatie'];
  const items = fixtureItems(Number(option('--items') ?? 24), 2000, sections);
  return {
    advice: {
      title: 'Advies over het uitvoeringsprogramma sociaal domein 2027',
      kind: 'solicited',
      letterDate: '2026-10-01',
      councilReference: 'ASD-2026-11',
      policyDocument: 'het uitvoeringsprogramma “Samen dichtbij”',
      items: items.map(({ kind, section, text }) => ({ kind, section: section ?? undefined, text })),
    },
    responses: items.map((i) => i.response!),
  };
}

const fixture: Fixture = option('--fixture') ? JSON.parse(readFileSync(option('--fixture')!, 'utf8')) : generated();
const failures: string[] = [];
const check = (ok: boolean, what: string) => {
  if (!ok) failures.push(what);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
};

async function call(method: string, url: string, token: string, body?: unknown) {
  const res = await fetch(`${BASE}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function bytesOf(url: string, token: string) {
  const res = await fetch(`${BASE}${url}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return { bytes: new Uint8Array(await res.arrayBuffer()), headers: res.headers };
}

const slug = `check-${Date.now().toString(36)}`;
const org = {
  slug,
  name: 'Gemeente Proefdorp',
  letterhead: { addressLines: ['Stationsplein 4', 'Postbus 120', '1234 AB Proefdorp'], phone: '14 0123', email: 'gemeente@proefdorp.example', website: 'www.proefdorp.example' },
  signatories: [
    { title: 'de secretaris', name: 'drs. H.E. van den Berg' },
    { title: 'de burgemeester', name: 'mr. C. Öztürk-Janssen' },
  ],
  signOff: 'burgemeester en wethouders van Proefdorp',
  contact: { name: 'L. de Wit', email: 'l.dewit@proefdorp.example', phone: '14 0123' },
  referencePrefix: 'PRF',
};

await call('POST', '/api/v1/organisations', ADMIN, org);
const council = await call('POST', `/api/v1/organisations/${slug}/councils`, ADMIN, {
  name: 'Adviesraad Sociaal Domein Proefdorp',
  recipients: ['secretaris@asd-proefdorp.example'],
  addressLines: ['p/a Stationsplein 4', '1234 AB Proefdorp'],
});
const tokens: Record<string, string> = {};
for (const role of ['council_member', 'council_secretary', 'official', 'approver']) {
  const user = await call('POST', `/api/v1/organisations/${slug}/users`, ADMIN, {
    email: `${role}@${slug}.example`,
    name: `Check ${role}`,
    role,
    ...(role.startsWith('council') ? { councilId: council.id } : {}),
  });
  tokens[role] = (await call('POST', `/api/v1/organisations/${slug}/users/${user.id}/tokens`, ADMIN)).token;
}

const created = await call('POST', `/api/v1/organisations/${slug}/advice`, tokens.council_member, { councilId: council.id, ...fixture.advice });
const { reference } = await call('POST', `/api/v1/advice/${created.id}/submit`, tokens.council_secretary);
for (const [i, item] of created.items.entries()) {
  await call('PUT', `/api/v1/advice/${created.id}/items/${item.id}/response`, tokens.official, { ...fixture.responses[i], version: 0 });
}
await call('POST', `/api/v1/advice/${created.id}/request-approval`, tokens.official);

let started = performance.now();
const concept = await bytesOf(`/api/v1/advice/${created.id}/letter.pdf`, tokens.official);
console.log(`concept PDF rendered by the server in ${(performance.now() - started).toFixed(0)} ms (wall clock, first request)`);
for (let i = 1; i < Number(option('--concept-runs') ?? 2); i++) {
  started = performance.now();
  await bytesOf(`/api/v1/advice/${created.id}/letter.pdf`, tokens.official);
  console.log(`concept PDF again in ${(performance.now() - started).toFixed(0)} ms`);
}
check(/^Title:\s+CONCEPT – /m.test(pdfInfo(concept.bytes)), 'before signing the PDF is titled as a concept');

started = performance.now();
const approved = await call('POST', `/api/v1/advice/${created.id}/approve`, tokens.approver);
console.log(`approve (render, hash, store, record) in ${(performance.now() - started).toFixed(0)} ms`);
started = performance.now();
const { sha256, pages } = approved.letter;
const first = await bytesOf(`/api/v1/advice/${created.id}/letter.pdf`, tokens.official);
const second = await bytesOf(`/api/v1/advice/${created.id}/letter.pdf`, tokens.approver);
console.log(`signed PDF served twice from storage in ${(performance.now() - started).toFixed(0)} ms`);
check(Buffer.from(first.bytes).equals(Buffer.from(second.bytes)), 'the signed PDF is byte-identical across requests');
check(createHash('sha256').update(first.bytes).digest('hex') === sha256, 'its SHA-256 is the one recorded at signing');
check((first.headers.get('content-disposition') ?? '').includes(reference), 'its file name carries the reference');
const verified = (await (await fetch(`${BASE}/api/v1/verify?sha256=${sha256}&reference=${reference}`)).json()) as { valid: boolean; reference?: string; signatories?: unknown };
check(verified.valid === true && verified.reference === reference, 'the hash verifies with the reference');
check(JSON.stringify(verified.signatories) === JSON.stringify(org.signatories), 'verification names the signatories');

const text = pdfPages(first.bytes);
check(text.length === pages, `pdftotext finds ${pages} pages`);
const all = text.join('\n');
check(!/concept/i.test(all) && !/concept/i.test(pdfInfo(first.bytes)), 'no "concept" once signed');
text.slice(1).forEach((page, i) =>
  check(flat(page).startsWith(`Datum `) && flat(page).includes(`Ons kenmerk ${reference} · Pagina ${i + 2}/${text.length}`), `page ${i + 2} repeats Datum, Ons kenmerk and Pagina ${i + 2}/${text.length}`),
);
const firstPage = flat(text[0]);
for (const part of [`Ons kenmerk ${reference}`, `Uw brief van ${dutchDate(fixture.advice.letterDate)}`, nl.letter.mentionReference]) check(firstPage.includes(part), `page 1 has "${part}"`);
if (fixture.advice.councilReference) check(firstPage.includes(`Uw kenmerk ${fixture.advice.councilReference}`), 'page 1 has Uw kenmerk');

// The reading flow: every section heading, item, status and response, in order.
const body = comparable(text.map((p, i) => (i === 0 ? p : p.replace(/^\s*Datum .*?Pagina \d+\/\d+/s, ''))).join('\n'));
const expected: string[] = [];
const counters = { question: 0, advice: 0 };
let section: string | undefined;
fixture.advice.items.forEach((item, i) => {
  if (item.section && item.section !== section) expected.push(item.section);
  section = item.section;
  const n = ++counters[item.kind];
  const response = fixture.responses[i];
  const texts = paragraphs(item.text);
  if (item.kind === 'question') {
    expected.push(nl.letter.question(n), `“${texts.join(' ')}”`, nl.letter.answer);
  } else {
    expected.push(nl.letter.advice(n), nl.letter.status[response.status as keyof typeof nl.letter.status], ...texts, nl.letter.ourResponse);
  }
  expected.push(...paragraphs(response.text));
});
expected.push(nl.letter.greeting, `${org.signOff},`);
const miss = firstOutOfOrder(body, expected.map(comparable));
check(miss === null, `every heading, item, status and response in order${miss ? ` (first missing: "${miss.needle.slice(0, 80)}")` : ''}`);
for (const s of org.signatories) check(all.includes(`${s.title},`) && all.includes(s.name), `signatory ${s.title} ${s.name}`);

mkdirSync(OUT, { recursive: true });
const file = path.join(OUT, `${reference}.pdf`);
writeFileSync(file, first.bytes);
execFileSync('pdftoppm', ['-png', '-r', '60', file, path.join(OUT, reference)]);
console.log(`\n${reference}: ${pages} pages, sha256 ${sha256}; PDF and PNG pages in ${OUT}`);
console.log(`${failures.length ? `${failures.length} check(s) failed` : 'all checks passed'}`);
if (failures.length) process.exitCode = 1;

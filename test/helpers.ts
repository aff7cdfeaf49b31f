import { exports } from 'cloudflare:workers';

export const ADMIN = 'test-admin-token';

export type ApiResult<T = any> = { status: number; body: T; headers: Headers };

/** Calls the Worker through its real fetch handler, as an integration would. */
export async function api<T = any>(
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: BodyInit } = {},
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: BodyInit | undefined = opts.raw;
  if (opts.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(opts.body);
  }
  const res = await exports.default.fetch(`https://app.test${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

/** A GET whose body is kept as bytes (PDFs, stored letters). */
export async function fetchRaw(path: string, token?: string, headers: Record<string, string> = {}) {
  const res = await exports.default.fetch(`https://app.test${path}`, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export function organisationInput(slug = `gem-${unique()}`, prefix = 'TST') {
  return {
    slug,
    name: 'Gemeente Teststad',
    letterhead: { addressLines: ['Raadhuisplein 1', 'Postbus 10', '9999 ZZ Teststad'], phone: '14 099', email: 'info@teststad.example', website: 'www.teststad.example' },
    signatories: [
      { title: 'de secretaris', name: 'M. Bakker' },
      { title: 'de burgemeester', name: 'J. Visser' },
    ],
    signOff: 'burgemeester en wethouders van Teststad',
    contact: { name: 'S. de Boer', email: 's.deboer@teststad.example', phone: '14 099' },
    referencePrefix: prefix,
    responseDays: 42,
  };
}

export type World = Awaited<ReturnType<typeof createWorld>>;

/** An organisation with a council and one user (and token) per role. */
export async function createWorld(prefix = 'TST') {
  const org = await api('POST', '/api/v1/organisations', { token: ADMIN, body: organisationInput(undefined, prefix) });
  if (org.status !== 201) throw new Error(`organisation: ${org.status} ${JSON.stringify(org.body)}`);
  const slug = org.body.slug as string;
  const council = await api('POST', `/api/v1/organisations/${slug}/councils`, {
    token: ADMIN,
    body: { name: 'Adviesraad Sociaal Domein', recipients: ['secretaris@asd.example', 'voorzitter@asd.example'], addressLines: ['Postbus 11', '9999 ZZ Teststad'] },
  });
  const councilId = council.body.id as string;
  const roles = ['admin', 'official', 'official', 'approver', 'approver', 'council_member', 'council_secretary'] as const;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const seen: Record<string, number> = {};
  for (const role of roles) {
    const n = (seen[role] = (seen[role] ?? 0) + 1);
    const name = n === 1 ? role : `${role}${n}`;
    const user = await api('POST', `/api/v1/organisations/${slug}/users`, {
      token: ADMIN,
      body: { email: `${name}@${slug}.example`, name: `Test ${name}`, role, ...(role.startsWith('council') ? { councilId } : {}) },
    });
    if (user.status !== 201) throw new Error(`user: ${user.status} ${JSON.stringify(user.body)}`);
    const token = await api('POST', `/api/v1/organisations/${slug}/users/${user.body.id}/tokens`, { token: ADMIN });
    tokens[name] = token.body.token;
    ids[name] = user.body.id;
  }
  return { slug, orgId: org.body.id as string, councilId, tokens, ids };
}

export function adviceInput(councilId: string, items?: { kind: 'question' | 'advice'; section?: string; text: string }[]) {
  return {
    councilId,
    title: 'Advies over het beleidsplan wijkgericht werken',
    kind: 'solicited',
    letterDate: '2026-10-01',
    councilReference: 'ASD-2026-07',
    intro: 'De adviesraad heeft het beleidsplan besproken.',
    items: items ?? [
      { kind: 'question', section: 'Vragen', text: 'Hoe worden bewoners betrokken?' },
      { kind: 'advice', section: 'Adviezen', text: 'Zorg voor een vast aanspreekpunt per wijk.' },
      { kind: 'advice', section: 'Adviezen', text: 'Meet de resultaten jaarlijks.' },
    ],
  };
}

/** Creates and submits a dossier; returns its id, items and submission answer. */
export async function submittedDossier(w: World, items?: Parameters<typeof adviceInput>[1]) {
  const created = await api('POST', `/api/v1/organisations/${w.slug}/advice`, { token: w.tokens.council_member, body: adviceInput(w.councilId, items) });
  if (created.status !== 201) throw new Error(`advice: ${created.status} ${JSON.stringify(created.body)}`);
  const submitted = await api('POST', `/api/v1/advice/${created.body.id}/submit`, { token: w.tokens.council_secretary });
  if (submitted.status !== 200) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  return { id: created.body.id as string, items: created.body.items as { id: string; kind: string; number: number }[], submission: submitted.body };
}

/** Answers every item of a submitted dossier as `official`. */
export async function answerAll(w: World, d: { id: string; items: { id: string; kind: string }[] }, token = w.tokens.official) {
  for (const item of d.items) {
    const r = await api('PUT', `/api/v1/advice/${d.id}/items/${item.id}/response`, {
      token,
      body: { text: `Reactie op ${item.kind}.`, status: item.kind === 'question' ? 'answered' : 'adopted', version: 0 },
    });
    if (r.status !== 200) throw new Error(`response: ${r.status} ${JSON.stringify(r.body)}`);
  }
}

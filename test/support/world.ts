import { env } from 'cloudflare:workers';
import { ADMIN, api } from './api';
import type { AdviceStatus } from '../../schema/advice';
import type { UserPrincipal } from '../../worker/context';
import { signedLetterKey } from '../../worker/services/send-letter';

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

/** The world's approver as a service call sees them (through an API token unless `via` says otherwise). */
export const approverOf = (w: World, via: UserPrincipal['via'] = 'token'): UserPrincipal => ({
  kind: 'user',
  id: w.ids.approver,
  name: 'Test approver',
  email: `approver@${w.slug}.example`,
  role: 'approver',
  orgId: w.orgId,
  orgSlug: w.slug,
  councilId: null,
  via,
  // A signing records the token it was made with.
  ...(via === 'token' ? { tokenId: 'test-token' } : {}),
});

export async function addUser(w: World, role: string, councilId?: string, name = `Extra ${role}`) {
  const email = `${role}-${crypto.randomUUID().slice(0, 8)}@${w.slug}.example`;
  const user = await api('POST', `/api/v1/organisations/${w.slug}/users`, {
    token: ADMIN,
    body: { email, name, role, ...(councilId ? { councilId } : {}) },
  });
  if (user.status !== 201) throw new Error(`user: ${user.status} ${JSON.stringify(user.body)}`);
  const token = await api('POST', `/api/v1/organisations/${w.slug}/users/${user.body.id}/tokens`, { token: ADMIN });
  return { id: user.body.id as string, token: token.body.token as string, email };
}

/** A second council of the same organisation, with its own member and secretary. */
export async function addCouncil(w: World) {
  const council = await api('POST', `/api/v1/organisations/${w.slug}/councils`, {
    token: ADMIN,
    body: { name: 'Participatieraad', recipients: ['participatieraad@teststad.example'] },
  });
  const councilId = council.body.id as string;
  return { councilId, member: await addUser(w, 'council_member', councilId), secretary: await addUser(w, 'council_secretary', councilId) };
}

/** A draft created by the world's council member. */
export async function draftDossier(w: World, items?: Parameters<typeof adviceInput>[1]) {
  const created = await api('POST', `/api/v1/organisations/${w.slug}/advice`, { token: w.tokens.council_member, body: adviceInput(w.councilId, items) });
  if (created.status !== 201) throw new Error(`advice: ${created.status} ${JSON.stringify(created.body)}`);
  return { id: created.body.id as string, items: created.body.items as { id: string; kind: string; number: number }[] };
}

/** A dossier answered completely and sent for approval by `official`. */
export async function inReviewDossier(w: World) {
  const d = await submittedDossier(w);
  await answerAll(w, d);
  const r = await api('POST', `/api/v1/advice/${d.id}/request-approval`, { token: w.tokens.official });
  if (r.status !== 200) throw new Error(`request-approval: ${r.status} ${JSON.stringify(r.body)}`);
  return d;
}

/** A signed dossier (approved by `approver`), with its reference and the signed PDF as stored. */
export async function signedDossier(w: World) {
  const d = await inReviewDossier(w);
  const approved = await api('POST', `/api/v1/advice/${d.id}/approve`, { token: w.tokens.approver });
  if (approved.status !== 200) throw new Error(`approve: ${approved.status} ${JSON.stringify(approved.body)}`);
  const sha256 = approved.body.letter.sha256 as string;
  const stored = await env.DOCUMENTS.get(signedLetterKey(sha256));
  if (!stored) throw new Error(`approve: the signed letter ${sha256} is not in R2`);
  return { ...d, reference: d.submission.reference as string, sha256, pdf: new Uint8Array(await stored.arrayBuffer()) };
}

/** A dossier of the world's council carried through the API to `state` (sent: by `official`). */
export async function dossierIn(w: World, state: AdviceStatus): Promise<{ id: string; items: { id: string; kind: string; number: number }[] }> {
  switch (state) {
    case 'draft':
      return draftDossier(w);
    case 'submitted':
      return submittedDossier(w);
    case 'in_progress': {
      const d = await submittedDossier(w);
      await answerAll(w, d);
      return d;
    }
    case 'in_review':
      return inReviewDossier(w);
    case 'signed':
      return signedDossier(w);
    case 'sent': {
      const d = await signedDossier(w);
      const r = await api('POST', `/api/v1/advice/${d.id}/send`, { token: w.tokens.official });
      if (r.status !== 202) throw new Error(`send: ${r.status} ${JSON.stringify(r.body)}`);
      return d;
    }
  }
}

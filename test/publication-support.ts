import { env } from 'cloudflare:workers';
import { adviceInput, api, type World } from './support';

export type ItemSpec = { kind: 'question' | 'advice'; section?: string; text: string; response?: string; status?: string };

/**
 * A dossier carried through the real API to `until` (default: sent), with its own title, items and
 * responses: created by `member` (the world's council member unless another council's is given),
 * answered by the official, signed by the approver, sent by the official.
 */
export async function dossierWith(
  w: World,
  spec: { title?: string; intro?: string; items?: ItemSpec[]; councilId?: string; memberToken?: string; secretaryToken?: string },
  until: 'submitted' | 'signed' | 'sent' = 'sent',
) {
  const items = spec.items ?? [
    { kind: 'question', section: 'Vragen', text: 'Hoe worden bewoners betrokken?', response: 'Via wijkavonden.' },
    { kind: 'advice', section: 'Adviezen', text: 'Zorg voor een vast aanspreekpunt per wijk.', response: 'Dat doen wij.' },
  ];
  const body = { ...adviceInput(spec.councilId ?? w.councilId, items.map(({ kind, section, text }) => ({ kind, section, text }))), ...(spec.title ? { title: spec.title } : {}), ...(spec.intro ? { intro: spec.intro } : {}) };
  const created = await api('POST', `/api/v1/organisations/${w.slug}/advice`, { token: spec.memberToken ?? w.tokens.council_member, body });
  if (created.status !== 201) throw new Error(`advice: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  const step = async (method: string, path: string, token: string, want: number, b?: unknown) => {
    const r = await api(method, path, { token, body: b });
    if (r.status !== want) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const submission = await step('POST', `/api/v1/advice/${id}/submit`, spec.secretaryToken ?? w.tokens.council_secretary, 200);
  if (until === 'submitted') return { id, reference: submission.reference as string, items: created.body.items as { id: string }[] };
  for (const [n, item] of (created.body.items as { id: string; kind: string }[]).entries()) {
    const s = items[n];
    await step('PUT', `/api/v1/advice/${id}/items/${item.id}/response`, w.tokens.official, 200, {
      text: s.response ?? `Reactie op ${item.kind}.`,
      status: s.status ?? (item.kind === 'question' ? 'answered' : 'adopted'),
      version: 0,
    });
  }
  await step('POST', `/api/v1/advice/${id}/request-approval`, w.tokens.official, 200);
  await step('POST', `/api/v1/advice/${id}/approve`, w.tokens.approver, 200);
  if (until === 'sent') await step('POST', `/api/v1/advice/${id}/send`, w.tokens.official, 202);
  return { id, reference: submission.reference as string, items: created.body.items as { id: string }[] };
}

/**
 * The public tables agree with the dossiers, for every organisation: `public_advice` holds exactly
 * the sent dossiers that are not withheld, and the search index exactly the rows of `public_advice`.
 * Returns the offenders per rule (all empty when consistent).
 */
export async function publicTablesOffenders() {
  const [missing, extra, unindexed, stray] = (
    await env.DB.batch([
      env.DB.prepare(
        `SELECT id FROM advice WHERE status = 'sent' AND coalesce(json_extract(publication, '$.publish'), 1) = 1 AND id NOT IN (SELECT advice_id FROM public_advice)`,
      ),
      env.DB.prepare(
        `SELECT p.advice_id AS id FROM public_advice p JOIN advice a ON a.id = p.advice_id WHERE a.status <> 'sent' OR coalesce(json_extract(a.publication, '$.publish'), 1) <> 1`,
      ),
      env.DB.prepare(`SELECT advice_id AS id FROM public_advice WHERE seq NOT IN (SELECT rowid FROM public_search)`),
      env.DB.prepare(`SELECT rowid AS id FROM public_search WHERE rowid NOT IN (SELECT seq FROM public_advice)`),
    ])
  ).map((r) => r.results);
  return { 'sent and published, not public': missing, 'public, not sent and published': extra, 'public, not in the index': unindexed, 'in the index, not public': stray };
}

/**
 * The same for consultation lists: `public_consultations` holds exactly the sent consultations that
 * are not withheld. Returns the offenders per rule (all empty when consistent).
 */
export async function publicListsOffenders() {
  const [missing, extra] = (
    await env.DB.batch([
      env.DB.prepare(
        `SELECT id FROM consultations WHERE status = 'sent' AND coalesce(json_extract(publication, '$.publish'), 1) = 1 AND id NOT IN (SELECT consultation_id FROM public_consultations)`,
      ),
      env.DB.prepare(
        `SELECT p.consultation_id AS id FROM public_consultations p JOIN consultations c ON c.id = p.consultation_id WHERE c.status <> 'sent' OR coalesce(json_extract(c.publication, '$.publish'), 1) <> 1`,
      ),
    ])
  ).map((r) => r.results);
  return { 'list sent and published, not public': missing, 'list public, not sent and published': extra };
}

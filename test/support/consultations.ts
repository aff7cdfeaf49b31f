/** Consultations for tests, made through the API as an integration would. */
import { api } from './api';
import type { World } from './world';
import type { ConsultationStatus } from '../../schema/consultations';

export const LEGEND = [
  { code: '1', label: 'Lokale (wijk)teams versterken' },
  { code: '2', label: 'Samen signaleren' },
  { code: 'Algemeen', label: 'In het algemeen aandacht voor' },
];

/** A consultation put to the world's council and two outside bodies. */
export function consultationBody(w: World, extra: { councilIds?: string[] } = {}) {
  return {
    title: 'Integrale lijst reacties op de regiovisie huiselijk geweld',
    document: 'Actieprogramma 2027-2030 Verbinden en Versterken',
    legend: LEGEND,
    participants: [
      ...[w.councilId, ...(extra.councilIds ?? [])].map((councilId) => ({ councilId })),
      { name: 'Gemeenteraad Oostdorp', recipients: ['griffie@oostdorp.example'], addressLines: ['Postbus 1', '1111 AA Oostdorp'] },
      { name: 'Gemeenteraad Westdorp', recipients: ['griffie@westdorp.example', 'raad@westdorp.example'], salutation: 'Geachte raadsleden,' },
    ],
  };
}

export type ConsultationFixture = { id: string; participants: { id: string; name: string }[]; remarks: { id: string; number: number }[] };

async function ok(res: Promise<{ status: number; body: any }>, expected: number, what: string) {
  const r = await res;
  if (r.status !== expected) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Started by the world's official, with one remark from each participant (the council's by its member). */
export async function openConsultation(w: World, extra: { councilIds?: string[] } = {}): Promise<ConsultationFixture> {
  const created = await ok(api('POST', `/api/v1/organisations/${w.slug}/consultations`, { token: w.tokens.official, body: consultationBody(w, extra) }), 201, 'consultation');
  const remarks: { id: string; number: number }[] = [];
  for (const [i, p] of (created.participants as { id: string }[]).entries()) {
    const token = i === 0 ? w.tokens.council_member : w.tokens.official;
    remarks.push(await ok(api('POST', `/api/v1/consultations/${created.id}/remarks`, { token, body: { participantId: p.id, text: `Opmerking van deelnemer ${i + 1}: betrek ook de huisartsen.` } }), 201, 'remark'));
  }
  return { id: created.id, participants: created.participants, remarks };
}

/** Every remark answered by `token` (the official by default): the first with text, the rest by reference to it. */
export async function answerRemarks(w: World, c: ConsultationFixture, token = w.tokens.official) {
  for (const [i, r] of c.remarks.entries()) {
    const body = i === 0 ? { text: 'Huisartsen nemen deel aan de werkgroep signalering.', processing: ['2'], version: 0 } : { sameAs: c.remarks[0].id, processing: ['2', 'Algemeen'], version: 0 };
    await ok(api('PUT', `/api/v1/consultations/${c.id}/remarks/${r.id}/response`, { token, body }), 200, 'response');
  }
}

/** A consultation of the world carried through the API to `state`. */
export async function consultationIn(w: World, state: ConsultationStatus): Promise<ConsultationFixture> {
  const c = await openConsultation(w);
  if (state === 'open') return c;
  await answerRemarks(w, c);
  await ok(api('POST', `/api/v1/consultations/${c.id}/close`, { token: w.tokens.official }), 200, 'close');
  if (state === 'closed') return c;
  await ok(api('POST', `/api/v1/consultations/${c.id}/request-approval`, { token: w.tokens.official }), 200, 'request-approval');
  if (state === 'in_review') return c;
  await ok(api('POST', `/api/v1/consultations/${c.id}/approve`, { token: w.tokens.approver }), 200, 'approve');
  if (state === 'signed') return c;
  await ok(api('POST', `/api/v1/consultations/${c.id}/send`, { token: w.tokens.official }), 202, 'send');
  return c;
}

import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { createDb } from '../../worker/db';
import type { Env } from '../../worker/env';
import { outbox } from '../../schema/mail';
import { outboxStatement, type OutgoingMail } from '../../worker/services/mail-queue';
import type { RecordedRequest } from './outbound';

export const db = () => createDb(env.DB);

/** A Resend account of the mock at the network edge (test/outbound.ts), private to one test. */
export function resendAccount() {
  const key = `re_test_${crypto.randomUUID().replaceAll('-', '')}`;
  const control = `https://mock.test/resend/${key}`;
  return {
    key,
    env: { ...env, RESEND_API_KEY: key } as Env,
    /** Answers the mock gives to the next requests (then: 200 with a new id). */
    async script(...answers: { status: number; headers?: Record<string, string>; body?: unknown }[]) {
      await fetch(control, { method: 'POST', body: JSON.stringify(answers) });
    },
    async log(): Promise<{ requests: (RecordedRequest & { json: any })[]; mails: number }> {
      const data = (await (await fetch(control)).json()) as { requests: RecordedRequest[]; mails: number };
      return { mails: data.mails, requests: data.requests.map((r) => ({ ...r, json: JSON.parse(r.body) })) };
    },
  };
}

let n = 0;
/** Queues one mail directly (as a state change would), at time `at`. */
export async function queueMail(at: number, mail: Partial<OutgoingMail> = {}) {
  const key = mail.dedupeKey ?? `test:${crypto.randomUUID()}:${n++}`;
  await outboxStatement(
    db(),
    { kind: 'test', dedupeKey: key, to: ['ontvanger@example.test'], subject: 'Testbericht, ons kenmerk TST-2026-00001', html: '<p>Hallo</p>', text: 'Hallo', ...mail },
    at,
  );
  const [row] = await db().select().from(outbox).where(eq(outbox.dedupeKey, key));
  return row;
}

export async function mailRow(id: string) {
  const [row] = await db().select().from(outbox).where(eq(outbox.id, id));
  return row;
}

/** A small but well-formed PDF (correct xref offsets), standing in for a letter where none is stored. */
export function samplePdf(text = 'Reactie op uw advies'): Uint8Array {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${`BT /F1 12 Tf 72 770 Td (${text}) Tj ET`.length} >>\nstream\nBT /F1 12 Tf 72 770 Td (${text}) Tj ET\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

/**
 * A dossier carried to `signed` through the API, and the bytes of its signed PDF in R2 at
 * letters/{sha256}.pdf. Where the letter feature stored a real PDF, those bytes are used as they
 * are; otherwise a sample PDF is put there.
 */

export async function mailsOf(adviceId: string) {
  return db().select().from(outbox).where(eq(outbox.adviceId, adviceId));
}

export const fromBase64 = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

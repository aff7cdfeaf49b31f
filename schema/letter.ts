// ---- API shapes of the letter and its verification (no I/O) ------------------------------

import { z } from './zod';
import { nl } from './i18n/nl';

export const verifyQueryShape = z.object({
  sha256: z
    .string({ error: nl.verify.badSha })
    .min(1, nl.verify.badSha)
    .max(200, nl.verify.badSha)
    .openapi({ description: 'SHA-256 of the PDF, 64 hexadecimal characters', example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }),
  reference: z
    .string()
    .max(300, nl.fields.tooLong(300))
    .optional()
    .openapi({ description: '"Ons kenmerk" as printed in the letter, or the title of an integral list', example: 'ALM-2026-00012' }),
});

export const verificationShape = z
  .union([
    z.object({
      valid: z.literal(true),
      document: z.enum(['letter', 'list']).openapi({ description: 'What was signed: a response letter, or the integral list of a consultation' }),
      organisation: z.object({ name: z.string(), slug: z.string() }),
      reference: z.string(),
      signedAt: z.string(),
      signatories: z.array(z.object({ title: z.string(), name: z.string() })),
    }),
    z.object({ valid: z.literal(false) }),
  ])
  .openapi('Verification');

// ---- The letter snapshot (no I/O) --------------------------------------------------------

import type { Dossier } from './advice';
import type { CouncilView, OrganisationView } from './organisations';

/** What the letter is made of, frozen at signing. Renderers work from this and nothing else. */
export type LetterSnapshot = {
  dossier: Dossier;
  organisation: OrganisationView;
  council: CouncilView;
  signedAt: string | null;
  signedBy: { id: string; name: string } | null;
};

import type { Env } from '../env';
import type { LetterSnapshot, SignedLetter } from './advice';

/**
 * Renders the final letter of a snapshot once and stores it in R2 under its hash.
 * (The PDF renderer arrives with the letter feature; until then the stored document is the
 * snapshot itself, so that the signing flow and its hash are real.)
 */
export async function signLetter(env: Env, snapshot: LetterSnapshot): Promise<SignedLetter> {
  const bytes = new TextEncoder().encode(JSON.stringify(snapshot));
  const { sha256Hex } = await import('../lib/crypto');
  const sha256 = await sha256Hex(bytes);
  await env.DOCUMENTS.put(`letters/${sha256}.json`, bytes);
  return { sha256, pages: 1 };
}

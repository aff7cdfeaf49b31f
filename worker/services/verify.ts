import type { Db } from '../db';
import { verifyLetter, type Verification } from './letter';
import { verifyList } from './consultation-list';

/**
 * Whether a signed document has exactly this SHA-256: a dossier's letter (`reference` its "ons
 * kenmerk") or a consultation's integral list (`reference` its title). Public; the hash is global.
 */
export async function verifyDocument(db: Db, query: { sha256: string; reference?: string }): Promise<Verification> {
  const letter = await verifyLetter(db, query);
  return letter.valid ? letter : verifyList(db, query);
}

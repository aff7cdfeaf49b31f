/**
 * Remarks that look alike: many bodies raise the same point, and the second answer then refers to
 * the first. D1 has no trigram index, so the comparison runs here, on the words of each remark:
 * lower case, accents off, short and common Dutch words left out, a plural or -e ending trimmed;
 * two remarks look alike by the share of words they have in common (Jaccard).
 */

/** Common Dutch words that say nothing about what a remark is about. */
const STOP = new Set(
  (
    'aan al alle als dan dat de deze die dit door een en er ga gaat geen had heb hebben heeft het hier hij hoe hun ik in is ja je kan ' +
    'kunnen maar met mij na naar niet nog nu of om ook op over te tot uit van veel voor waar wat we wel wij wil worden wordt zal ze zich ' +
    'zij zijn zo zou graag moet moeten meer mee ons onze uw vooral binnen bij daar daarom deze elk elke hen hierbij mogelijk ' +
    'opmerking raad gemeente gemeenten college graag vragen vraagt'
  ).split(' '),
);

/** The words of a text that carry its subject, as a set. */
export function wordsOf(text: string): Set<string> {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 3 && !STOP.has(w))
    // A light stem: huisartsen/huisarts, signalering/signaleren stay apart but plurals meet.
    .map((w) => w.replace(/(en|s|e)$/, ''));
  return new Set(words.filter((w) => w.length >= 3));
}

export function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

export type Lookalike = { id: string; score: number };

/**
 * For every remark, up to `max` others that look alike (at least `threshold` of their words in
 * common), most alike first. Quadratic in the number of remarks; 300 remarks are 45,000 pairs of
 * small sets.
 */
export function lookalikes(remarks: { id: string; text: string }[], { max = 3, threshold = 0.2 } = {}): Map<string, Lookalike[]> {
  const words = remarks.map((r) => wordsOf(r.text));
  const found = new Map<string, Lookalike[]>(remarks.map((r) => [r.id, []]));
  for (let i = 0; i < remarks.length; i++) {
    for (let j = i + 1; j < remarks.length; j++) {
      const score = similarity(words[i], words[j]);
      if (score < threshold) continue;
      found.get(remarks[i].id)!.push({ id: remarks[j].id, score });
      found.get(remarks[j].id)!.push({ id: remarks[i].id, score });
    }
  }
  for (const [id, list] of found) found.set(id, list.sort((a, b) => b.score - a.score).slice(0, max));
  return found;
}

/**
 * What an isolate built from a dossier's items, kept for as long as the items stay the same.
 *
 * Every dossier has an `items_revision`: a random token that database triggers replace whenever
 * its items, their responses or the name of a user shown on a response change (migration 0004).
 * A dossier read sends the revision this isolate holds along with its query; in the same batch
 * (one transaction) the database returns the items only when its revision differs. So a cached
 * entry is used only when the database said, in that very read, that it is still current: nothing
 * here is trusted on age, and another isolate's writes are seen at once. The advice row itself
 * (state, tenant, everything a policy looks at) is never cached: it is read fresh every time.
 *
 * Bounded by bytes and entries, least recently used first out, counted whenever an entry grows.
 */
import type { Dossier } from '../../schema/advice';

type Items = Dossier['items'];

export type ItemsEntry = {
  readonly revision: string;
  /**
   * A whole JSON document as UTF-8: `head` (an object's JSON) with these items as its `items`. The
   * last one is kept: the head changes far less often than the document is read.
   */
  document(head: string): Uint8Array;
  /** The items parsed once, frozen: shared by every request that uses this entry. */
  items(): Items;
  /** Markup built from these items by `build` once per key (e.g. a page's item list for a role), as UTF-8. */
  fragment(key: string, build: () => Uint8Array): Uint8Array;
};

const MAX_BYTES = 16 * 1024 * 1024;
/** One dossier's share at most: a bigger one is built for its request and not held. */
const MAX_ENTRY_BYTES = MAX_BYTES / 4;
const MAX_ENTRIES = 1000;
const MAX_FRAGMENTS = 8;

type Stored = ItemsEntry & { bytes: number };
const entries = new Map<string, Stored>();
let totalBytes = 0;

/** The entry held for a dossier (marked as recently used), if any. */
export function heldItems(adviceId: string): ItemsEntry | undefined {
  const entry = entries.get(adviceId);
  if (!entry) return undefined;
  entries.delete(adviceId);
  entries.set(adviceId, entry);
  return entry;
}

/**
 * An entry for items just read from the database at `revision`, kept for later reads. A revision
 * of '' (a dossier that never had items) is not kept.
 */
export function keepItems(adviceId: string, revision: string, json: string): ItemsEntry {
  const entry = makeEntry(adviceId, revision, json);
  if (!revision || entry.bytes > MAX_ENTRY_BYTES) return entry;
  forget(adviceId);
  entries.set(adviceId, entry);
  totalBytes += entry.bytes;
  evict(adviceId);
  return entry;
}

/** Least recently used out until the limits hold again (never `keep`, the entry just grown or added). */
function evict(keep: string) {
  for (const id of entries.keys()) {
    if (totalBytes <= MAX_BYTES && entries.size <= MAX_ENTRIES) break;
    if (id !== keep) forget(id);
  }
}

function forget(adviceId: string) {
  const old = entries.get(adviceId);
  if (!old) return;
  entries.delete(adviceId);
  totalBytes -= old.bytes;
}

const encoder = new TextEncoder();

function makeEntry(adviceId: string, revision: string, json: string): Stored {
  let parsed: Items | undefined;
  let last: { head: string; bytes: Uint8Array } | undefined;
  const fragments = new Map<string, Uint8Array>();
  /** Whether `bytes` more may be held by this entry; if so they are counted (and others evicted). */
  const charge = (bytes: number) => {
    if (entry.bytes + bytes > MAX_ENTRY_BYTES) return false;
    entry.bytes += bytes;
    if (entries.get(adviceId) === entry) {
      totalBytes += bytes;
      evict(adviceId);
    }
    return true;
  };
  const entry: Stored = {
    revision,
    // The JSON (up to two bytes a character) and its parsed copy; documents and fragments add their own size.
    bytes: json.length * 4,
    items: () => (parsed ??= deepFreeze(JSON.parse(json) as Items)),
    document(head) {
      if (last?.head === head) return last.bytes;
      const bytes = encoder.encode(`${head.slice(0, -1)},"items":${json}}`);
      if (last) charge(-last.bytes.length);
      last = charge(bytes.length) ? { head, bytes } : undefined;
      return bytes;
    },
    fragment(key, build) {
      let bytes = fragments.get(key);
      if (bytes === undefined) {
        bytes = build();
        if (fragments.size < MAX_FRAGMENTS && charge(bytes.length)) fragments.set(key, bytes);
      }
      return bytes;
    },
  };
  return entry;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

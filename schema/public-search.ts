/**
 * The full-text index of public dossiers: an SQLite FTS5 table, one row per row of `public_advice`
 * (its rowid is `public_advice.seq`). It holds only what is public: a row is written in the batch
 * that makes a dossier public (sending, or publishing again) and deleted in the batch that
 * withholds it. Its text comes from the frozen snapshot of the signed letter, so the index says
 * exactly what the public page and the letter say.
 *
 * Drizzle has no virtual tables: the table is created by a custom migration
 * (migrations/*_public_search.sql, which must match PUBLIC_SEARCH_CREATE; a test checks it), and
 * `scripts/rebuild-search-index.ts` rebuilds it from the base tables with the statements below
 * (`wrangler d1 export` refuses databases with virtual tables; see docs/publication.md).
 */

/** Columns in bm25 weight order: the title counts most, then references and names, the advice, the responses. */
export const PUBLIC_SEARCH_COLUMNS = ['title', 'meta', 'items', 'responses'] as const;
export const PUBLIC_SEARCH_WEIGHTS = [10, 5, 2, 1] as const;

/**
 * unicode61 with remove_diacritics 2: "café" and "cafe", "Eenzaamheid" and "eenzaamheid" are the
 * same word. Prefix indexes of 2 and 3 characters keep short prefix queries cheap.
 */
export const PUBLIC_SEARCH_CREATE = `CREATE VIRTUAL TABLE public_search USING fts5(title, meta, items, responses, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')`;

export const PUBLIC_SEARCH_DROP = 'DROP TABLE IF EXISTS public_search';

/**
 * The snippet markers (STX and ETX). They are taken out of every indexed text, so that in a
 * snippet they can only be the index's own marks around a match.
 */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';
const clean = (expr: string) => `replace(replace(coalesce(${expr}, ''), char(2), ' '), char(3), ' ')`;

const ITEMS = `(SELECT group_concat(coalesce(json_extract(j.value, '$.section') || char(10), '') || json_extract(j.value, '$.text'), char(10) ORDER BY j.key)
    FROM json_each(a.snapshot, '$.dossier.items') j)`;
const RESPONSES = `(SELECT group_concat(json_extract(j.value, '$.response.text'), char(10) ORDER BY j.key)
    FROM json_each(a.snapshot, '$.dossier.items') j)`;

/**
 * The index rows of public dossiers not in the index yet (over `p` = public_advice, `a` = advice):
 * add `AND <condition>` to narrow it. Plain SQL: FTS5 tables and JSON functions are beyond Drizzle.
 */
export const PUBLIC_SEARCH_SELECT = `SELECT p.seq,
    ${clean('a.title')},
    ${clean(`a.reference || ' ' || coalesce(a.council_reference, '') || ' ' || coalesce(json_extract(a.snapshot, '$.council.name'), '') || ' ' || coalesce(a.policy_document, '')`)},
    ${clean(`coalesce(json_extract(a.snapshot, '$.dossier.intro') || char(10), '') || coalesce(${ITEMS}, '')`)},
    ${clean(RESPONSES)}
  FROM public_advice p JOIN advice a ON a.id = p.advice_id
  WHERE NOT EXISTS (SELECT 1 FROM public_search s WHERE s.rowid = p.seq)`;

/** Rebuilds the whole index from the base tables (the operator's script, and the test of it). */
export const PUBLIC_SEARCH_REBUILD = [
  PUBLIC_SEARCH_DROP,
  PUBLIC_SEARCH_CREATE,
  `INSERT INTO public_search (rowid, title, meta, items, responses) ${PUBLIC_SEARCH_SELECT}`,
] as const;

-- The full-text index of public dossiers (schema/public-search.ts: PUBLIC_SEARCH_CREATE, checked by a test).
-- A virtual table, which drizzle-kit cannot describe; scripts/rebuild-search-index.ts rebuilds it from the base tables.
CREATE VIRTUAL TABLE public_search USING fts5(title, meta, items, responses, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');

#!/usr/bin/env -S npx tsx
/**
 * Rebuilds the public search index (the FTS5 table `public_search`) from the base tables:
 * `public_advice` (which dossiers are public) and the signed snapshots in `advice`. The index holds
 * nothing else, so it can always be thrown away and rebuilt: after restoring a database from an SQL
 * export (which cannot hold virtual tables), or to drop it before `wrangler d1 export` (see
 * docs/publication.md).
 *
 *   npx tsx scripts/rebuild-search-index.ts --local [--persist-to .wrangler/state]
 *   npx tsx scripts/rebuild-search-index.ts --remote          # the deployed database
 *   npx tsx scripts/rebuild-search-index.ts --remote --drop   # only drop it (before an export)
 *   npx tsx scripts/rebuild-search-index.ts --print           # the SQL, for a review or by hand
 *
 * The statements are the app's own (schema/public-search.ts), the same the app runs per dossier
 * when it publishes one; test/publication.test.ts runs them against D1 and compares the result
 * with the index the app built, and test/node/rebuild-search-index.test.ts runs this script.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PUBLIC_SEARCH_DROP, PUBLIC_SEARCH_REBUILD } from '../schema/public-search';

const root = path.resolve(import.meta.dirname, '..');

const { values: opts } = parseArgs({
  options: {
    local: { type: 'boolean', default: false },
    remote: { type: 'boolean', default: false },
    'persist-to': { type: 'string' },
    drop: { type: 'boolean', default: false },
    print: { type: 'boolean', default: false },
    database: { type: 'string', default: 'DB' },
  },
});

const rebuildSql = (drop = false) => `${(drop ? [PUBLIC_SEARCH_DROP] : [...PUBLIC_SEARCH_REBUILD]).join(';\n')};\n`;

function main() {
  const sql = rebuildSql(opts.drop);
  if (opts.print) {
    process.stdout.write(sql);
    return 0;
  }
  if (opts.local === opts.remote) {
    process.stderr.write('rebuild-search-index: say --local or --remote (or --print)\n');
    return 2;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'wederwoord-search-'));
  const file = path.join(dir, 'rebuild.sql');
  writeFileSync(file, sql);
  try {
    const args = ['d1', 'execute', opts.database, opts.local ? '--local' : '--remote', ...(opts['persist-to'] ? ['--persist-to', opts['persist-to']] : []), '--file', file, '--yes'];
    const res = spawnSync(path.join(root, 'node_modules/.bin/wrangler'), args, { cwd: root, stdio: 'inherit', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } });
    if (res.status !== 0) {
      process.stderr.write(`rebuild-search-index: wrangler exited with ${res.status ?? res.signal}\n`);
      return 1;
    }
    process.stderr.write(opts.drop ? 'The search index is dropped; rebuild it after the export.\n' : 'The search index is rebuilt from public_advice and the signed snapshots.\n');
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = main();

import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, 'migrations'));
  return {
    test: {
      projects: [
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: './wrangler.toml' },
              miniflare: {
                // Tests set their bindings explicitly: a known admin token, no Resend key.
                bindings: { TEST_MIGRATIONS: migrations, ADMIN_TOKEN: 'test-admin-token', ENVIRONMENT: 'test' },
              },
            }),
          ],
          test: {
            name: 'workers',
            include: ['test/**/*.test.ts'],
            exclude: ['test/browser/**', 'test/node/**'],
            setupFiles: ['./test/apply-migrations.ts'],
            // Approving renders the real PDF; the first render in an isolate also warms pdfmake up.
            testTimeout: 30_000,
          },
        },
        {
          // Pure renderers (model → PDF/HTML) read back with poppler's pdftotext, which runs in Node, not workerd.
          test: { name: 'node', environment: 'node', include: ['test/node/**/*.test.ts'], testTimeout: 60_000 },
        },
      ],
    },
  };
});

import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, 'migrations'));
  return {
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
      include: ['test/**/*.test.ts'],
      exclude: ['test/browser/**'],
      setupFiles: ['./test/apply-migrations.ts'],
      // Integration tests make dozens of requests each; on a busy 2-core machine 5 s is too tight.
      testTimeout: 30_000,
    },
  };
});

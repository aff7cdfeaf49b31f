import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { outbound } from './test/support/outbound';

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
                // ENVIRONMENT=test is not "development", so the tests see what a deployment does (no
                // local mailbox or demo sign-in; tests that need them say so), at PUBLIC_URL.
                // MAIL_KICK=off: mail waits for an explicit delivery run, so tests control time and order.
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  ADMIN_TOKEN: 'test-admin-token',
                  ENVIRONMENT: 'test',
                  PUBLIC_URL: 'https://app.test',
                  MAIL_KICK: 'off',
                  RESEND_WEBHOOK_SECRET: 'whsec_dGVzdC13ZWJob29rLXNlY3JldC0wMTIzNDU2Nzg5',
                },
                // Outbound HTTP is mocked at the network edge (test/support/outbound.ts).
                outboundService: outbound,
              },
            }),
          ],
          test: {
            name: 'workers',
            include: ['test/**/*.test.ts'],
            exclude: ['test/browser/**', 'test/node/**'],
            setupFiles: ['./test/apply-migrations.ts'],
            // The local mailbox logs one line per mail; in tests that is noise (tests that care spy on it).
            onConsoleLog: (log: string) => !log.startsWith('[mail] '),
            // Integration tests make dozens of requests each, and approving renders a real PDF:
            // on a busy 2-core machine 5 s is too tight.
            testTimeout: 30_000,
          },
        },
        {
          // What runs in Node, not workerd: PDFs read back with poppler's pdftotext, and `npm start`
          // itself (the real wrangler bundle, not vitest's module runner).
          test: { name: 'node', environment: 'node', include: ['test/node/**/*.test.ts'], testTimeout: 60_000 },
        },
      ],
    },
  };
});

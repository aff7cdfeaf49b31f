import { defineConfig } from 'drizzle-kit';

// drizzle-kit writes SQL migrations into migrations/, which is also wrangler's
// migrations_dir: one folder, applied by `wrangler d1 migrations apply` and read by the tests.
export default defineConfig({
  dialect: 'sqlite',
  schema: './schema/*.ts',
  out: './migrations',
});

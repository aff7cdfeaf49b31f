import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

/** Imports point one way (docs/architecture.md): schema ← worker/services ← worker/routes → web. */
const layer = (files, forbidden, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: forbidden.map((group) => ({ group: [group], message })) }] },
});

export default tseslint.config(
  { ignores: ['node_modules/', '.wrangler/', 'dist/', 'migrations/', 'test-artifacts/', '.bench/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // No file of the app imports itself back through others at run time (the rule does not follow
    // `import type`, which has no runtime effect; keep those one-way by hand).
    files: ['worker/**/*.{ts,tsx}', 'web/**/*.{ts,tsx}', 'schema/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true, allowUnsafeDynamicCyclicDependency: false }] },
  },
  layer(['schema/**/*.ts'], ['**/worker/**', '**/web/**'], 'schema/ holds tables, shapes and pure rules: it imports nothing of the app.'),
  layer(['web/**/*.{ts,tsx}'], ['**/worker/**'], 'web/ renders data it is given: types and rules it needs live in schema/.'),
  layer(['worker/services/**/*.{ts,tsx}', 'worker/letter/**/*.ts', 'worker/lib/**/*.ts'], ['**/routes/**', '**/middleware/**', '**/app', '**/routing'], 'Services never depend on HTTP: routes call services, not the other way.'),
);

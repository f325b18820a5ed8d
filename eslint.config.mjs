// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * Imports flow one way (STYLE.md). Each folder may import only from lower layers (and itself);
 * siblings in one layer do not import each other. The zones below are generated from this list.
 */
const LAYERS = [
  ['common', 'config'],
  ['entities'],
  ['database'],
  ['connectors', 'search', 'jobs', 'auth', 'files'],
  ['sync', 'indexer', 'exports', 'triggers', 'profiles'],
  ['workers', 'schema'],
  ['resolvers'],
  ['server'],
  ['main.ts', 'cli'],
];
const zone = (target, from, message) => ({
  target: `./src/${target}`,
  from: from.map((f) => `./src/${f}`),
  message,
});
const restrictedZones = [
  ...LAYERS.flatMap((layer, rank) =>
    layer.map((folder) =>
      zone(
        folder,
        LAYERS.slice(rank)
          .flat()
          .filter((other) => other !== folder),
        `${folder} may only import from the layers below it (see LAYERS in eslint.config.mjs).`,
      ),
    ),
  ),
  zone(
    'connectors',
    ['database'],
    'Connectors speak to one vendor: no storage, search or GraphQL.',
  ),
  zone(
    'resolvers',
    [
      'connectors',
      'search/postgres',
      'search/elasticsearch',
      'jobs/pg-boss-queue.ts',
      'jobs/inline-queue.ts',
    ],
    'Resolvers never know which engine, queue or vendor is behind them.',
  ),
];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'coverage', 'eslint.config.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { typescript: true, node: true } },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: restrictedZones }],
      'import-x/no-cycle': ['error', { maxDepth: 3, ignoreExternal: true }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false } },
      ],
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Tests and tools may assert presence with `!` and print to the console.
    files: ['test/**', 'bench/**', 'scripts/**', '**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  {
    // Migrations are generated SQL; entity cycles (relations) are resolved lazily by TypeORM.
    files: ['migrations/**', 'src/entities/**'],
    rules: { 'import-x/no-cycle': 'off' },
  },
  prettier,
);

// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * Imports flow one way (STYLE.md):
 * config/common -> entities -> database -> connectors, search, jobs, auth
 *   -> sync, indexer, exports, triggers -> schema, resolvers -> server -> main.ts.
 * Each zone below forbids a folder from importing what sits above it.
 */
const layer = (target, from, message) => ({
  target: `./src/${target}`,
  from: from.map((f) => `./src/${f}`),
  message,
});
const above = {
  base: [
    'entities',
    'database',
    'connectors',
    'search',
    'jobs',
    'auth',
    'sync',
    'indexer',
    'exports',
    'triggers',
    'schema',
    'resolvers',
    'server',
    'main.ts',
    'cli',
  ],
};
const restrictedZones = [
  layer('common', above.base, 'common/ is the bottom layer.'),
  layer('config', above.base, 'config/ is the bottom layer.'),
  layer(
    'entities',
    above.base.filter((f) => f !== 'entities'),
    'entities/ may only use common/ and config/.',
  ),
  layer(
    'database',
    [
      'connectors',
      'search',
      'jobs',
      'auth',
      'sync',
      'indexer',
      'exports',
      'triggers',
      'schema',
      'resolvers',
      'server',
      'main.ts',
      'cli',
    ],
    'database/ sits below the services.',
  ),
  layer(
    'connectors',
    [
      'database',
      'search',
      'jobs',
      'auth',
      'sync',
      'indexer',
      'exports',
      'triggers',
      'schema',
      'resolvers',
      'server',
      'main.ts',
      'cli',
    ],
    'Connectors speak to one vendor: no storage, search or GraphQL.',
  ),
  layer(
    'search',
    [
      'connectors',
      'jobs',
      'auth',
      'sync',
      'indexer',
      'exports',
      'triggers',
      'schema',
      'resolvers',
      'server',
      'main.ts',
      'cli',
    ],
    'search/ knows documents and engines only.',
  ),
  layer(
    'jobs',
    [
      'connectors',
      'search',
      'auth',
      'sync',
      'indexer',
      'exports',
      'triggers',
      'schema',
      'resolvers',
      'server',
      'main.ts',
      'cli',
    ],
    'jobs/ is infrastructure.',
  ),
  layer(
    'auth',
    [
      'connectors',
      'search',
      'jobs',
      'sync',
      'indexer',
      'exports',
      'triggers',
      'schema',
      'resolvers',
      'server',
      'main.ts',
      'cli',
    ],
    'auth/ sits below the services.',
  ),
  ...['sync', 'indexer', 'exports', 'triggers'].map((f) =>
    layer(
      f,
      ['schema', 'resolvers', 'server', 'main.ts', 'cli'],
      `${f}/ must not know about GraphQL or HTTP.`,
    ),
  ),
  layer(
    'schema',
    [
      'database',
      'connectors',
      'search',
      'jobs',
      'auth',
      'sync',
      'indexer',
      'exports',
      'triggers',
      'resolvers',
      'server',
      'main.ts',
      'cli',
    ],
    'schema/ holds GraphQL types only.',
  ),
  layer(
    'resolvers',
    [
      'server',
      'main.ts',
      'cli',
      'connectors',
      'search/postgres',
      'search/elasticsearch',
      'jobs/pg-boss-queue.ts',
      'jobs/inline-queue.ts',
    ],
    'Resolvers never know which engine, queue or vendor is behind them.',
  ),
  layer('server', ['main.ts', 'cli'], 'Only main.ts composes the app.'),
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

import { createRequire } from 'node:module';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql ships CJS and ESM builds; Vite would pick the ESM one for our sources while
    // CJS dependencies (type-graphql, graphql-ws) require the CJS one: two realms. Use one.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql/index.js') }],
  },
  // SWC, not esbuild: TypeORM and type-graphql need emitted decorator metadata.
  plugins: [swc.vite({ jsc: { target: 'es2022' } })],
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/setup/global-setup.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: 'test', LOG_LEVEL: 'silent' },
  },
});

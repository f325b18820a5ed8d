import { issueApiKey } from '../../src/auth/api-keys';
import { graphql } from '../../test/helpers/graphql';
import type { BenchApp } from '../sync/bench-app';

/**
 * The bench app as another user of its organization sees it: a key of their own (issued as an
 * admin would), and `gql` calls made with it. Destinations act as the calling user (an export
 * to SourceWhale goes into that user's campaign), so the export starts with this key.
 */
export async function asUser(bench: BenchApp, email: string): Promise<BenchApp> {
  const { key } = await issueApiKey(
    bench.app.dataSource.manager,
    bench.app.config.bootstrap.organizationName,
    email,
  );
  return {
    ...bench,
    key,
    gql: async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
      const res = await graphql<T>(bench.url, query, { key, variables });
      if (res.body.errors?.length || !res.body.data)
        throw new Error(`GraphQL: ${JSON.stringify(res.body.errors ?? res.body)}`);
      return res.body.data;
    },
  };
}

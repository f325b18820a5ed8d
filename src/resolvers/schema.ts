import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type PubSub as TypeGraphqlPubSub } from 'type-graphql';
import { CandidateResolver } from './candidate.resolver';
import { ConnectionResolver } from './connection.resolver';
import { CandidateExportsResolver, ExportResolver } from './export.resolver';
import { TriggerResolver } from './trigger.resolver';
import { CandidateProfileMatchResolver } from './profile-match.resolver';
import { LookupResolver } from './lookup.resolver';
import { MeResolver } from './me.resolver';
import { ProfileResolver } from './profile.resolver';
import { SearchResolver } from './search.resolver';
import { CandidateSearchResultResolver } from './search-result.resolver';
import { InsightsWorkbookResolver } from './insights-workbook.resolver';

const RESOLVERS = [
  MeResolver,
  ConnectionResolver,
  SearchResolver,
  CandidateSearchResultResolver,
  InsightsWorkbookResolver,
  CandidateResolver,
  LookupResolver,
  ExportResolver,
  CandidateExportsResolver,
  TriggerResolver,
  CandidateProfileMatchResolver,
  ProfileResolver,
] as const;

/**
 * Subscriptions subscribe through their own functions (with an organization check) on the app's
 * PubSub in the request context; type-graphql still insists on a pubSub to build the schema.
 */
const UNUSED_PUBSUB: TypeGraphqlPubSub = {
  publish: () => {
    throw new Error('publish through the app PubSub (context.services.pubsub)');
  },
  subscribe: () => {
    throw new Error('subscriptions declare their own subscribe function');
  },
};

/** The executable schema. Validation is ours (zod), so type-graphql's class-validator is off. */
export function buildAppSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: RESOLVERS, validate: false, pubSub: UNUSED_PUBSUB });
}

/** The SDL committed as schema.graphql: sorted, so the file changes only when the API does. */
export function printAppSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}

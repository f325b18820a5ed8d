import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { CandidateResolver } from './candidate.resolver';
import { ConnectionResolver } from './connection.resolver';
import { LookupResolver } from './lookup.resolver';
import { MeResolver } from './me.resolver';
import { SearchResolver } from './search.resolver';

const RESOLVERS = [
  MeResolver,
  ConnectionResolver,
  SearchResolver,
  CandidateResolver,
  LookupResolver,
] as const;

/** The executable schema. Validation is ours (zod), so type-graphql's class-validator is off. */
export function buildAppSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: RESOLVERS, validate: false });
}

/** The SDL committed as schema.graphql: sorted, so the file changes only when the API does. */
export function printAppSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}

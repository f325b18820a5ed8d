import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ValidationRule } from 'graphql';
import type { AppConfig } from '../config/config';

/**
 * Query safety, one set of limits for HTTP and WebSocket: depth, aliases, directives and cost
 * as validation rules (graphql-armor), token count in the parser itself (graphql-js
 * `maxTokens`), and no field suggestions in production.
 */
export interface QueryLimits {
  validationRules: ValidationRule[];
  plugins: ApolloServerPlugin[];
  maxTokens: number;
}

export function createQueryLimits(config: AppConfig['graphql'], production: boolean): QueryLimits {
  const armor = new ApolloArmor({
    maxDepth: { n: config.maxDepth },
    maxAliases: { n: config.maxAliases },
    maxDirectives: { n: config.maxDirectives },
    costLimit: { maxCost: config.maxCost },
    blockFieldSuggestion: { enabled: production },
    // graphql-js enforces this while parsing; armor's version is an Apollo hook that does not stop the request.
    maxTokens: { enabled: false },
  }).protect();
  return {
    validationRules: armor.validationRules,
    plugins: armor.plugins,
    maxTokens: config.maxTokens,
  };
}

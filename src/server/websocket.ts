import type { Server as HttpServer } from 'node:http';
import {
  getOperationAST,
  GraphQLError,
  OperationTypeNode,
  parse,
  specifiedRules,
  validate,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Tenant } from '../common/tenant';
import type { RequestContext } from '../resolvers/context';
import type { createErrorFormatter } from './format-error';
import { checkTextInput } from './input-guard';
import type { QueryLimits } from './query-limits';

/** Close code for a missing or bad key, mirroring HTTP 401. */
export const WS_UNAUTHORIZED = 4401;

export interface WebSocketDeps {
  httpServer: HttpServer;
  schema: GraphQLSchema;
  authenticate(authorization: string | null): Promise<Tenant | null>;
  createContext(tenant: Tenant): RequestContext;
  formatError: ReturnType<typeof createErrorFormatter>;
  limits: QueryLimits;
}

// A type alias (not an interface) so it satisfies graphql-ws's index-signature constraint.
type SocketExtra = { tenant?: Tenant };

/** graphql-ws on the same port and path as HTTP: `/graphql`. */
export function attachGraphqlWebSocket(deps: WebSocketDeps): { close(): Promise<void> } {
  const wss = new WebSocketServer({ server: deps.httpServer, path: '/graphql' });
  const cleanup = useServer<Record<string, unknown>, SocketExtra>(
    {
      schema: deps.schema,
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.['authorization'];
        const tenant = await deps.authenticate(
          typeof authorization === 'string' ? authorization : null,
        );
        if (!tenant) {
          ctx.extra.socket.close(WS_UNAUTHORIZED, 'Unauthorized');
          return false;
        }
        ctx.extra.tenant = tenant;
        return true;
      },
      // The same parse and validation limits as HTTP, so a socket is no way around them.
      onSubscribe: (ctx, _id, payload) => {
        const tenant = ctx.extra.tenant;
        if (!tenant)
          return [new GraphQLError('Unauthenticated', { extensions: { code: 'UNAUTHENTICATED' } })];
        let document;
        try {
          document = parse(payload.query, { maxTokens: deps.limits.maxTokens });
        } catch (error) {
          return [withCode(error, 'GRAPHQL_PARSE_FAILED')];
        }
        const errors = validate(deps.schema, document, [
          ...specifiedRules,
          ...deps.limits.validationRules,
        ]);
        if (errors.length > 0) return errors.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED'));
        const unsafe = checkTextInput(document, payload.variables);
        if (unsafe) return [unsafe];
        return {
          schema: deps.schema,
          document,
          operationName: payload.operationName ?? null,
          variableValues: payload.variables ?? null,
          contextValue: deps.createContext(tenant),
        };
      },
      // A subscription that cannot start (bad or unknown argument, variables that do not
      // coerce) answers with graphql-ws's error message, as a refused document does.
      onOperation: (_ctx, _id, _payload, args, result) => {
        const operation = getOperationAST(args.document, args.operationName);
        if (operation?.operation !== OperationTypeNode.SUBSCRIPTION || !('errors' in result))
          return undefined;
        return failedStream(result);
      },
      onError: (_ctx, _id, _payload, errors) =>
        errors.map((e) => formatAsError(deps.formatError, e)),
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!('errors' in result) || !result.errors) return result;
        return { ...result, errors: result.errors.map((e) => formatAsError(deps.formatError, e)) };
      },
    },
    wss,
  );
  return {
    async close() {
      await cleanup.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function withCode(error: unknown, code: string): GraphQLError {
  const message = error instanceof Error ? error.message : String(error);
  return new GraphQLError(message, { extensions: { code } });
}

/**
 * graphql-js's own refusal of the request (variables that do not coerce): no path, no cause,
 * no code. Apollo calls these BAD_USER_INPUT over HTTP; so do we over WebSocket.
 */
function isRequestError(error: unknown): error is GraphQLError {
  return (
    error instanceof GraphQLError &&
    !error.originalError &&
    !error.path &&
    error.extensions['code'] === undefined
  );
}

/** A stream whose first read fails with the result's first error (graphql-ws sends `error`). */
// eslint-disable-next-line require-yield -- it only ever fails
async function* failedStream(result: ExecutionResult): AsyncGenerator<never> {
  await Promise.resolve();
  throw result.errors?.[0] ?? new GraphQLError('The subscription could not start');
}

/**
 * graphql-ws wraps a stream's error in a GraphQLError without a path, around graphql-js's
 * located one: the formatter needs the error thrown by our code to know its code.
 */
function innermost(error: GraphQLError): unknown {
  let current: unknown = error;
  while (current instanceof GraphQLError && current.originalError) current = current.originalError;
  return current;
}

function formatAsError(format: WebSocketDeps['formatError'], error: GraphQLError): GraphQLError {
  const inner = innermost(error);
  const formatted = format(
    isRequestError(inner) ? withCode(inner, 'BAD_USER_INPUT').toJSON() : error.toJSON(),
    inner,
  );
  return new GraphQLError(formatted.message, {
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: formatted.extensions ?? {},
  });
}

import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  visit,
  type DocumentNode,
  type OperationDefinitionNode,
  type ValueNode,
} from 'graphql';
import { unsafeTextProblem } from '../common/errors';

/**
 * Checks on a request's input made once, before execution, for HTTP and WebSocket alike: text
 * PostgreSQL cannot store (U+0000, unpaired surrogates) anywhere in an argument, inline or in a
 * variable, is BAD_USER_INPUT naming the argument path, so no resolver, service or engine has to
 * remember it.
 */
export function checkTextInput(
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> | null | undefined,
): GraphQLError | null {
  let found: GraphQLError | null = null;
  const vars = variables ?? {};
  visit(document, {
    Argument(node) {
      found ??= checkValueNode(node.value, [node.name.value], vars);
      return false;
    },
  });
  if (found) return found;
  // Variables not bound to an argument never reach a resolver, but refuse them all the same.
  for (const [name, value] of Object.entries(vars)) {
    const problem = checkJson(value, [`$${name}`]);
    if (problem) return problem;
  }
  return null;
}

function checkValueNode(
  node: ValueNode,
  path: (string | number)[],
  variables: Readonly<Record<string, unknown>>,
): GraphQLError | null {
  switch (node.kind) {
    case Kind.STRING:
      return checkString(node.value, path);
    case Kind.LIST:
      for (const [index, item] of node.values.entries()) {
        const problem = checkValueNode(item, [...path, index], variables);
        if (problem) return problem;
      }
      return null;
    case Kind.OBJECT:
      for (const field of node.fields) {
        const problem = checkValueNode(field.value, [...path, field.name.value], variables);
        if (problem) return problem;
      }
      return null;
    case Kind.VARIABLE:
      return checkJson(variables[node.name.value], path);
    default:
      return null;
  }
}

/** Depth-bounded: the body parser already bounds size, and graphql-js bounds nesting later. */
function checkJson(value: unknown, path: (string | number)[], depth = 0): GraphQLError | null {
  if (typeof value === 'string') return checkString(value, path);
  if (depth > 64 || typeof value !== 'object' || value === null) return null;
  const entries = Array.isArray(value) ? value.entries() : Object.entries(value);
  for (const [key, item] of entries) {
    const keyProblem = typeof key === 'string' ? checkString(key, [...path, '(key)']) : null;
    if (keyProblem) return keyProblem;
    const problem = checkJson(item, [...path, key], depth + 1);
    if (problem) return problem;
  }
  return null;
}

function checkString(text: string, path: (string | number)[]): GraphQLError | null {
  const problem = unsafeTextProblem(text);
  if (!problem) return null;
  const field = path.join('.');
  return badInput(`${field} ${problem}, which cannot be stored`, field);
}

function badInput(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: 'BAD_USER_INPUT',
      ...(field ? { field } : {}),
      http: { status: 400 },
    },
  });
}

/** Subscriptions are long-lived streams: graphql-ws on the same path, never one HTTP answer. */
export function subscriptionOverHttpError(): GraphQLError {
  return badInput(
    'Subscriptions go over WebSocket: connect with graphql-ws (subprotocol graphql-transport-ws) to /graphql.',
  );
}

/** The request checks above, for Apollo (HTTP): after the operation is known, before execution. */
export function inputGuardPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ operation, document, request }) {
          if (isSubscription(operation)) throw subscriptionOverHttpError();
          const problem = checkTextInput(document, request.variables);
          if (problem) throw problem;
          return Promise.resolve();
        },
      });
    },
  };
}

function isSubscription(operation: OperationDefinitionNode | undefined): boolean {
  return operation?.operation === OperationTypeNode.SUBSCRIPTION;
}

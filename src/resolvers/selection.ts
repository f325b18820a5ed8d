import {
  getArgumentValues,
  getNamedType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';

/** The fields named `name` selected directly under the current field (fragments included). */
function selectedFields(info: GraphQLResolveInfo, name: string): FieldNode[] {
  const found: FieldNode[] = [];
  const visit = (set: SelectionSetNode | undefined): void => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === name) found.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else {
        visit(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return found;
}

/** Whether the client selected `name` directly under the current field (fragments included). */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  return selectedFields(info, name).length > 0;
}

/**
 * The arguments of every selection of `name` under the current field (one per alias), coerced
 * with the request's variables, so a resolver can compute ahead what its child field will ask.
 */
export function selectedArguments(
  info: GraphQLResolveInfo,
  name: string,
): Record<string, unknown>[] {
  const type = getNamedType(info.returnType);
  const field = isObjectType(type) ? type.getFields()[name] : undefined;
  if (!field) return [];
  return selectedFields(info, name).map((node) =>
    getArgumentValues(field, node, info.variableValues),
  );
}

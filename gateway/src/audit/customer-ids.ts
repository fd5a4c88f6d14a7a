import {
  getNamedType,
  isAbstractType,
  isInterfaceType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
  valueFromASTUntyped,
} from 'graphql';

/**
 * The ids of the customers a response holds: every `id` selected on a
 * `Customer` object, wherever it sits (root lookups, lists, the customer of
 * an identifier ownership …), through aliases and fragments. It is how the
 * PII-read audit learns whose data an operation read. A customer fetched by
 * an `id` argument (`customer(id: …)`) counts under that id even when the
 * operation does not select it; a customer found otherwise (by identifier)
 * without its id selected cannot be attributed (the audit still records who
 * read which fields).
 */
export function customerIdsInResult(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  data: unknown,
  variables: Record<string, unknown> | null | undefined = {},
  typeName = 'Customer',
): string[] {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  if (!operation || typeof data !== 'object' || data === null) return [];
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!root) return [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const found = new Set<string>();

  const applies = (condition: string | undefined, type: GraphQLNamedType) => {
    if (!condition || condition === type.name) return true;
    const conditionType = schema.getType(condition);
    // On an abstract parent the concrete type is unknown: follow the fragment and let missing fields be missing.
    return isAbstractType(type) || (conditionType !== undefined && isAbstractType(conditionType));
  };

  const walk = (type: GraphQLNamedType, selectionSet: SelectionSetNode, value: unknown): void => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      for (const item of value) walk(type, selectionSet, item);
      return;
    }
    if (typeof value !== 'object') return;
    const object = value as Record<string, unknown>;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        if (type.name === typeName && selection.name.value === 'id' && typeof object[key] === 'string') {
          found.add(object[key] as string);
        }
        if (!selection.selectionSet) continue;
        const field = fieldOf(type, selection.name.value);
        if (!field) continue;
        const named = getNamedType(field.type);
        if (named.name === typeName && object[key] !== null && object[key] !== undefined) {
          for (const argument of selection.arguments ?? []) {
            if (argument.name.value !== 'id' && argument.name.value !== 'ids') continue;
            const value = valueFromASTUntyped(argument.value, variables ?? {});
            for (const id of Array.isArray(value) ? value : [value]) if (typeof id === 'string') found.add(id);
          }
        }
        walk(named, selection.selectionSet, object[key]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition?.name.value;
        if (applies(condition, type))
          walk(condition ? (schema.getType(condition) ?? type) : type, selection.selectionSet, value);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment && applies(fragment.typeCondition.name.value, type)) {
          walk(schema.getType(fragment.typeCondition.name.value) ?? type, fragment.selectionSet, value);
        }
      }
    }
  };
  walk(root, operation.selectionSet, data);
  return [...found].sort();
}

function fieldOf(type: GraphQLNamedType, name: string) {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
}

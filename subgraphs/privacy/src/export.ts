/**
 * Right of access: everything c360 can read about a customer, as JSON.
 *
 * The selection is built from the supergraph's `Customer` type — every
 * field, recursively, `first` at its largest on paged fields — so that a
 * field added to any subgraph is exported without anyone listing it. Each
 * top-level field is one query through the gateway (small enough for the
 * gateway's limits, and one failing source costs only its own fields), made
 * as the caller who asked for the export: the gateway enforces the caller's
 * scopes and audits the read like any other. Top-level connections are paged
 * through to the end.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { signCaller, type Caller } from '@c360/kit/auth';

export const DEFAULT_SUPERGRAPH_PATH = path.join(__dirname, '..', '..', '..', 'graph-schema', 'supergraph.graphql');

/** Page size asked on every paged field: the largest every source accepts. */
export const PAGE_SIZE = 100;
/** How deep the selection goes below a Customer field. */
const MAX_DEPTH = 6;

export interface ExportError {
  field: string;
  message: string;
  code: string | null;
}

export interface CustomerExport {
  customerId: string;
  exportedAt: string;
  data: Record<string, unknown>;
  errors: ExportError[];
}

/** The supergraph's schema (join directives and all; only its types are read). */
export function loadSupergraphSchema(file = DEFAULT_SUPERGRAPH_PATH): GraphQLSchema {
  return buildSchema(readFileSync(file, 'utf8'), { assumeValidSDL: true });
}

/** One top-level field of Customer and how to ask for it. */
export interface ExportField {
  name: string;
  /** The field's arguments and selection, e.g. `(first: 100, after: $after) { … }`. */
  query: string;
  /** A connection paged through with `after`. */
  paged: boolean;
  /** The same field as several smaller queries, merged, for when the whole is over the gateway's limits. */
  parts: string[];
}

function argumentsOf(field: GraphQLField<unknown, unknown>, withAfter: boolean): string | null {
  const args: string[] = [];
  for (const arg of field.args) {
    if (arg.name === 'first') args.push(`first: ${PAGE_SIZE}`);
    else if (arg.name === 'after' && withAfter) args.push('after: $after');
    else if (isNonNullType(arg.type) && arg.defaultValue === undefined) return null;
  }
  return args.length > 0 ? `(${args.join(', ')})` : '';
}

const isConnection = (type: GraphQLNamedType) =>
  isObjectType(type) && 'edges' in type.getFields() && 'pageInfo' in type.getFields();

/**
 * The fields of a type's selection set: every field, arguments filled,
 * Customer references reduced to their id. A type already on the path is not
 * entered again (a receipt's loyalty card's receipts …): its data is where
 * the path started.
 */
function subfieldsOf(schema: GraphQLSchema, type: GraphQLNamedType, depth: number, path: Set<string>): string[] | null {
  if (isScalarType(type) || isEnumType(type)) return [];
  if (type.name === 'Customer') return ['id'];
  if (depth > MAX_DEPTH) return null;
  const inner = new Set(path).add(type.name);
  if (isUnionType(type)) {
    const parts = type
      .getTypes()
      .map((t) => [t.name, selectionOf(schema, t, depth + 1, inner)] as const)
      .filter(([, sel]) => sel)
      .map(([name, sel]) => `... on ${name} ${sel}`);
    return ['__typename', ...parts];
  }
  if (!isObjectType(type) && !isInterfaceType(type)) return null;
  const fields: string[] = [];
  for (const field of Object.values(type.getFields())) {
    const args = argumentsOf(field, false);
    const named = getNamedType(field.type);
    if (args === null || (inner.has(named.name) && named.name !== 'Customer')) continue;
    const selection = selectionOf(schema, named, depth + 1, inner);
    if (selection === null) continue;
    fields.push(`${field.name}${args}${selection ? ` ${selection}` : ''}`);
  }
  return fields.length > 0 ? fields : null;
}

function selectionOf(schema: GraphQLSchema, type: GraphQLNamedType, depth: number, path: Set<string>): string | null {
  const fields = subfieldsOf(schema, type, depth, path);
  if (fields === null) return null;
  return fields.length === 0 ? '' : `{ ${fields.join(' ')} }`;
}

/** Every field of Customer (but `id`) with its selection. */
export function exportFields(schema: GraphQLSchema): ExportField[] {
  const customer = schema.getType('Customer');
  if (!isObjectType(customer)) throw new Error('the supergraph has no Customer type');
  const out: ExportField[] = [];
  const path = new Set(['Customer']);
  for (const field of Object.values(customer.getFields())) {
    if (field.name === 'id') continue;
    const type = getNamedType(field.type);
    const paged = isConnection(type) && field.args.some((a) => a.name === 'after');
    const args = argumentsOf(field, paged);
    const subfields = subfieldsOf(schema, type, 1, path);
    if (args === null || subfields === null) continue;
    const query = subfields.length === 0 ? args : `${args} { ${subfields.join(' ')} }`;
    // Too big for the gateway's limits in one query: the leaves together, then each nested field alone.
    const leaves = subfields.filter((f) => !f.includes('{'));
    const nested = subfields.filter((f) => f.includes('{'));
    const parts =
      paged || nested.length < 2
        ? []
        : [...(leaves.length > 0 ? [leaves] : []), ...nested.map((f) => [f])].map((p) => `${args} { ${p.join(' ')} }`);
    out.push({ name: field.name, query, paged, parts });
  }
  return out;
}

interface GraphQLAnswer {
  data?: { customer?: Record<string, unknown> | null } | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export interface ExporterOptions {
  /** The gateway's base URL; null while it is not known. */
  gatewayUrl: () => string | null;
  /** The secret shared with the gateway, to sign calls as the caller; unset in development without one. */
  secret: () => string | undefined;
  schema?: GraphQLSchema;
  /** Budget of one query. @default 30000 */
  timeoutMs?: number;
  /** Queries at once. @default 4 */
  concurrency?: number;
}

export class CustomerExporter {
  readonly fields: ExportField[];

  constructor(private readonly options: ExporterOptions) {
    this.fields = exportFields(options.schema ?? loadSupergraphSchema());
  }

  private async ask(caller: Caller, query: string, variables: Record<string, unknown>): Promise<GraphQLAnswer> {
    const gateway = this.options.gatewayUrl();
    if (!gateway) throw new Error('the gateway is not known to the privacy subgraph');
    const secret = this.options.secret();
    const response = await fetch(new URL('/graphql', gateway), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(secret
          ? signCaller({ client: caller.client, scopes: caller.scopes, requestId: caller.requestId }, secret)
          : {}),
      },
      body: JSON.stringify({ query, variables, operationName: 'CustomerDataExport' }),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
    });
    const answer = (await response.json().catch(() => null)) as GraphQLAnswer | null;
    if (!answer) throw new Error(`the gateway answered ${response.status} without a GraphQL body`);
    return answer;
  }

  /** The export of a customer as `caller` may read it; null when the gateway knows no such customer. */
  async export(customerId: string, caller: Caller): Promise<CustomerExport | null> {
    const head = await this.ask(caller, 'query CustomerDataExport($id: ID!) { customer(id: $id) { id } }', {
      id: customerId,
    });
    if (head.errors?.length && !head.data?.customer) {
      throw new Error(`the gateway refused the export: ${head.errors.map((e) => e.message).join('; ')}`);
    }
    const survivor = head.data?.customer?.id;
    if (typeof survivor !== 'string') return null;
    const data: Record<string, unknown> = {};
    const errors: ExportError[] = [];
    const queue = [...this.fields];
    const worker = async () => {
      for (let field = queue.shift(); field; field = queue.shift()) {
        try {
          data[field.name] = await this.exportField(field, survivor, caller, errors);
        } catch (err) {
          data[field.name] = null;
          errors.push({ field: field.name, message: (err as Error).message, code: 'EXPORT_FAILED' });
        }
      }
    };
    await Promise.all(Array.from({ length: this.options.concurrency ?? 4 }, worker));
    const ordered = Object.fromEntries(this.fields.map((f) => [f.name, data[f.name] ?? null]));
    return {
      customerId: survivor,
      exportedAt: new Date().toISOString(),
      data: { id: survivor, ...ordered },
      errors: errors.sort((a, b) => a.field.localeCompare(b.field)),
    };
  }

  private async exportField(field: ExportField, id: string, caller: Caller, errors: ExportError[]): Promise<unknown> {
    const attempt: ExportError[] = [];
    let value = await this.exportQuery(field, field.query, id, caller, attempt);
    if (attempt.some((e) => e.code === OVER_LIMITS) && field.parts.length > 0) {
      attempt.length = 0;
      value = null;
      for (const part of field.parts) value = merge(value, await this.exportQuery(field, part, id, caller, attempt));
    }
    errors.push(...attempt);
    truncated(field.name, value, field.paged, errors);
    return value;
  }

  private async exportQuery(
    field: ExportField,
    selection: string,
    id: string,
    caller: Caller,
    errors: ExportError[],
  ): Promise<unknown> {
    const variables = field.paged ? '($id: ID!, $after: String)' : '($id: ID!)';
    // The id too: the gateway's PII-read audit attributes the read to the customer by it.
    const query = `query CustomerDataExport${variables} { customer(id: $id) { id ${field.name}${selection} } }`;
    let after: string | null = null;
    let value: Record<string, unknown> | null = null;
    for (;;) {
      const answer = await this.ask(caller, query, field.paged ? { id, after } : { id });
      for (const e of answer.errors ?? []) {
        errors.push({ field: field.name, message: e.message, code: e.extensions?.code ?? null });
      }
      const page = answer.data?.customer?.[field.name];
      if (!field.paged || !page || typeof page !== 'object') return page ?? value ?? null;
      const connection = page as { edges?: unknown[]; pageInfo?: { hasNextPage?: boolean; endCursor?: string | null } };
      value = value
        ? { ...connection, edges: [...((value.edges as unknown[]) ?? []), ...(connection.edges ?? [])] }
        : { ...connection };
      if (!connection.pageInfo?.hasNextPage || !connection.pageInfo.endCursor) return value;
      after = connection.pageInfo.endCursor;
    }
  }
}

/** The gateway's code for an operation over its depth, cost or token limits. */
const OVER_LIMITS = 'OPERATION_LIMIT_EXCEEDED';

/** Two answers for the same field with different selections, as one: lists element by element, objects key by key. */
function merge(a: unknown, b: unknown): unknown {
  if (Array.isArray(a) && Array.isArray(b)) return b.map((item, i) => merge(a[i], item));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
    for (const [key, value] of Object.entries(b)) out[key] = key in out ? merge(out[key], value) : value;
    return out;
  }
  return b ?? a;
}

/** Reports nested connections that hold more than one page: the export shows their first page only. */
function truncated(field: string, value: unknown, paged: boolean, errors: ExportError[], path = field): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => truncated(field, item, false, errors, `${path}[${i}]`));
    return;
  }
  if (!value || typeof value !== 'object') return;
  const object = value as Record<string, unknown>;
  const pageInfo = object.pageInfo as { hasNextPage?: boolean } | undefined;
  if (!paged && pageInfo?.hasNextPage) {
    errors.push({
      field,
      code: 'TRUNCATED',
      message: `${path}: only the first ${PAGE_SIZE} items are exported; query the field itself for the rest`,
    });
  }
  for (const [key, child] of Object.entries(object)) {
    if (key !== 'pageInfo') truncated(field, child, false, errors, `${path}.${key}`);
  }
}

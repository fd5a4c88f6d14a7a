/**
 * Segment rules: a small JSON rule language over a customer's golden profile,
 * KPIs and contactability, validated against a catalogue of typed fields and
 * evaluated on demand, so that membership is always current.
 *
 *   { "all": [
 *       { "field": "kpi.spentLast12Months", "op": "gt", "value": 500 },
 *       { "field": "kpi.daysSinceLastPurchase", "op": "gte", "value": 90 },
 *       { "field": "contactable.EMAIL", "op": "eq", "value": true } ] }
 *
 * `all`, `any` and `not` combine conditions. A comparison with a missing value
 * (a customer who never bought has no days since last purchase) is false,
 * except `exists`, which tests exactly that.
 */
import { z } from 'zod';

export type FieldType = 'number' | 'string' | 'boolean';

/** Every field a rule may use, with its type and what it means (shown to users). */
export const SEGMENT_FIELDS = {
  'kpi.orderCount': { type: 'number', description: 'Purchases online and in store, all time.' },
  'kpi.onlineOrderCount': { type: 'number', description: 'Web-shop orders, all time.' },
  'kpi.storePurchaseCount': { type: 'number', description: 'In-store receipts with a loyalty card, all time.' },
  'kpi.totalSpent': { type: 'number', description: 'All-time spend in the reporting currency.' },
  'kpi.spentLast12Months': { type: 'number', description: 'Spend over the last 12 months in the reporting currency.' },
  'kpi.averageBasket': { type: 'number', description: 'Average purchase value in the reporting currency.' },
  'kpi.daysSinceLastPurchase': { type: 'number', description: 'Days since the last purchase, online or in store.' },
  'kpi.daysSinceFirstPurchase': { type: 'number', description: 'Days since the first purchase.' },
  'kpi.purchasesPerMonth': { type: 'number', description: 'Purchase frequency over the customer’s active span.' },
  'kpi.recencyScore': { type: 'number', description: 'RFM recency score, 1 (long ago) to 5 (recent).' },
  'kpi.frequencyScore': { type: 'number', description: 'RFM frequency score, 1 to 5.' },
  'kpi.monetaryScore': { type: 'number', description: 'RFM monetary score, 1 to 5.' },
  'kpi.openSupportTickets': { type: 'number', description: 'Help-desk tickets not solved or closed.' },
  'kpi.lastNps': { type: 'number', description: 'Latest NPS answer, 0 to 10.' },
  'kpi.daysSinceLastWebVisit': { type: 'number', description: 'Days since the last web session.' },
  'profile.country': { type: 'string', description: 'Country of the golden postal address (ISO 3166-1 alpha-2).' },
  'profile.language': { type: 'string', description: 'Golden language (BCP 47).' },
  'profile.emailDomain': { type: 'string', description: 'Domain of the golden email, e.g. gmail.com.' },
  'profile.hasCompany': { type: 'boolean', description: 'Whether a company is known (B2B contact).' },
  'contactable.EMAIL': { type: 'boolean', description: 'May be contacted by email for marketing.' },
  'contactable.SMS': { type: 'boolean', description: 'May be contacted by SMS for marketing.' },
  'contactable.PHONE': { type: 'boolean', description: 'May be called for marketing.' },
  'contactable.POST': { type: 'boolean', description: 'May receive marketing mail.' },
} as const satisfies Record<string, { type: FieldType; description: string }>;

export type SegmentField = keyof typeof SEGMENT_FIELDS;
export type FieldValues = Partial<Record<SegmentField, number | string | boolean | null>>;

/** Every operator a rule may use, with the field types it applies to. */
export const SEGMENT_OPERATORS = {
  eq: ['number', 'string', 'boolean'],
  ne: ['number', 'string', 'boolean'],
  gt: ['number'],
  gte: ['number'],
  lt: ['number'],
  lte: ['number'],
  in: ['number', 'string'],
  contains: ['string'],
  exists: ['number', 'string', 'boolean'],
} as const satisfies Record<string, readonly FieldType[]>;
export type Operator = keyof typeof SEGMENT_OPERATORS;

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { field: SegmentField; op: Operator; value?: unknown };

const MAX_DEPTH = 8;
const MAX_CONDITIONS = 64;

export class SegmentRuleError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'SegmentRuleError';
  }
}

const comparison = z.object({ field: z.string(), op: z.string(), value: z.unknown().optional() }).strict();

/**
 * Validates a rule and returns it typed. Throws SegmentRuleError naming the
 * place in the rule (e.g. `rule.all.1.value`) and what was expected there.
 */
export function parseSegmentRule(input: unknown): Condition {
  let count = 0;
  const walk = (node: unknown, path: string, depth: number): Condition => {
    if (depth > MAX_DEPTH) throw new SegmentRuleError(path, `rules nest at most ${MAX_DEPTH} levels deep`);
    if (++count > MAX_CONDITIONS) throw new SegmentRuleError(path, `a rule holds at most ${MAX_CONDITIONS} conditions`);
    if (typeof node !== 'object' || node === null || Array.isArray(node)) {
      throw new SegmentRuleError(
        path,
        `expected an object with all, any, not or field, received ${JSON.stringify(node)}`,
      );
    }
    const keys = Object.keys(node);
    for (const group of ['all', 'any'] as const) {
      if (group in node) {
        if (keys.length !== 1) throw new SegmentRuleError(path, `"${group}" must be alone in its object`);
        const list = (node as Record<string, unknown>)[group];
        if (!Array.isArray(list) || list.length === 0) {
          throw new SegmentRuleError(`${path}.${group}`, 'expected a non-empty list of conditions');
        }
        const children = list.map((child, i) => walk(child, `${path}.${group}.${i}`, depth + 1));
        return group === 'all' ? { all: children } : { any: children };
      }
    }
    if ('not' in node) {
      if (keys.length !== 1) throw new SegmentRuleError(path, '"not" must be alone in its object');
      return { not: walk((node as { not: unknown }).not, `${path}.not`, depth + 1) };
    }
    const parsed = comparison.safeParse(node);
    if (!parsed.success) {
      throw new SegmentRuleError(path, 'expected { field, op, value } or a group (all, any, not)');
    }
    const { field, op, value } = parsed.data;
    if (!(field in SEGMENT_FIELDS)) {
      throw new SegmentRuleError(
        `${path}.field`,
        `unknown field "${field}"; known fields: ${Object.keys(SEGMENT_FIELDS).join(', ')}`,
      );
    }
    const type = SEGMENT_FIELDS[field as SegmentField].type;
    if (!(op in SEGMENT_OPERATORS)) {
      throw new SegmentRuleError(
        `${path}.op`,
        `unknown operator "${op}"; expected one of ${Object.keys(SEGMENT_OPERATORS).join(', ')}`,
      );
    }
    const allowed: readonly FieldType[] = SEGMENT_OPERATORS[op as Operator];
    if (!allowed.includes(type)) {
      throw new SegmentRuleError(`${path}.op`, `"${op}" does not apply to ${type} field ${field}`);
    }
    if (op === 'exists') {
      if (value !== undefined && typeof value !== 'boolean') {
        throw new SegmentRuleError(`${path}.value`, 'exists takes true, false or no value');
      }
    } else if (op === 'in') {
      if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== type)) {
        throw new SegmentRuleError(`${path}.value`, `expected a non-empty list of ${type}s`);
      }
    } else if (typeof value !== type || (type === 'number' && !Number.isFinite(value))) {
      throw new SegmentRuleError(`${path}.value`, `expected a ${type} for ${field}, received ${JSON.stringify(value)}`);
    }
    return { field: field as SegmentField, op: op as Operator, value };
  };
  return walk(input, 'rule', 1);
}

/** The fields a rule reads, so that a caller computes only those. */
export function fieldsOf(rule: Condition): Set<SegmentField> {
  const out = new Set<SegmentField>();
  const walk = (c: Condition) => {
    if ('all' in c) c.all.forEach(walk);
    else if ('any' in c) c.any.forEach(walk);
    else if ('not' in c) walk(c.not);
    else out.add(c.field);
  };
  walk(rule);
  return out;
}

/** Whether a customer with these field values is in the segment. */
export function evaluate(rule: Condition, values: FieldValues): boolean {
  if ('all' in rule) return rule.all.every((c) => evaluate(c, values));
  if ('any' in rule) return rule.any.some((c) => evaluate(c, values));
  if ('not' in rule) return !evaluate(rule.not, values);
  const actual = values[rule.field];
  const present = actual !== null && actual !== undefined;
  if (rule.op === 'exists') return present === (rule.value ?? true);
  if (!present) return false;
  switch (rule.op) {
    case 'eq':
      return actual === rule.value;
    case 'ne':
      return actual !== rule.value;
    case 'gt':
      return (actual as number) > (rule.value as number);
    case 'gte':
      return (actual as number) >= (rule.value as number);
    case 'lt':
      return (actual as number) < (rule.value as number);
    case 'lte':
      return (actual as number) <= (rule.value as number);
    case 'in':
      return (rule.value as unknown[]).includes(actual);
    case 'contains':
      return String(actual).toLowerCase().includes(String(rule.value).toLowerCase());
  }
}

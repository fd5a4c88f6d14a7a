/**
 * Survivorship rules as data: one rule per golden attribute, validated here
 * whether they come from the defaults, the database or an admin mutation.
 */
import { z } from 'zod';
import { STRATEGIES, type AttributeRule } from './survivorship';

export const GOLDEN_ATTRIBUTES = [
  'NAME',
  'EMAIL',
  'PHONE',
  'POSTAL_ADDRESS',
  'BIRTH_DATE',
  'LANGUAGE',
  'COMPANY',
] as const;
export type GoldenAttribute = (typeof GOLDEN_ATTRIBUTES)[number];

export type SurvivorshipRules = Record<GoldenAttribute, AttributeRule>;

/**
 * Defaults: the CRM is curated by sales reps, so it wins names and addresses;
 * contact points go to what the customer used most recently (a shop checkout
 * or a loyalty enrolment is typed by the customer themself).
 */
export const DEFAULT_RULES: SurvivorshipRules = {
  NAME: {
    strategies: ['SOURCE_PRIORITY', 'MOST_FREQUENT', 'MOST_RECENT'],
    sourcePriority: ['crm', 'stores', 'commerce', 'support', 'surveys'],
  },
  EMAIL: { strategies: ['MOST_RECENT', 'MOST_FREQUENT'], sourcePriority: [] },
  PHONE: { strategies: ['MOST_RECENT', 'MOST_FREQUENT'], sourcePriority: [] },
  POSTAL_ADDRESS: {
    strategies: ['MOST_COMPLETE', 'SOURCE_PRIORITY', 'MOST_RECENT'],
    sourcePriority: ['crm', 'commerce', 'stores'],
  },
  BIRTH_DATE: { strategies: ['MOST_FREQUENT', 'SOURCE_PRIORITY'], sourcePriority: ['stores', 'crm'] },
  LANGUAGE: { strategies: ['MOST_RECENT'], sourcePriority: [] },
  COMPANY: { strategies: ['SOURCE_PRIORITY', 'MOST_RECENT'], sourcePriority: ['crm'] },
};

const SYSTEM = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,39}$/, 'expected a source system name like crm (lower case letters, digits, - or _)');

export const attributeRuleSchema = z
  .object({
    strategies: z
      .array(z.enum(STRATEGIES))
      .min(1, 'expected at least one strategy')
      .refine((s) => new Set(s).size === s.length, 'a strategy may appear only once'),
    sourcePriority: z
      .array(SYSTEM)
      .default([])
      .refine((s) => new Set(s).size === s.length, 'a source may appear only once'),
  })
  .strict()
  .refine((r) => !r.strategies.includes('SOURCE_PRIORITY') || r.sourcePriority.length > 0, {
    message: 'SOURCE_PRIORITY needs a non-empty sourcePriority list',
    path: ['sourcePriority'],
  });

/** Validates one attribute's rule; the error message names the offending part. */
export function parseAttributeRule(input: unknown): { ok: true; rule: AttributeRule } | { ok: false; error: string } {
  const parsed = attributeRuleSchema.safeParse(input);
  if (parsed.success) return { ok: true, rule: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, error: `${issue.path.join('.') || 'rule'}: ${issue.message}` };
}

import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { MatchModel } from './matching/model';
import { blockListMatcher, DEFAULT_BLOCK_LIST } from './block-list';
import { IDENTIFIER_KINDS, type IdentifierKind } from './normalize';

const kindRule = z.object({
  /** Whether records sharing a value of this kind may be linked at all. */
  links: z.boolean(),
  /**
   * A weak kind (cookie, device) attaches anonymous records to a known
   * customer but never joins two customers that each hold a strong identifier:
   * a cookie shared by two logged-in people must not merge them.
   */
  weak: z.boolean(),
  /** Links of higher priority are made first; a lower one gives way when it would break a limit. */
  priority: z.number().int(),
  /** A value seen on more records than this is blocked from linking (a family email, a shop's own phone). */
  maxRecords: z.number().int().min(2),
  /** How many values of this kind one customer may hold; a link that would exceed it is not made. */
  maxPerCustomer: z.number().int().min(1),
  /**
   * A value seen with more different names than this fans out too far (a
   * shared mailbox, a reception desk phone) and is blocked automatically.
   */
  maxNames: z.number().int().min(1),
});

/**
 * Probabilistic matching of records that share no identifier (see
 * matching/live.ts). Every field may be left out of a rules file: it takes
 * the default shown.
 */
const matchingRules = z
  .object({
    /** Whether observations carrying match attributes are scored against their blocks. */
    enabled: z.boolean().default(true),
    /**
     * Scores are sums of log2(m/u): at or above `upper` two records link
     * (SAME_AS); from `lower` up to `upper` the pair goes to the review queue.
     * The defaults are the batch matcher's (matching/engine.ts), chosen on its
     * 100 000-record sample; with the built-in m/u, 10 is a match probability
     * of about 0.99 among candidate pairs.
     */
    thresholds: z
      .object({ upper: z.number().finite(), lower: z.number().finite() })
      .refine((t) => t.lower <= t.upper, 'expected lower ≤ upper')
      .default({ upper: 10, lower: 4 }),
    /** A block holding more records than this says too little to compare (a common name): it is skipped. */
    maxBlockSize: z.number().int().min(2).max(1000).default(50),
    /** Comparison levels that send a pair to review however high its score, as "comparison=level". */
    guards: z
      .array(z.string().regex(/^[a-z_]+=[a-z_]+$/, 'expected "comparison=level", e.g. "given_name=different"'))
      .default(['given_name=different', 'date_of_birth=different']),
    /**
     * m, u and lambda, in the JSON that `npx c360 resolve --save-model` writes;
     * comparisons left out keep the built-in values (matching/comparisons.ts).
     */
    model: z
      .unknown()
      .optional()
      .superRefine((model, ctx) => {
        if (model === undefined) return;
        try {
          MatchModel.fromJSON(model);
        } catch (err) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: (err as Error).message });
        }
      }),
  })
  .default({});

export const resolutionRulesSchema = z.object({
  kinds: z.object(
    Object.fromEntries(IDENTIFIER_KINDS.map((k) => [k, kindRule])) as Record<IdentifierKind, typeof kindRule>,
  ),
  blockList: z.object({
    /** Exact normalised values that never link, e.g. test@test.com. */
    values: z.array(z.string()),
    /** Regular expressions (case-insensitive) over normalised values that never link. */
    patterns: z.array(
      z.string().refine((p) => {
        try {
          new RegExp(p);
          return true;
        } catch {
          return false;
        }
      }, 'expected a valid regular expression'),
    ),
  }),
  matching: matchingRules,
});

export type ResolutionRules = z.infer<typeof resolutionRulesSchema>;
export type KindRule = z.infer<typeof kindRule>;
export type MatchingRules = z.infer<typeof matchingRules>;

/**
 * The match key of a person's name: case, accents, punctuation and word
 * order removed, so that "Dupont, Jean-Luc" and "jean luc DUPONT" are one key.
 * Only the key reaches the graph, never the name as the source holds it.
 */
export function nameKey(name: string | null | undefined): string | null {
  const words = (name ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .sort();
  return words.length > 0 ? words.join(' ') : null;
}

/** The default rules: strong identifiers link, weak ones only stitch anonymous records. */
export const DEFAULT_RULES: ResolutionRules = {
  kinds: {
    LOYALTY_CARD: { links: true, weak: false, priority: 40, maxRecords: 10, maxPerCustomer: 5, maxNames: 3 },
    EMAIL: { links: true, weak: false, priority: 30, maxRecords: 25, maxPerCustomer: 10, maxNames: 3 },
    PHONE: { links: true, weak: false, priority: 20, maxRecords: 25, maxPerCustomer: 10, maxNames: 4 },
    DEVICE: { links: true, weak: true, priority: 10, maxRecords: 10, maxPerCustomer: 20, maxNames: 10 },
    COOKIE: { links: true, weak: true, priority: 5, maxRecords: 50, maxPerCustomer: 100, maxNames: 20 },
  },
  blockList: DEFAULT_BLOCK_LIST,
  matching: matchingRules.parse({}),
};

/** Loads rules from a JSON file (IDENTITY_RULES_PATH), validated; the defaults when no file is given. */
export function loadRules(path?: string): ResolutionRules {
  if (!path) return DEFAULT_RULES;
  const parsed = resolutionRulesSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new Error(
      `Invalid identity rules in ${path}:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  }
  return parsed.data;
}

export { blockListMatcher };

/**
 * The ground truth's shape: which records are the same person, and the
 * identifiers they hold. Apart from generate.ts so that the source modules
 * (sources/*.ts), which generate.ts uses, can name it without a cycle.
 */
export type Country = 'FR' | 'GB' | 'DE' | 'US' | 'ES';
export type IdentifierKind = 'EMAIL' | 'PHONE' | 'LOYALTY_CARD' | 'COOKIE' | 'DEVICE';

export interface GroundTruthRecord {
  system: string;
  localId: string;
}

export interface GroundTruthIdentifier {
  kind: IdentifierKind;
  value: string;
}

export interface GroundTruthPerson {
  id: string;
  records: GroundTruthRecord[];
  /**
   * The normalised identifiers found in this person's records (emails trimmed
   * and lower-cased, phones in E.164), typo'd emails included. An identifier a
   * person has but that no record stores is not listed: nothing could find it.
   */
  identifiers: GroundTruthIdentifier[];
}

export interface GroundTruth {
  generatedBy: 'demo/seed';
  seed: number;
  people: GroundTruthPerson[];
}

/**
 * The attributes a source record may give to the probabilistic matcher. A
 * CSV column or a source field is mapped onto one of them; everything else
 * about a record is ignored by matching.
 */
export const PERSON_ATTRIBUTES = [
  'given_name',
  'family_name',
  'full_name',
  'date_of_birth',
  'email',
  'phone',
  'street',
  'city',
  'postcode',
  'country',
] as const;

/**
 * Identifier kinds of the identity graph other than email and phone (which
 * are person attributes above): compared exactly, never fuzzily, because an
 * opaque id one character off is another id.
 */
export const IDENTIFIER_ATTRIBUTES = ['loyalty_card', 'device', 'cookie'] as const;

export const ATTRIBUTES = [...PERSON_ATTRIBUTES, ...IDENTIFIER_ATTRIBUTES] as const;

export type PersonAttribute = (typeof PERSON_ATTRIBUTES)[number];
export type IdentifierAttribute = (typeof IDENTIFIER_ATTRIBUTES)[number];
export type Attribute = (typeof ATTRIBUTES)[number];

export const isAttribute = (name: string): name is Attribute => (ATTRIBUTES as readonly string[]).includes(name);

/** Raw values of one record as the source holds them, by attribute; absent or blank means unknown. */
export type RawValues = Partial<Record<Attribute, string | null | undefined>>;

/** One record to match: `source` tells the input it came from (linking compares across sources only). */
export interface InputRecord {
  source: number;
  id: string;
  values: RawValues;
}

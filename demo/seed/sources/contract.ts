/**
 * What every demo source's seed module gets and gives back.
 *
 * The people are drawn once (demo/seed/generate.ts, which also writes the CRM
 * and the web shop); each further source (stores, web analytics, help desk,
 * surveys, consent) then decides, with its own seeded random stream, which of
 * those people it knows and how messily, and reports the ground truth of the
 * records it wrote. Every source must include the people marked `everywhere`,
 * so that a demo query by email can show one person across all the silos.
 */
import { Faker, base, en } from '@faker-js/faker';
import type { Country, GroundTruth, GroundTruthIdentifier } from '../truth';

/** Identifier kinds that appear in the ground truth. */
export type TruthIdentifierKind = 'EMAIL' | 'PHONE' | 'LOYALTY_CARD' | 'COOKIE' | 'DEVICE';

/** A generated person as the further sources see them: their true, canonical identity. */
export interface DemoPerson {
  /** Ground-truth id, e.g. P-00042. */
  id: string;
  country: Country;
  firstName: string;
  lastName: string;
  /** Personal email as drawn (canonical: lower case, no spaces). */
  personalEmail: string;
  workEmail: string | null;
  /** Mobile phone in E.164, e.g. +33612345678. */
  mobile: string;
  /** The same mobile written the way people of this country type it (national format). */
  mobileAsTyped: string;
  city: string;
  postcode: string;
  street: string;
  company: string | null;
  /** The source systems the base seed put this person in. */
  systems: Array<'crm' | 'commerce'>;
  /** In every source: seed modules must give this person at least one record. */
  everywhere: boolean;
}

/** Everything a source seed module needs: deterministic, no I/O, no clock. */
export interface SourceSeedContext {
  seed: number;
  /** Upper bound of every generated time (ms since epoch). */
  nowMs: number;
  people: readonly DemoPerson[];
}

/** One record a source wrote, with the person it belongs to and its normalised identifiers. */
export interface SourceTruthRecord {
  personId: string;
  system: string;
  localId: string;
  /**
   * Identifiers this record carries, normalised the way the identity graph
   * does (emails trimmed and lower-cased, phones E.164, loyalty cards upper
   * case without spaces or dashes, cookies as they are).
   */
  identifiers: Array<{ kind: TruthIdentifierKind; value: string }>;
}

/**
 * A Faker for one source's random stream: seeded from the dataset seed and a
 * stream number of the source's own (pick one no other source uses), so that
 * changing one source never reshuffles another.
 */
export function sourceFaker(seed: number, stream: number): Faker {
  const f = new Faker({ locale: [en, base] });
  f.seed([seed, stream]);
  return f;
}

/**
 * Adds a source's records to the ground truth. Throws when a record names an
 * unknown person or an identifier already belongs to someone else: a ground
 * truth that lies would make every score computed from it lie too.
 */
export function addSourceTruth(truth: GroundTruth, records: readonly SourceTruthRecord[]): void {
  const people = new Map(truth.people.map((p) => [p.id, p]));
  const owners = new Map<string, string>();
  for (const p of truth.people) for (const i of p.identifiers) owners.set(`${i.kind}:${i.value}`, p.id);
  for (const record of records) {
    const person = people.get(record.personId);
    if (!person) throw new Error(`Record ${record.system}:${record.localId} names unknown person ${record.personId}`);
    person.records.push({ system: record.system, localId: record.localId });
    for (const identifier of record.identifiers) {
      const key = `${identifier.kind}:${identifier.value}`;
      const owner = owners.get(key);
      if (owner !== undefined && owner !== person.id) {
        throw new Error(`Identifier ${key} of ${record.system}:${record.localId} already belongs to ${owner}`);
      }
      if (owner === undefined) {
        owners.set(key, person.id);
        person.identifiers.push(identifier as GroundTruthIdentifier);
      }
    }
  }
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  for (const p of truth.people) {
    p.records.sort((a, b) => order(a.system, b.system) || order(a.localId, b.localId));
    p.identifiers.sort((a, b) => order(a.kind, b.kind) || order(a.value, b.value));
  }
}

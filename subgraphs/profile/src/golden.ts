/**
 * The golden record: candidates per attribute read from the source fields the
 * query planner sent (@requires), normalised so that equal values compare
 * equal, then chosen by the rules in force (survivorship.ts).
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { Address, CustomerModel } from './customer';
import type { GoldenAttribute, SurvivorshipRules } from './rules';
import { choose, type Candidate, type Choice } from './survivorship';

export type { Address } from './customer';

export interface Lineage {
  system: string;
  localId: string;
  updatedAt: string | null;
}

export interface GoldenValue<T> {
  value: T;
  lineage: Lineage;
  decidedBy: Choice<T>['decidedBy'];
  /** One per record, the winner first, then the others newest first. */
  candidates: { value: T; lineage: Lineage }[];
}

export interface ContactPoint {
  value: string;
  best: boolean;
  /** Newest first. */
  sources: Lineage[];
}

export interface GoldenProfile {
  name: GoldenValue<string> | null;
  email: GoldenValue<string> | null;
  phone: GoldenValue<string> | null;
  postalAddress: GoldenValue<Address> | null;
  birthDate: GoldenValue<string> | null;
  language: GoldenValue<string> | null;
  company: GoldenValue<string> | null;
  emails: ContactPoint[];
  phones: ContactPoint[];
}

export interface GoldenOptions {
  /** Region for national-format phone numbers of records that give no country. */
  defaultPhoneRegion: string;
}

type Candidates = { [A in GoldenAttribute]: Candidate<A extends 'POSTAL_ADDRESS' ? Address : string>[] };

const text = (v: string | null | undefined): string | null => {
  const t = v?.replace(/\s+/g, ' ').trim();
  return t ? t : null;
};

/** Case, accents and spacing do not make another name: "DUPONT" and "Dupont" are one value. */
const foldKey = (v: string) =>
  v
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}@.+]+/gu, ' ')
    .trim();

export function normalizeEmail(v: string | null | undefined): string | null {
  const t = text(v)?.toLowerCase();
  return t && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t) ? t : null;
}

/** normalizePhone's answers (a pure function of the number and the region), up to a bound. */
const normalizedPhones = new Map<string, string | null>();
const NORMALIZED_PHONES_MAX = 10_000;

/** E.164 when the number can be read (with the record's country, else the default region); null when it cannot. */
export function normalizePhone(v: string | null | undefined, region: string | null, fallback: string): string | null {
  const t = text(v);
  if (!t) return null;
  const country = (region ?? fallback).toUpperCase();
  // Parsing is the costliest step of a golden record, and the same few numbers come back on every page.
  const key = `${country} ${t}`;
  const known = normalizedPhones.get(key);
  if (known !== undefined) return known;
  const parsed = parsePhoneNumberFromString(t, (country as CountryCode) || undefined);
  const normalized = parsed?.isValid() ? parsed.number : null;
  if (normalizedPhones.size >= NORMALIZED_PHONES_MAX) normalizedPhones.clear();
  normalizedPhones.set(key, normalized);
  return normalized;
}

/** A name some help desks make up for people they do not know ("Caller +33 6 …", "Visitor 1001"): not a name. */
const MADE_UP_NAME = /^(caller|visitor|unknown|anonymous)\b/i;

function fullName(first: string | null | undefined, last: string | null | undefined): [string, number] | null {
  const parts = [text(first), text(last)];
  const filled = parts.filter((p): p is string => p !== null);
  if (filled.length === 0) return null;
  return [filled.join(' '), filled.length / 2];
}

function addressOf(a: Partial<Address> | null | undefined): Address | null {
  if (!a) return null;
  const address = {
    street: text(a.street),
    city: text(a.city),
    postcode: text(a.postcode),
    country: text(a.country)?.toUpperCase() ?? null,
  };
  return Object.values(address).some((v) => v !== null) ? address : null;
}

const addressKey = (a: Address) =>
  [a.street, a.postcode, a.city, a.country].map((p) => (p === null ? '' : foldKey(p))).join('|');
const addressCompleteness = (a: Address) => Object.values(a).filter((v) => v !== null).length / 4;

/**
 * Every candidate value of every attribute, one per record and attribute (two emails of a record: two candidates);
 * with `only`, of those attributes alone (the others are left empty).
 */
export function candidatesOf(
  customer: CustomerModel,
  options: GoldenOptions,
  only?: ReadonlySet<GoldenAttribute>,
): Candidates {
  const wanted = (attribute: GoldenAttribute) => !only || only.has(attribute);
  const out: Candidates = {
    NAME: [],
    EMAIL: [],
    PHONE: [],
    POSTAL_ADDRESS: [],
    BIRTH_DATE: [],
    LANGUAGE: [],
    COMPANY: [],
  };
  const add = (
    attribute: Exclude<GoldenAttribute, 'POSTAL_ADDRESS'>,
    value: string | null,
    record: Omit<Candidate, 'value' | 'key' | 'completeness'>,
    completeness = 1,
  ) => {
    if (value === null || !wanted(attribute)) return;
    // Contact points and languages are normalised already; names and companies compare folded.
    const key = attribute === 'NAME' || attribute === 'COMPANY' ? foldKey(value) : value;
    out[attribute].push({ value, key, completeness, ...record });
  };
  const addAddress = (value: Address | null, record: Omit<Candidate, 'value' | 'key' | 'completeness'>) => {
    if (value && wanted('POSTAL_ADDRESS')) {
      out.POSTAL_ADDRESS.push({ value, key: addressKey(value), completeness: addressCompleteness(value), ...record });
    }
  };
  const names = (first: string | null | undefined, last: string | null | undefined, record: Lineage) => {
    if (!wanted('NAME')) return;
    const name = fullName(first, last);
    if (name) add('NAME', name[0], record, name[1]);
  };
  // Parsing a number is the costliest step: not done when the phone is not wanted.
  const phone = (v: string | null | undefined, region: string | null, record: Lineage) =>
    wanted('PHONE') && add('PHONE', normalizePhone(v, region, options.defaultPhoneRegion), record);

  for (const c of customer.crmContacts ?? []) {
    const record = { system: 'crm', localId: c.contactId, updatedAt: c.updatedAt ?? null };
    const country = text(c.address?.country);
    names(c.firstName, c.lastName, record);
    add('EMAIL', normalizeEmail(c.personalEmail), record);
    add('EMAIL', normalizeEmail(c.workEmail), record);
    phone(c.mobilePhone, country, record);
    phone(c.workPhone, country, record);
    addAddress(addressOf(c.address), record);
    add('COMPANY', text(c.company), record);
  }
  for (const a of customer.shopAccounts ?? []) {
    const record = { system: 'commerce', localId: a.accountId, updatedAt: a.updatedAt ?? null };
    names(a.firstName, a.lastName, record);
    add('EMAIL', normalizeEmail(a.email), record);
    phone(a.phone, text(a.country), record);
    addAddress(addressOf({ country: a.country }), record);
  }
  for (const card of customer.loyaltyCards ?? []) {
    const record = { system: 'stores', localId: card.cardNumber, updatedAt: card.updatedAt ?? null };
    names(card.firstName, card.lastName, record);
    add('EMAIL', normalizeEmail(card.email), record);
    phone(card.phone, text(card.country), record);
    addAddress(addressOf({ country: card.country }), record);
  }
  for (const u of customer.helpDeskUsers ?? []) {
    const record = { system: 'support', localId: u.id, updatedAt: u.updatedAt ?? null };
    const name = text(u.name);
    if (name && !MADE_UP_NAME.test(name)) add('NAME', name, record, name.includes(' ') ? 1 : 0.5);
    add('EMAIL', normalizeEmail(u.email), record);
    phone(u.phone, null, record);
    const locale = text(u.locale);
    if (locale && /^[a-z]{2,3}(-[A-Za-z]{2})?$/i.test(locale)) {
      const [lang, region] = locale.split('-');
      add('LANGUAGE', region ? `${lang!.toLowerCase()}-${region.toUpperCase()}` : lang!.toLowerCase(), record);
    }
  }
  return out;
}

const time = (l: Lineage) => (l.updatedAt === null ? Number.NEGATIVE_INFINITY : Date.parse(l.updatedAt));
const newestFirst = (a: Lineage, b: Lineage) =>
  time(b) - time(a) || a.system.localeCompare(b.system) || a.localId.localeCompare(b.localId);
const lineageOf = (c: Candidate): Lineage => ({ system: c.system, localId: c.localId, updatedAt: c.updatedAt });

function golden<T>(candidates: Candidate<T>[], rule: SurvivorshipRules[GoldenAttribute]): GoldenValue<T> | null {
  const choice = choose(candidates, rule);
  if (!choice) return null;
  const { winner } = choice;
  const others = candidates.filter((c) => c !== winner).sort((a, b) => newestFirst(lineageOf(a), lineageOf(b)));
  return {
    value: winner.value,
    lineage: lineageOf(winner),
    decidedBy: choice.decidedBy,
    candidates: [winner, ...others].map((c) => ({ value: c.value, lineage: lineageOf(c) })),
  };
}

/** Every distinct contact point, the golden one first and marked, then the most widely held, then the newest. */
function contactPoints(candidates: Candidate<string>[], best: string | null): ContactPoint[] {
  const byValue = new Map<string, Lineage[]>();
  for (const c of candidates) byValue.set(c.value, [...(byValue.get(c.value) ?? []), lineageOf(c)]);
  return [...byValue.entries()]
    .map(([value, sources]) => ({ value, best: value === best, sources: sources.sort(newestFirst) }))
    .sort(
      (a, b) =>
        Number(b.best) - Number(a.best) ||
        b.sources.length - a.sources.length ||
        newestFirst(a.sources[0]!, b.sources[0]!) ||
        a.value.localeCompare(b.value),
    );
}

export function goldenProfile(
  customer: CustomerModel,
  rules: SurvivorshipRules,
  options: GoldenOptions,
  /** Only these attributes (and their contact points); the others are null, as if no source knew them. */
  only?: ReadonlySet<GoldenAttribute>,
): GoldenProfile {
  const c = candidatesOf(customer, options, only);
  const email = golden(c.EMAIL, rules.EMAIL);
  const phone = golden(c.PHONE, rules.PHONE);
  return {
    name: golden(c.NAME, rules.NAME),
    email,
    phone,
    postalAddress: golden(c.POSTAL_ADDRESS, rules.POSTAL_ADDRESS),
    birthDate: golden(c.BIRTH_DATE, rules.BIRTH_DATE),
    language: golden(c.LANGUAGE, rules.LANGUAGE),
    company: golden(c.COMPANY, rules.COMPANY),
    emails: contactPoints(c.EMAIL, email?.value ?? null),
    phones: contactPoints(c.PHONE, phone?.value ?? null),
  };
}

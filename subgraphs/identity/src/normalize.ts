import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { badUserInput } from '@c360/kit/errors';

export const IDENTIFIER_KINDS = ['EMAIL', 'PHONE', 'LOYALTY_CARD', 'COOKIE', 'DEVICE'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export interface NormalizedIdentifier {
  kind: IdentifierKind;
  value: string;
}

export interface NormalizeOptions {
  /** Region for phone numbers written in national format when the source gives none. @default 'FR' */
  defaultRegion?: string;
}

// Deliberately permissive local part (RFC 5322 allows a lot), strict on shape:
// one @, no spaces, a dotted domain with a letter TLD.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)*\.[a-z]{2,}$/;
const LOYALTY_CARD = /^[A-Z0-9]{6,24}$/;
const OPAQUE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Normalises one identifier so that every spelling of the same value becomes
 * one match key. Throws BAD_USER_INPUT naming `field` when the value is not a
 * valid identifier of its kind: an invalid value must never reach the graph.
 */
export function normalizeIdentifier(
  kind: IdentifierKind,
  raw: string,
  region?: string | null,
  options: NormalizeOptions = {},
  field = 'value',
): NormalizedIdentifier {
  const value = raw.trim();
  const invalid = (expected: string) =>
    badUserInput(`Invalid ${kind} in ${field}: expected ${expected}, received "${raw}"`, field);

  switch (kind) {
    case 'EMAIL': {
      const email = value.toLowerCase();
      if (!EMAIL.test(email)) throw invalid('an email address like name@example.com');
      return { kind, value: email };
    }
    case 'PHONE': {
      const country = (region ?? options.defaultRegion ?? 'FR').toUpperCase() as CountryCode;
      const phone = parsePhoneNumberFromString(value, country);
      if (!phone || !phone.isValid()) {
        throw invalid(`a valid phone number (international, or national for region ${country})`);
      }
      return { kind, value: phone.number };
    }
    case 'LOYALTY_CARD': {
      const card = value.replace(/[\s-]/g, '').toUpperCase();
      if (!LOYALTY_CARD.test(card)) throw invalid('6 to 24 letters or digits');
      return { kind, value: card };
    }
    case 'COOKIE':
    case 'DEVICE': {
      const id = kind === 'DEVICE' ? value.toLowerCase() : value;
      if (!OPAQUE_ID.test(id)) throw invalid('8 to 128 characters among letters, digits and . _ : -');
      return { kind, value: id };
    }
    default:
      throw badUserInput(
        `Unknown identifier kind in ${field}: expected one of ${IDENTIFIER_KINDS.join(', ')}, received "${String(kind)}"`,
        field,
      );
  }
}

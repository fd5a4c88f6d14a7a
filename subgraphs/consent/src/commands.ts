import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { badUserInput } from '@c360/kit/errors';
import { normalizeIdentifier } from '@c360/subgraph-identity/normalize';
import type {
  ConsentChannel,
  ConsentIdentifierKind,
  ConsentProofInput,
  ConsentPurpose,
  ConsentStatus,
  RecordConsentInput,
} from './__generated__/resolvers-types';

/** A contact identifier of a subject, normalised the way the identity graph does. */
export interface SubjectIdentifier {
  kind: ConsentIdentifierKind;
  value: string;
  /** Country of a phone number; null for emails. */
  region: string | null;
}

/**
 * One consent to record, validated and normalised: what the register's insert
 * path (`consent_record_event` in migrations/0001) takes. The recordConsent
 * mutation and the demo seed both build it with `toConsentCommand`.
 */
export interface ConsentCommand {
  subjectId: string | null;
  /** Id for the subject this command creates, if it creates one. @default a random UUID */
  newSubjectId?: string;
  identifiers: SubjectIdentifier[];
  purpose: ConsentPurpose;
  channel: ConsentChannel;
  status: ConsentStatus;
  source: string;
  /** ISO-8601, UTC, millisecond precision. */
  occurredAt: string;
  /**
   * When the register learnt of it; the database clock when absent. Only set
   * when importing history recorded elsewhere (the demo seed does).
   */
  recordedAt?: string;
  wordingVersion: string | null;
  form: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  collectedBy: string | null;
  proofReference: string | null;
  /** The client that sent the command, as the gateway authenticated it. */
  recordedBy: string | null;
  idempotencyKey: string | null;
  /** Fingerprint of the request, stored with its idempotency key; null without a key. */
  requestHash: string | null;
}

export interface CommandOptions {
  /** The time to judge "in the future" against. */
  now: Date;
  /** Region for phone numbers in national format given without one, e.g. FR. */
  defaultPhoneRegion: string;
  /** The client sending the input. */
  recordedBy: string | null;
}

/** How far ahead of our clock an occurredAt may be: the clocks of the recording apps drift. */
export const CLOCK_SKEW_MS = 60_000;
export const MAX_IDENTIFIERS = 5;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const REGION = /^[A-Z]{2}$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A trimmed optional text, null when empty; BAD_USER_INPUT naming `field` when too long. */
function text(value: string | null | undefined, field: string, max: number): string | null {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') return null;
  if (trimmed.length > max || CONTROL.test(trimmed)) {
    throw badUserInput(
      `Invalid ${field}: expected at most ${max} characters without control characters, received ${trimmed.length} characters`,
      field,
    );
  }
  return trimmed;
}

function identifiersOf(input: RecordConsentInput, options: CommandOptions): SubjectIdentifier[] {
  const given = input.subject.identifiers ?? [];
  if (given.length > MAX_IDENTIFIERS) {
    throw badUserInput(
      `Invalid subject.identifiers: expected at most ${MAX_IDENTIFIERS} identifiers, received ${given.length}`,
      'subject.identifiers',
    );
  }
  const seen = new Map<string, SubjectIdentifier>();
  given.forEach((identifier, i) => {
    const path = `subject.identifiers[${i}]`;
    const region = identifier.region?.trim().toUpperCase() || null;
    if (region !== null && !REGION.test(region)) {
      throw badUserInput(
        `Invalid ${path}.region: expected an ISO 3166-1 alpha-2 country code like FR, received "${identifier.region}"`,
        `${path}.region`,
      );
    }
    const { value } = normalizeIdentifier(
      identifier.kind,
      identifier.value,
      region,
      { defaultRegion: options.defaultPhoneRegion },
      `${path}.value`,
    );
    const phoneRegion =
      identifier.kind === 'PHONE' ? (region ?? parsePhoneNumberFromString(value)?.country ?? null) : null;
    seen.set(`${identifier.kind}:${value}`, { kind: identifier.kind, value, region: phoneRegion });
  });
  return [...seen.values()];
}

function occurredAtOf(raw: string, now: Date): string {
  const at = ISO_WITH_ZONE.test(raw.trim()) ? Date.parse(raw.trim()) : NaN;
  if (Number.isNaN(at)) {
    throw badUserInput(
      `Invalid occurredAt: expected an ISO-8601 date-time with a time zone like 2026-03-01T10:15:00Z, received "${raw}"`,
      'occurredAt',
    );
  }
  if (at > now.getTime() + CLOCK_SKEW_MS) {
    throw badUserInput(
      `Invalid occurredAt: expected a time not in the future (now is ${now.toISOString()}), received "${raw}"`,
      'occurredAt',
    );
  }
  return new Date(at).toISOString();
}

/**
 * Validates and normalises a recordConsent input into the command the register
 * records. Every problem is a BAD_USER_INPUT naming the field at fault.
 * Checks that need the register (does the subject exist, whose identifiers are
 * these, was the idempotency key used) are the insert path's.
 */
export function toConsentCommand(input: RecordConsentInput, options: CommandOptions): ConsentCommand {
  const subjectId = input.subject.id?.trim() || null;
  if (subjectId !== null && !UUID.test(subjectId)) {
    throw badUserInput(
      `Invalid subject.id: expected a consent subject id (a UUID), received "${input.subject.id}"`,
      'subject.id',
    );
  }
  const identifiers = identifiersOf(input, options);
  if (subjectId === null && identifiers.length === 0) {
    throw badUserInput('Invalid subject: expected an id or at least one identifier, received neither', 'subject');
  }
  const source = text(input.source, 'source', 100);
  if (source === null) throw badUserInput('Invalid source: expected the name of the recording system or app', 'source');
  const proof: ConsentProofInput = input.proof ?? {};
  const wordingVersion = text(proof.wordingVersion, 'proof.wordingVersion', 100);
  if (input.status === 'GRANTED' && wordingVersion === null) {
    throw badUserInput(
      'Invalid proof.wordingVersion: a grant must name the version of the wording the person was shown, received none',
      'proof.wordingVersion',
    );
  }
  const ipAddress = text(proof.ipAddress, 'proof.ipAddress', 45);
  if (ipAddress !== null && isIP(ipAddress) === 0) {
    throw badUserInput(
      `Invalid proof.ipAddress: expected an IPv4 or IPv6 address, received "${proof.ipAddress}"`,
      'proof.ipAddress',
    );
  }
  const idempotencyKey = input.idempotencyKey ?? null;
  if (idempotencyKey !== null && (idempotencyKey.length < 1 || idempotencyKey.length > 200)) {
    throw badUserInput(
      `Invalid idempotencyKey: expected 1 to 200 characters, received ${idempotencyKey.length}`,
      'idempotencyKey',
    );
  }
  const command: ConsentCommand = {
    subjectId: subjectId?.toLowerCase() ?? null,
    identifiers,
    purpose: input.purpose,
    channel: input.channel,
    status: input.status,
    source,
    occurredAt: occurredAtOf(input.occurredAt, options.now),
    wordingVersion,
    form: text(proof.form, 'proof.form', 500),
    ipAddress,
    userAgent: text(proof.userAgent, 'proof.userAgent', 1000),
    collectedBy: text(proof.collectedBy, 'proof.collectedBy', 100),
    proofReference: text(proof.reference, 'proof.reference', 200),
    recordedBy: options.recordedBy,
    idempotencyKey,
    requestHash: null,
  };
  if (idempotencyKey !== null) command.requestHash = requestHash(command);
  return command;
}

/**
 * The fingerprint of what a request asks to record, so that a retry with the
 * same idempotency key is recognised and a reuse of the key for something else
 * refused. Built from the normalised command: spelling differences the
 * normalisation removes (case, spaces, phone format) do not count.
 */
export function requestHash(command: ConsentCommand): string {
  const { subjectId, identifiers, purpose, channel, status, source, occurredAt } = command;
  const { wordingVersion, form, ipAddress, userAgent, collectedBy, proofReference } = command;
  const canonical = JSON.stringify([
    subjectId,
    identifiers.map((i) => `${i.kind}:${i.value}`).sort(),
    purpose,
    channel,
    status,
    source,
    occurredAt,
    [wordingVersion, form, ipAddress, userAgent, collectedBy, proofReference],
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * API keys: 256 random bits behind a recognisable prefix, stored as their
 * SHA-256.
 *
 * Why SHA-256 and not bcrypt/scrypt/argon2: those are slow on purpose so that
 * a stolen hash of a *password* (low entropy, reused, guessable) costs a lot
 * to brute-force. An API key is not guessable: 2^256 candidates make even a
 * fast hash impossible to invert, so the slowness buys nothing. It would cost
 * on every request (~50–100 ms of CPU each for bcrypt at a sane cost factor),
 * and salted hashes cannot be looked up: the gateway would have to try every
 * stored hash in turn. With SHA-256 a key is found with one hash and one map
 * lookup. (The same reasoning is behind GitHub's and Stripe's key storage.)
 *
 * The `c360_` prefix lets secret scanners recognise leaked keys and lets the
 * gateway tell an API key from a JWT in an `Authorization: Bearer` header.
 */
import { createHash, randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'c360_';
const API_KEY = /^c360_[A-Za-z0-9_-]{43}$/;

/** A new API key: `c360_` and 32 random bytes in base64url. */
export function generateApiKey(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

/** Whether a string has the shape of one of our API keys (not whether it is valid). */
export const looksLikeApiKey = (value: string): boolean => API_KEY.test(value);

/** Lower-case hex SHA-256 of a key, as stored in the clients file. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The entry to add under the client's `keys` in the clients file. */
export function keyEntry(client: string, key: string, now = new Date()) {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '');
  return {
    id: `${client}-${day}-${randomBytes(2).toString('hex')}`,
    sha256: hashApiKey(key),
    createdAt: now.toISOString(),
  };
}

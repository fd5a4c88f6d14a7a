import { z } from 'zod';

/** Raised at boot when environment variables are missing or malformed; lists every bad variable at once. */
export class ConfigError extends Error {
  /** The exit status of a process that cannot start with this configuration (the c360 CLI's usage code). */
  readonly exitCode = 2;
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses `env` against a zod shape whose keys are environment variable names.
 * Every problem is reported together so that a user fixes them in one go.
 */
export function parseEnv<S extends z.ZodRawShape>(shape: S, env: NodeJS.ProcessEnv): z.infer<z.ZodObject<S>> {
  const result = z.object(shape).safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = issue.path.join('.');
      const got = env[name];
      return `${name}: ${issue.message}${got === undefined ? ' (not set)' : ` (got "${got}")`}`;
    }),
  );
}

/** A TCP port from the environment, e.g. PORT=4000. */
export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

/** A URL with one of the given protocols, e.g. postgres:// or mysql://. */
export const urlWith = (protocols: string[], fallback?: string) => {
  const schema = z
    .string()
    .url()
    .refine((value) => protocols.includes(new URL(value).protocol.replace(/:$/, '')), {
      message: `expected a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    });
  return fallback === undefined ? schema : schema.default(fallback);
};

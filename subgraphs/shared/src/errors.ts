import { GraphQLError } from 'graphql';

/**
 * Typed GraphQL errors. Every error the product raises carries
 * `extensions.code`, and the failing source's name when a dependency is at fault.
 *
 * Resolver errors carry no HTTP status on purpose: they fail one field of a
 * response that is otherwise 200, and a subgraph answering 400 would make the
 * gateway drop the subgraph's error for a generic one.
 */
export function badUserInput(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', ...(field ? { field } : {}) },
  });
}

export function sourceUnavailable(source: string, cause: unknown): GraphQLError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new GraphQLError(`Source "${source}" is unavailable: ${reason}`, {
    extensions: { code: 'SOURCE_UNAVAILABLE', source },
    originalError: cause instanceof Error ? cause : undefined,
  });
}

/** Runs a source call and turns any failure into a SOURCE_UNAVAILABLE error naming the source. */
export async function fromSource<T>(source: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof GraphQLError) throw err;
    throw sourceUnavailable(source, err);
  }
}

import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { execute, type GraphQLResult } from './api';
import type { Role } from './roles';

export interface Session {
  role: Role;
  apiKey: string;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

export type QueryState<T> = { loading: true; result: null } | { loading: false; result: GraphQLResult<T> };

/** Runs one registered operation when its variables change; each panel calls it on its own. */
export function useQuery<TData, TVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  deps: unknown[],
  /** False: the operation is not sent (e.g. the PII variant for a view without pii:read). */
  enabled = true,
): QueryState<TData> & { reload: () => void } {
  const { apiKey } = useSession();
  // The state remembers which variables (deps) it answers: on the render where the deps change, before the effect
  // below has run, the previous answer must not show under the new identity (a review's caption over the previous
  // pair's customers): it reads as loading until the new answer is in.
  const key = JSON.stringify([apiKey, enabled, ...deps]);
  const [state, setState] = useState<QueryState<TData> & { key?: string }>({ loading: true, result: null });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    setState({ loading: true, result: null, key });
    void execute(document, variables, apiKey).then((result) => {
      if (live) setState({ loading: false, result, key });
    });
    return () => {
      live = false;
    };
  }, [apiKey, document, generation, enabled, ...deps]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  if (state.key !== key) return { loading: true, result: null, reload };
  return { ...state, reload };
}

/** A mutation (or a query run on demand). */
export function useRun() {
  const { apiKey } = useSession();
  return useCallback(
    <TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables) =>
      execute(document, variables, apiKey),
    [apiKey],
  );
}

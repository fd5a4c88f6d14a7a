import type express from 'express';
import { CALLER_HEADERS, verifyCaller } from '@c360/kit/auth';
import { recordOf, sendError } from '../request';
import { AuthenticationError, type Authenticator } from './authenticate';

/**
 * Express middleware: authenticates the request before its body is even
 * read, so that refused requests cost nothing; answers 401 UNAUTHENTICATED
 * with a `WWW-Authenticate` challenge.
 */
export function authenticationMiddleware(authenticator: Authenticator): express.RequestHandler {
  return async (req, res, next) => {
    try {
      recordOf(res).principal = await authenticator.authenticate(req.headers);
      next();
    } catch (err) {
      if (!(err instanceof AuthenticationError)) return next(err);
      res.setHeader('WWW-Authenticate', 'Bearer realm="c360", ApiKey header="x-api-key"');
      sendError(res, 401, 'UNAUTHENTICATED', err.message);
    }
  };
}

/**
 * Authentication that also accepts product services: a request carrying the
 * signed caller headers (see subgraphs/shared/src/auth.ts) is served as the
 * client and scopes they name when the signature verifies with one of
 * `secrets` — the secret the gateway shares with its subgraphs, so only a
 * service inside that trust boundary can sign. The privacy subgraph calls the
 * gateway this way, on behalf of the admin who asked for an access export, and
 * to purge the gateway's cache. A present but bad signature is a 401; no
 * signature means the usual credentials.
 */
export function serviceOrClientAuthentication(
  authenticator: Authenticator,
  secrets: () => readonly string[],
): express.RequestHandler {
  const clients = authenticationMiddleware(authenticator);
  return (req, res, next) => {
    if (req.headers[CALLER_HEADERS.signature] === undefined) return clients(req, res, next);
    const result = verifyCaller(req.headers, secrets());
    if (!result.ok) {
      sendError(res, 401, 'UNAUTHENTICATED', `The service signature was refused: ${result.message}`);
      return;
    }
    recordOf(res).principal = { client: result.caller.client, scopes: result.caller.scopes, via: 'service' };
    next();
  };
}

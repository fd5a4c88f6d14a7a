import type express from 'express';
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

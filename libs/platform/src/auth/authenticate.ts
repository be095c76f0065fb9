import { UnauthenticatedError } from '@ledger/contracts';
import { Clock } from '@ledger/eventstore';
import { Counter } from 'prom-client';
import type { HttpRequest, HttpResponse, Next } from '../http/express-types';
import { ServiceMetrics } from '../http/metrics';
import { actorOf } from './actor';
import { credentialsFrom } from './credentials';
import { attachPrincipal } from './principal';
import { TokenLookup, verifyCredentials } from './verify-token';
import { looksLikeJwt } from './oidc/jwt';
import { OidcVerifier } from './oidc/oidc-verifier';
import { Principal } from './principal';

type Verdict = { principal: Principal } | { refused: string; message?: string };

/** Operations and the API's own description stay open: probes, scrapers and readers of /docs hold no token. */
export const OPEN_PATHS = ['/health', '/metrics', '/docs', '/docs-json'];

export const isOpenPath = (path: string): boolean =>
  OPEN_PATHS.some((open) => path === open || path.startsWith(`${open}/`));

const MISSING =
  'authentication required: send an API token as "Authorization: Bearer <token>", or as the password of Basic authentication with the principal\'s name as the user';
// One message for every token that proves nothing: which check failed is not the caller's business.
const REFUSED =
  'the credentials are not valid: unknown, revoked or expired token, wrong username, or a disabled principal';

export interface AuthenticateOptions {
  lookup: TokenLookup;
  clock: Clock;
  metrics: ServiceMetrics;
  /** Bearer JWTs from the configured OpenID Connect issuer, beside the platform's own API tokens. */
  oidc?: OidcVerifier;
}

/**
 * Express middleware, ahead of every route: the principal a request's token proves, attached
 * for the routes (principalOf), or 401. It also refuses, before any route runs, an X-Actor the
 * principal may not send. Neither the header nor the token is ever logged or echoed; why a
 * request was refused goes to a counter, for the operator only.
 */
export function authenticate({ lookup, clock, metrics, oidc }: AuthenticateOptions) {
  const refusals = new Counter({
    name: 'ledger_http_unauthenticated_total',
    help: 'Requests refused 401, by reason',
    labelNames: ['reason'],
    registers: [metrics.registry],
  });
  return (req: HttpRequest, res: HttpResponse, next: Next): void => {
    if (isOpenPath(req.path)) return next();
    const credentials = credentialsFrom(req.headers.authorization);
    const verified =
      oidc && credentials.scheme === 'bearer' && looksLikeJwt(credentials.token)
        ? verifyJwt(oidc, credentials.token)
        : verifyCredentials(credentials, lookup, clock.now());
    verified
      .then((verdict) => {
        if ('refused' in verdict) {
          refusals.inc({ reason: verdict.refused });
          const message = 'message' in verdict ? verdict.message : undefined;
          throw new UnauthenticatedError(verdict.refused === 'missing' ? MISSING : (message ?? REFUSED));
        }
        attachPrincipal(req, verdict.principal);
        actorOf(verdict.principal, single(req.headers['x-actor']));
        next();
      })
      .catch((error: unknown) => {
        refuseBody(req, res);
        next(error);
      });
  };
}

// An OIDC refusal keeps the issuer's reason (expired, another audience): it names no secret.
async function verifyJwt(oidc: OidcVerifier, token: string): Promise<Verdict> {
  try {
    return { principal: await oidc.verify(token) };
  } catch (error) {
    if (error instanceof UnauthenticatedError) return { refused: 'jwt', message: error.message };
    throw error;
  }
}

// The body of a refused request is not read: close the connection rather than drain an
// unauthenticated upload into a keep-alive connection.
function refuseBody(req: HttpRequest, res: HttpResponse): void {
  if (Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined)
    res.setHeader('Connection', 'close');
}

const single = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

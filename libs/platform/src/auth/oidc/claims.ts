import { UnauthenticatedError } from '@ledger/contracts';
import { Principal } from '../principal';

export interface ClaimRules {
  issuer: string;
  /** The token's `aud` must name this (a string or one of an array). */
  audience: string;
  /** Tolerated difference between the issuer's clock and ours, for exp, nbf and iat. */
  clockSkewSeconds: number;
  /** The claim holding the user name (default preferred_username, falling back to sub). */
  usernameClaim: string;
  /** A dot path to a string or an array of strings, e.g. `roles` or `realm_access.roles`. */
  rolesClaim: string;
  /** Claim values → platform roles; a value not named here is not a role. Empty: values are taken as roles. */
  roleMap: Record<string, string>;
}

const refuse = (why: string): never => {
  throw new UnauthenticatedError(`invalid bearer token: ${why}`);
};

const numeric = (claims: Record<string, unknown>, name: string): number | undefined => {
  const value = claims[name];
  if (value === undefined) return undefined;
  return typeof value === 'number' && Number.isFinite(value) ? value : refuse(`${name} is not a number`);
};

/** Issuer, audience and validity window, on the service's clock with the allowed skew. */
export function checkClaims(claims: Record<string, unknown>, rules: ClaimRules, now: Date): void {
  if (claims.iss !== rules.issuer) refuse('issued by another issuer');
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(rules.audience)) refuse('meant for another audience');
  const seconds = now.getTime() / 1000;
  const exp = numeric(claims, 'exp') ?? refuse('it has no expiry');
  if (exp! + rules.clockSkewSeconds <= seconds) refuse('expired');
  const nbf = numeric(claims, 'nbf');
  if (nbf !== undefined && nbf - rules.clockSkewSeconds > seconds) refuse('not valid yet');
  const iat = numeric(claims, 'iat');
  if (iat !== undefined && iat - rules.clockSkewSeconds > seconds) refuse('issued in the future');
}

/** Who the verified token names, with the platform roles its claims map to. */
export function principalFromClaims(claims: Record<string, unknown>, rules: ClaimRules): Principal {
  const subject = typeof claims.sub === 'string' && claims.sub !== '' ? claims.sub : refuse('it has no subject');
  const named = claims[rules.usernameClaim];
  const name = typeof named === 'string' && named !== '' ? named : subject!;
  return {
    principalId: `oidc:${subject}`,
    name,
    kind: 'user',
    roles: rolesFrom(at(claims, rules.rolesClaim), rules.roleMap),
  };
}

function at(claims: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined,
      claims,
    );
}

function rolesFrom(value: unknown, roleMap: Record<string, string>): string[] {
  const values = (Array.isArray(value) ? value : typeof value === 'string' ? value.split(' ') : []).filter(
    (v): v is string => typeof v === 'string' && v !== '',
  );
  const mapped = Object.keys(roleMap).length === 0 ? values : values.flatMap((v) => (roleMap[v] ? [roleMap[v]] : []));
  return [...new Set(mapped)];
}

import { UnauthenticatedError } from '@ledger/contracts';
import { Clock } from '@ledger/eventstore';
import { Principal } from '../principal';
import { checkClaims, ClaimRules, principalFromClaims } from './claims';
import { Jwks } from './jwks';
import { decodeJwt, verifySignature } from './jwt';

export interface OidcSettings extends Partial<Omit<ClaimRules, 'issuer' | 'audience'>> {
  issuer: string;
  audience: string;
  jwksUri?: string;
}

/**
 * Accepts JWTs from one configured OpenID Connect issuer: signature by a key of its JWKS
 * (asymmetric algorithms only), issuer, audience, expiry and not-before with clock skew; the
 * principal is named by a claim and its roles mapped from another.
 */
export class OidcVerifier {
  private readonly rules: ClaimRules;
  private readonly jwks: Jwks;

  constructor(
    settings: OidcSettings,
    private readonly clock: Clock,
  ) {
    this.rules = {
      issuer: settings.issuer,
      audience: settings.audience,
      clockSkewSeconds: settings.clockSkewSeconds ?? 60,
      usernameClaim: settings.usernameClaim ?? 'preferred_username',
      rolesClaim: settings.rolesClaim ?? 'roles',
      roleMap: settings.roleMap ?? {},
    };
    this.jwks = new Jwks({ issuer: settings.issuer, jwksUri: settings.jwksUri, clock });
  }

  async verify(token: string): Promise<Principal> {
    const jwt = decodeJwt(token);
    const kid = typeof jwt.header.kid === 'string' ? jwt.header.kid : undefined;
    const key = await this.jwks.keyFor(kid).catch(() => {
      throw new UnauthenticatedError("invalid bearer token: the issuer's keys could not be fetched");
    });
    if (!key) throw new UnauthenticatedError('invalid bearer token: signed by a key the issuer does not publish');
    verifySignature(jwt, key);
    checkClaims(jwt.claims, this.rules, this.clock.now());
    return principalFromClaims(jwt.claims, this.rules);
  }
}

/**
 * OIDC_ISSUER and OIDC_AUDIENCE turn it on; OIDC_JWKS_URI, OIDC_USERNAME_CLAIM, OIDC_ROLES_CLAIM,
 * OIDC_ROLE_MAP (`group=role,group=role`) and OIDC_CLOCK_SKEW_SECONDS refine it.
 */
export function oidcSettingsFrom(env: Record<string, string | undefined>): OidcSettings | undefined {
  if (!env.OIDC_ISSUER && !env.OIDC_AUDIENCE) return undefined;
  if (!env.OIDC_ISSUER || !env.OIDC_AUDIENCE) throw new Error('OIDC needs both OIDC_ISSUER and OIDC_AUDIENCE');
  const skew = env.OIDC_CLOCK_SKEW_SECONDS === undefined ? undefined : Number(env.OIDC_CLOCK_SKEW_SECONDS);
  if (skew !== undefined && (!Number.isInteger(skew) || skew < 0 || skew > 600))
    throw new Error(`OIDC_CLOCK_SKEW_SECONDS must be 0 to 600, not ${env.OIDC_CLOCK_SKEW_SECONDS}`);
  return {
    issuer: env.OIDC_ISSUER,
    audience: env.OIDC_AUDIENCE,
    jwksUri: env.OIDC_JWKS_URI || undefined,
    usernameClaim: env.OIDC_USERNAME_CLAIM || undefined,
    rolesClaim: env.OIDC_ROLES_CLAIM || undefined,
    roleMap: parseRoleMap(env.OIDC_ROLE_MAP),
    clockSkewSeconds: skew,
  };
}

function parseRoleMap(raw: string | undefined): Record<string, string> | undefined {
  if (!raw) return undefined;
  const entries = raw.split(',').map((pair) => pair.split('=').map((s) => s.trim()));
  const bad = entries.find((pair) => pair.length !== 2 || !pair[0] || !pair[1]);
  if (bad) throw new Error(`OIDC_ROLE_MAP must be "claim-value=role,…", not "${raw}"`);
  return Object.fromEntries(entries);
}

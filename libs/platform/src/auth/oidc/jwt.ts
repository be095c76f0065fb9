import { createPublicKey, KeyObject, verify } from 'node:crypto';
import { UnauthenticatedError } from '@ledger/contracts';

export interface JwtParts {
  header: { alg?: unknown; kid?: unknown; typ?: unknown };
  claims: Record<string, unknown>;
  signingInput: Buffer;
  signature: Buffer;
}

/** Asymmetric algorithms only: a shared-secret (HS*) or unsigned ("none") token proves nothing here. */
const ALGORITHMS: Record<string, { hash: string | null; dsaEncoding?: 'ieee-p1363' }> = {
  RS256: { hash: 'sha256' },
  RS384: { hash: 'sha384' },
  RS512: { hash: 'sha512' },
  PS256: { hash: 'sha256' },
  ES256: { hash: 'sha256', dsaEncoding: 'ieee-p1363' },
  ES384: { hash: 'sha384', dsaEncoding: 'ieee-p1363' },
  EdDSA: { hash: null },
};

export const looksLikeJwt = (credential: string): boolean => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(credential);

const refuse = (why: string): never => {
  throw new UnauthenticatedError(`invalid bearer token: ${why}`);
};

/** Splits and decodes a compact JWS; nothing is trusted until verifySignature passes. */
export function decodeJwt(token: string): JwtParts {
  const [header, payload, signature] = token.split('.');
  if (signature === undefined) refuse('not a JWT');
  const json = (part: string) => {
    try {
      const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
      return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : refuse('malformed');
    } catch {
      return refuse('malformed');
    }
  };
  return {
    header: json(header),
    claims: json(payload),
    signingInput: Buffer.from(`${header}.${payload}`),
    signature: Buffer.from(signature, 'base64url'),
  };
}

export function verifySignature(jwt: JwtParts, key: KeyObject): void {
  const algorithm = typeof jwt.header.alg === 'string' ? ALGORITHMS[jwt.header.alg] : undefined;
  if (!algorithm) refuse(`algorithm ${String(jwt.header.alg)} is not accepted`);
  const options =
    jwt.header.alg === 'PS256'
      ? { key, padding: 6 /* RSA_PKCS1_PSS_PADDING */, saltLength: 32 }
      : { key, dsaEncoding: algorithm!.dsaEncoding };
  if (!verify(algorithm!.hash, jwt.signingInput, options, jwt.signature)) refuse('bad signature');
}

/** A JWK from a JWKS, as a key node can verify with (private parts, if any were published, are ignored). */
export function publicKeyOf(jwk: Record<string, unknown>): KeyObject {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicPart } = jwk;
  return createPublicKey({ key: publicPart as never, format: 'jwk' });
}

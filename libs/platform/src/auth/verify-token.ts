import { createHash, timingSafeEqual } from 'node:crypto';
import { parseToken } from '@ledger/contracts';
import { Credentials } from './credentials';
import { Principal } from './principal';
import { TokenRecord } from './identity-read-model';

export type TokenLookup = (tokenId: string) => Promise<TokenRecord | undefined>;

/** Why credentials prove nothing: for the operator's metrics only, never for the caller. */
export type Refusal =
  'missing' | 'malformed' | 'unknown' | 'wrong-secret' | 'revoked' | 'expired' | 'disabled' | 'wrong-user';
export type Verdict = { principal: Principal } | { refused: Refusal };

// Compared when no token has the id, so an unknown id costs what a wrong secret costs.
const NO_DIGEST = Buffer.alloc(32);

export const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * The principal the credentials prove: a well-formed token of a known id whose secret has the
 * recorded digest (compared in constant time), not revoked, not expired at `now`, of an enabled
 * principal, and, with Basic, presented under that principal's name.
 */
export async function verifyCredentials(credentials: Credentials, lookup: TokenLookup, now: Date): Promise<Verdict> {
  if (credentials.scheme === 'none' || credentials.scheme === 'malformed')
    return { refused: credentials.scheme === 'none' ? 'missing' : 'malformed' };
  const parts = parseToken(credentials.token);
  if (!parts) return { refused: 'malformed' };
  const record = await lookup(parts.tokenId);
  const matches = timingSafeEqual(sha256(parts.secret), record ? Buffer.from(record.secretSha256, 'hex') : NO_DIGEST);
  const refused = !record ? 'unknown' : !matches ? 'wrong-secret' : refusalOf(record, now);
  if (refused) return { refused };
  if (credentials.scheme === 'basic' && credentials.username !== record!.name) return { refused: 'wrong-user' };
  const { principalId, name, kind, roles } = record!;
  return { principal: { principalId, name, kind, roles } };
}

function refusalOf(record: TokenRecord, now: Date): Refusal | undefined {
  if (record.revoked) return 'revoked';
  if (record.disabled) return 'disabled';
  if (record.expiresAt !== null && new Date(record.expiresAt).getTime() <= now.getTime()) return 'expired';
  return undefined;
}

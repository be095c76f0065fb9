import { createHash, timingSafeEqual } from 'node:crypto';
import { parseToken } from '@ledger/contracts';
import { Credentials } from './credentials';
import { Principal } from './principal';
import { TokenRecord } from './identity-read-model';

export type TokenLookup = (tokenId: string) => Promise<TokenRecord | undefined>;

// Compared when no token has the id, so an unknown id costs what a wrong secret costs.
const NO_DIGEST = Buffer.alloc(32);

export const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * The principal the credentials prove, or undefined: malformed, unknown, wrong secret, revoked,
 * expired, a disabled principal or (Basic) a username that is not the token's principal all
 * fail alike, so a caller learns nothing about which.
 */
export async function verifyCredentials(credentials: Credentials, lookup: TokenLookup, now: Date): Promise<Principal | undefined> {
  if (credentials.scheme !== 'bearer' && credentials.scheme !== 'basic') return undefined;
  const parts = parseToken(credentials.token);
  if (!parts) return undefined;
  const record = await lookup(parts.tokenId);
  const matches = timingSafeEqual(sha256(parts.secret), record ? Buffer.from(record.secretSha256, 'hex') : NO_DIGEST);
  if (!record || !matches || !usable(record, now)) return undefined;
  if (credentials.scheme === 'basic' && credentials.username !== record.name) return undefined;
  return { principalId: record.principalId, name: record.name, kind: record.kind, roles: record.roles };
}

const usable = (record: TokenRecord, now: Date): boolean =>
  !record.revoked && !record.disabled && (record.expiresAt === null || new Date(record.expiresAt).getTime() > now.getTime());

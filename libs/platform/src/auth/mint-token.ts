import { createHash, randomBytes } from 'node:crypto';
import { formatToken, TokenParts } from '@ledger/contracts';

export interface MintedToken extends TokenParts {
  /** What the caller is shown, once: `mlt_<tokenId>_<secret>`. */
  token: string;
  /** All that is ever recorded. */
  secretSha256: string;
}

export const secretDigest = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** A new API token: a 128-bit id to find it by and a 256-bit secret. */
export function mintToken(): MintedToken {
  const parts = { tokenId: randomBytes(16).toString('hex'), secret: randomBytes(32).toString('base64url') };
  return { ...parts, token: formatToken(parts), secretSha256: secretDigest(parts.secret) };
}

/**
 * An API token as callers hold it: `mlt_<tokenId>_<secret>`. The id finds the token without a
 * scan; the secret (43 base64url characters, 256 bits) is compared by its sha256 in constant
 * time. The prefix lets secret scanners recognise a leaked token.
 */
export const TOKEN_PREFIX = 'mlt_';
const TOKEN_PATTERN = /^mlt_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

export interface TokenParts {
  tokenId: string;
  secret: string;
}

export const formatToken = ({ tokenId, secret }: TokenParts): string => `${TOKEN_PREFIX}${tokenId}_${secret}`;

/** The parts of a well-formed token, or undefined: a malformed one is refused like an unknown one. */
export function parseToken(token: string): TokenParts | undefined {
  const match = TOKEN_PATTERN.exec(token);
  return match ? { tokenId: match[1], secret: match[2] } : undefined;
}

import { parseToken } from '@ledger/contracts';
import { mintToken, secretDigest } from './mint-token';

describe('minting an API token', () => {
  it('makes a well-formed token whose secret only its digest records', () => {
    const minted = mintToken();
    expect(parseToken(minted.token)).toEqual({ tokenId: minted.tokenId, secret: minted.secret });
    expect(minted.secretSha256).toBe(secretDigest(minted.secret));
    expect(minted.secretSha256).not.toContain(minted.secret);
  });

  it('never makes the same token twice', () => {
    const tokens = new Set(Array.from({ length: 1_000 }, () => mintToken().token));
    expect(tokens.size).toBe(1_000);
  });
});

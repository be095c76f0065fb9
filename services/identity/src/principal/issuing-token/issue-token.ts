import { CommandMetadata, TokenRequestSchema } from '@ledger/contracts';
import { mintToken } from '@ledger/platform';
import { z } from 'zod';
import { handleByName, IdentityContext } from '../../identity.context';

export type TokenRequest = z.output<typeof TokenRequestSchema>;

/** The one answer that holds the token: it is never stored, logged or shown again. */
export interface IssuedToken {
  token: string;
  tokenId: string;
  label: string;
  expiresAt: string | null;
}

/**
 * Mints a 128-bit id and a 256-bit secret here, at the edge, and hands the decision only the
 * secret's digest: the secret exists in this function's answer and nowhere else.
 */
export async function issueToken(
  identity: IdentityContext,
  name: string,
  request: TokenRequest,
  metadata: CommandMetadata,
): Promise<IssuedToken> {
  const { tokenId, token, secretSha256 } = mintToken();
  const expiresAt = request.expiresAt === undefined ? null : new Date(request.expiresAt).toISOString();
  const data = { name, tokenId, secretSha256, label: request.label, expiresAt };
  await handleByName(identity, { type: 'IssueToken', data }, metadata);
  return { token, tokenId, label: request.label, expiresAt };
}

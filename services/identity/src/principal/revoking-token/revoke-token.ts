import { CommandMetadata, NotFoundError, RevokeToken } from '@ledger/contracts';
import { z } from 'zod';
import { handleByName, IdentityContext } from '../../identity.context';
import { findToken, TokenView } from '../listing-tokens/tokens.projection';

/** Answers with the token as the admin API lists it, now with its revokedAt. */
export async function revokeToken(
  identity: IdentityContext,
  input: z.output<typeof RevokeToken.schema>,
  metadata: CommandMetadata,
): Promise<TokenView> {
  await handleByName(identity, { type: 'RevokeToken', data: input }, metadata);
  const token = await findToken(identity.db, input.tokenId);
  if (!token)
    throw new NotFoundError(`principal "${input.name}" has no token ${input.tokenId}`, {
      name: input.name,
      tokenId: input.tokenId,
    });
  return token;
}

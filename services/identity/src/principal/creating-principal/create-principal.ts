import { CommandMetadata, CreatePrincipal, IllegalStateError } from '@ledger/contracts';
import { StoredEvent } from '@ledger/eventstore';
import { z } from 'zod';
import { IdentityContext } from '../../identity.context';
import { principalStreamId } from '../principal';
import { PrincipalView } from '../getting-principals/principals.projection';
import { principalView } from '../getting-principals/principal-view';

export type CreatePrincipalInput = z.output<typeof CreatePrincipal.schema>;

/**
 * Creates a principal in a new stream named by the id minted in the metadata; the inline name
 * index refuses a taken name (also in a race). A resent commandId answers with the principal
 * its first run created.
 */
export async function createPrincipal(
  identity: IdentityContext,
  input: CreatePrincipalInput,
  metadata: CommandMetadata,
): Promise<PrincipalView> {
  const handled = await identity.principals.handle(principalStreamId(metadata.newId), {
    type: 'CreatePrincipal',
    data: input,
    metadata,
  });
  // Only a commandId already spent on another command created no principal of this name.
  if (handled.duplicate && !handled.events.some((event) => createdNamed(event, input.name))) {
    throw new IllegalStateError(`command ${metadata.commandId} was already handled`, { commandId: metadata.commandId });
  }
  return principalView(identity.db, input.name);
}

const createdNamed = (event: StoredEvent, name: string): boolean =>
  event.type === 'PrincipalCreated' && event.data.name === name;

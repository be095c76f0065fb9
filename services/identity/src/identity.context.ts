import { DataSource } from 'typeorm';
import { CommandMetadata, identityEvents, NotFoundError } from '@ledger/contracts';
import { CommandHandler, Handled, newId, Projection } from '@ledger/eventstore';
import { CommandSettings, DEFAULT_COMMAND_SETTINGS } from '@ledger/platform';
import { PrincipalCommand, PrincipalEvent, principalStreamId, PrincipalState } from './principal/principal';
import { principalDecider } from './principal/principal.decider';
import { findPrincipalId } from './principal/creating-principal/principal-names.projection';

export const IDENTITY = Symbol('identity-context');

/** What every identity slice needs: its database and the command handler of the principal aggregate. */
export interface IdentityContext {
  db: DataSource;
  principals: CommandHandler<PrincipalCommand, PrincipalEvent, PrincipalState>;
}

/** `inline`: the read models written with each append, the name index first (a taken name aborts the rest). */
export function createIdentityContext(
  db: DataSource,
  inline: Projection[],
  commands: CommandSettings = DEFAULT_COMMAND_SETTINGS,
  newEventId = newId,
): IdentityContext {
  const principals = new CommandHandler(db, {
    ...commands,
    decider: principalDecider,
    source: 'identity',
    catalog: identityEvents,
    newEventId,
    inline,
  });
  return { db, principals };
}

type ByName = Exclude<PrincipalCommand, { type: 'CreatePrincipal' | 'BootstrapAdmin' }>;

/**
 * A command to the principal that has this name. Principals are never renamed or deleted, so
 * the name index is the truth and a resent command finds its stream the same way.
 */
export async function handleByName(
  identity: IdentityContext,
  command: { type: ByName['type']; data: ByName['data'] },
  metadata: CommandMetadata,
): Promise<Handled<PrincipalState>> {
  const { name } = command.data;
  const principalId = await findPrincipalId(identity.db, name);
  if (!principalId) throw new NotFoundError(`principal "${name}" does not exist`, { name });
  return identity.principals.handle(principalStreamId(principalId), { ...command, metadata } as ByName);
}

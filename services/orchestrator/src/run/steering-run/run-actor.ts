import type { CommandMetadata } from '@ledger/contracts';
import type { AccessControl } from '@ledger/platform';
import type { RunActor } from '../run-messages';

/**
 * Who gives a person's input to a run, with the roles identity knows them by. Authentication
 * off: the command's actor as named, unauthenticated, so the run checks no roles.
 */
export async function runActorOf(access: AccessControl, metadata: CommandMetadata): Promise<RunActor> {
  const subject = await access.subjectOf(metadata);
  const { id, kind } = metadata.actor;
  if (!subject) return { id, kind, roles: [], authenticated: false };
  return { id: subject.name, kind, roles: [...subject.roles], authenticated: true };
}

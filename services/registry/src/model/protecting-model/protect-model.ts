import { CommandMetadata, SetModelProtectionInput } from '@ledger/contracts';
import { handleByName, RegistryContext } from '../../registry.context';

export async function setProtection(
  registry: RegistryContext,
  input: SetModelProtectionInput,
  metadata: CommandMetadata,
): Promise<void> {
  await handleByName(registry, { type: 'SetModelProtection', data: input }, metadata);
}

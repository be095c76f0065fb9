import {
  CommandMetadata,
  ForbiddenError,
  Permission,
  Protection,
  SetModelPermissionInput,
  DeleteModelPermissionInput,
  NotFoundError,
} from '@ledger/contracts';
import type { Principal } from '@ledger/platform';
import { handleByName, RegistryContext } from '../../registry.context';
import { findModelId } from '../creating-model/model-names.projection';
import { findModelAccess } from '../authorizing/model-access.projection';
import { permissionOn } from '../authorizing/model-access.policy';

/** Who may do what on one model: the grants, the default for everyone else, the protection policy. */
export interface ModelAccessAnswer {
  name: string;
  defaultPermission: Permission;
  permissions: Record<string, Permission>;
  protection: Protection | null;
}

export async function setPermission(
  registry: RegistryContext,
  input: SetModelPermissionInput,
  metadata: CommandMetadata,
): Promise<void> {
  await handleByName(registry, { type: 'SetModelPermission', data: input }, metadata);
}

export async function deletePermission(
  registry: RegistryContext,
  input: DeleteModelPermissionInput,
  metadata: CommandMetadata,
): Promise<void> {
  await handleByName(registry, { type: 'DeleteModelPermission', data: input }, metadata);
}

/** The model's access as the read model has it; only those who manage it (and admins) may see it. */
export async function readModelAccess(
  registry: RegistryContext,
  name: string,
  principal: Principal | undefined,
): Promise<ModelAccessAnswer> {
  const modelId = await findModelId(registry.db, name);
  if (!modelId) throw new NotFoundError(`registered model "${name}" does not exist`, { name });
  const access = await findModelAccess(registry.db, modelId);
  const { defaultPermission } = registry.access;
  if (principal) {
    const held = permissionOn(access, { subject: principal, defaultPermission });
    if (held !== 'MANAGE')
      throw new ForbiddenError(
        `${principal.name} has ${held} on registered model "${name}"; reading its access needs MANAGE`,
        {
          name,
        },
      );
  }
  return { name, defaultPermission, ...access };
}

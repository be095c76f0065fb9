import { Permission, PermissionSchema } from '@ledger/contracts';

export interface AccessConfigInput {
  /** What a principal without a grant may do on a model (env DEFAULT_MODEL_PERMISSION, default READ as in MLflow). */
  defaultModelPermission?: Permission;
}

export function accessSettings(
  given: AccessConfigInput,
  env: Record<string, string | undefined>,
): { defaultPermission: Permission } {
  const raw = given.defaultModelPermission ?? (env.DEFAULT_MODEL_PERMISSION || 'READ');
  const parsed = PermissionSchema.safeParse(raw);
  // A typo must stop the service at start, not fall back to a weaker or stronger default.
  if (!parsed.success)
    throw new Error(`DEFAULT_MODEL_PERMISSION must be one of ${PermissionSchema.options.join(', ')}, not "${raw}"`);
  return { defaultPermission: parsed.data };
}

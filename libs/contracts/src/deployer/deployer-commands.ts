import { z } from 'zod';
import { defineMessage } from '../catalog';
import { ModelNameSchema, VersionNumberSchema } from '../registry/events';
import { EnvironmentNameSchema, ReplicasSchema } from '../serving/serving-commands';
import { EnvironmentPolicySchema, StrategySchema } from './strategies';

const Target = { name: ModelNameSchema, environment: EnvironmentNameSchema };
const Reason = { reason: z.string().max(1000).optional() };

export const ConfigureEnvironment = defineMessage({
  type: 'ConfigureEnvironment',
  schemaVersion: 1,
  description:
    'Create an environment or replace its policy: what triggers a rollout there, the default strategy, replicas and protection.',
  schema: z.strictObject({ environment: EnvironmentNameSchema, policy: EnvironmentPolicySchema }),
});
export type ConfigureEnvironmentInput = z.infer<typeof ConfigureEnvironment.schema>;

export const DeployModelVersion = defineMessage({
  type: 'DeployModelVersion',
  schemaVersion: 1,
  description:
    "Roll a model version out to an environment (default strategy and replicas: the environment's policy); a rollout already running there is superseded.",
  schema: z.strictObject({
    ...Target,
    version: VersionNumberSchema,
    strategy: StrategySchema.optional(),
    replicas: ReplicasSchema.optional(),
    ...Reason,
  }),
});
export type DeployModelVersionInput = z.infer<typeof DeployModelVersion.schema>;

export const PromoteDeployment = defineMessage({
  type: 'PromoteDeployment',
  schemaVersion: 1,
  description: 'Move the running rollout on: to its next step, or (full) straight to 100% without further analysis.',
  schema: z.strictObject({ ...Target, full: z.boolean().default(false) }),
});
export type PromoteDeploymentInput = z.infer<typeof PromoteDeployment.schema>;

export const AbortDeployment = defineMessage({
  type: 'AbortDeployment',
  schemaVersion: 1,
  description: 'Stop the running rollout: all traffic back to the stable version, the new version unloaded.',
  schema: z.strictObject({ ...Target, ...Reason }),
});
export type AbortDeploymentInput = z.infer<typeof AbortDeployment.schema>;

export const RollbackDeployment = defineMessage({
  type: 'RollbackDeployment',
  schemaVersion: 1,
  description:
    'Serve the previous version again (or the named one); inside a blue-green rollback window the old version is still warm and takes traffic at once.',
  schema: z.strictObject({ ...Target, toVersion: VersionNumberSchema.optional(), ...Reason }),
});
export type RollbackDeploymentInput = z.infer<typeof RollbackDeployment.schema>;

export const ScaleDeployment = defineMessage({
  type: 'ScaleDeployment',
  schemaVersion: 1,
  description: 'Change the replicas of the version serving a model in an environment.',
  schema: z.strictObject({ ...Target, replicas: ReplicasSchema }),
});
export type ScaleDeploymentInput = z.infer<typeof ScaleDeployment.schema>;

export const Undeploy = defineMessage({
  type: 'Undeploy',
  schemaVersion: 1,
  description: 'Stop serving a model in an environment: its routes removed and every version unloaded.',
  schema: z.strictObject({ ...Target, ...Reason }),
});
export type UndeployInput = z.infer<typeof Undeploy.schema>;

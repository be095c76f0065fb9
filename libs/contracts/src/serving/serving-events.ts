import { z } from 'zod';
import { defineMessage } from '../catalog';
import { Sha256Schema } from '../identity/principal-events';
import { SignatureSchema } from '../registry/events';
import { ReplicasSchema, ServingTargetSchema, TrafficTableSchema } from './serving-commands';

/** The LoadModelVersion command an outcome answers: the deployer matches outcomes by it. */
const Answers = { loadCommandId: z.string().min(1).max(256) };

export const ServingVersionLoadRequested = defineMessage({
  type: 'ServingVersionLoadRequested',
  schemaVersion: 1,
  description:
    'Serving accepted a LoadModelVersion: the version is desired in the environment with N replicas; it becomes ready or fails to load.',
  schema: z.object({
    ...ServingTargetSchema,
    ...Answers,
    artifactSha256: Sha256Schema,
    replicas: ReplicasSchema,
    signature: SignatureSchema.nullable(),
  }),
});
export type ServingVersionLoadRequestedData = z.infer<typeof ServingVersionLoadRequested.schema>;

export const ServingVersionReady = defineMessage({
  type: 'ServingVersionReady',
  schemaVersion: 1,
  description: 'Every replica of the version loaded its digest-verified artifact and answered a warm-up inference.',
  schema: z.object({
    ...ServingTargetSchema,
    ...Answers,
    replicas: ReplicasSchema,
    loadedInMs: z.number().min(0),
  }),
});
export type ServingVersionReadyData = z.infer<typeof ServingVersionReady.schema>;

export const ServingVersionLoadFailed = defineMessage({
  type: 'ServingVersionLoadFailed',
  schemaVersion: 1,
  description:
    'The version could not be served (artifact missing or not matching its digest, not an ONNX model, warm-up refused); it holds no replicas.',
  schema: z.object({
    ...ServingTargetSchema,
    ...Answers,
    reason: z.string().max(2000),
  }),
});
export type ServingVersionLoadFailedData = z.infer<typeof ServingVersionLoadFailed.schema>;

export const ServingTrafficSet = defineMessage({
  type: 'ServingTrafficSet',
  schemaVersion: 1,
  description: "A model's routing table in an environment was replaced.",
  schema: z.object({
    name: ServingTargetSchema.name,
    environment: ServingTargetSchema.environment,
    traffic: TrafficTableSchema,
  }),
});
export type ServingTrafficSetData = z.infer<typeof ServingTrafficSet.schema>;

export const ServingTrafficCleared = defineMessage({
  type: 'ServingTrafficCleared',
  schemaVersion: 1,
  description:
    "A model's routing table in an environment was dropped with the last version it routed to: the model takes no traffic there.",
  schema: z.object({ name: ServingTargetSchema.name, environment: ServingTargetSchema.environment }),
});
export type ServingTrafficClearedData = z.infer<typeof ServingTrafficCleared.schema>;

export const ServingVersionScaled = defineMessage({
  type: 'ServingVersionScaled',
  schemaVersion: 1,
  description: 'A loaded version now runs in a different number of replicas.',
  schema: z.object({ ...ServingTargetSchema, replicas: ReplicasSchema, previousReplicas: ReplicasSchema }),
});
export type ServingVersionScaledData = z.infer<typeof ServingVersionScaled.schema>;

export const ServingVersionUnloaded = defineMessage({
  type: 'ServingVersionUnloaded',
  schemaVersion: 1,
  description: 'A version was unloaded from an environment; its replicas stopped and their memory was freed.',
  schema: z.object(ServingTargetSchema),
});
export type ServingVersionUnloadedData = z.infer<typeof ServingVersionUnloaded.schema>;

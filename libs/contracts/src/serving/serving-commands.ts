import { z } from 'zod';
import { defineMessage } from '../catalog';
import { Sha256Schema } from '../identity/principal-events';
import { ModelNameSchema, SignatureSchema, VersionNumberSchema } from '../registry/events';

/** Environments are names in URLs, metric labels and Kubernetes objects: DNS-label shaped. */
export const EnvironmentNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,62}$/, 'must be a lower-case DNS label (a-z, 0-9, "-"; at most 63 characters)');

/** Replicas of one loaded version: worker threads each holding its own onnxruntime session. */
export const REPLICAS_MAX = 32;
export const ReplicasSchema = z
  .number()
  .int()
  .min(1, 'must be at least 1')
  .max(REPLICAS_MAX, `must be at most ${REPLICAS_MAX}`);

/** One loaded version of a model in one environment: the unit serving loads, scales and unloads. */
export const ServingTargetSchema = {
  name: ModelNameSchema,
  environment: EnvironmentNameSchema,
  version: VersionNumberSchema,
};

export const LoadModelVersion = defineMessage({
  type: 'LoadModelVersion',
  schemaVersion: 1,
  description:
    "Load a model version's ONNX artifact (by sha256, from the shared artifact store) into N replicas in an environment; it serves no traffic until a route names it.",
  schema: z.strictObject({
    ...ServingTargetSchema,
    artifactSha256: Sha256Schema,
    replicas: ReplicasSchema.default(1),
    /** The version's registered signature: requests are checked against it as well as the model's own inputs. */
    signature: SignatureSchema.optional(),
  }),
});
export type LoadModelVersionInput = z.infer<typeof LoadModelVersion.schema>;

export const TrafficRouteSchema = z.strictObject({
  version: VersionNumberSchema,
  /** Percent of requests, 0..100; the routes of one table sum to 100. */
  weight: z.number().int().min(0).max(100),
});
export type TrafficRoute = z.infer<typeof TrafficRouteSchema>;

export const TrafficTableSchema = z
  .strictObject({
    routes: z.array(TrafficRouteSchema).min(1).max(16),
    /** A request header whose value is hashed onto the split, so one key keeps one version. */
    stickyHeader: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,64}$/, 'must be an HTTP header name')
      .optional(),
    /** A version that also gets every request; its answers are discarded (and measured). */
    shadowVersion: VersionNumberSchema.optional(),
  })
  .refine((t) => t.routes.reduce((sum, r) => sum + r.weight, 0) === 100, 'route weights must sum to 100')
  .refine((t) => new Set(t.routes.map((r) => r.version)).size === t.routes.length, 'a version may appear once');
export type TrafficTable = z.infer<typeof TrafficTableSchema>;

export const SetTraffic = defineMessage({
  type: 'SetTraffic',
  schemaVersion: 1,
  description:
    'Replace the routing table of a model in an environment: weights per loaded version, an optional sticky header and shadow version.',
  schema: z.strictObject({
    name: ModelNameSchema,
    environment: EnvironmentNameSchema,
    traffic: TrafficTableSchema,
  }),
});
export type SetTrafficInput = z.infer<typeof SetTraffic.schema>;

export const ScaleModelVersion = defineMessage({
  type: 'ScaleModelVersion',
  schemaVersion: 1,
  description: 'Change the number of replicas of a loaded version without dropping requests.',
  schema: z.strictObject({ ...ServingTargetSchema, replicas: ReplicasSchema }),
});
export type ScaleModelVersionInput = z.infer<typeof ScaleModelVersion.schema>;

export const UnloadModelVersion = defineMessage({
  type: 'UnloadModelVersion',
  schemaVersion: 1,
  description:
    "Unload a version from an environment and free its replicas; refused while a route or the shadow names it, except the model's last route (its table is dropped with it).",
  schema: z.strictObject(ServingTargetSchema),
});
export type UnloadModelVersionInput = z.infer<typeof UnloadModelVersion.schema>;

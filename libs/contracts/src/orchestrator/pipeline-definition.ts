import { z } from 'zod';
import { ModelNameSchema } from '../registry/events';
import { StageSchema } from '../registry/stages';
import { EnvironmentNameSchema, ReplicasSchema } from '../serving/serving-commands';
import { StrategySchema } from '../deployer/strategies';

/** A step's id: what `needs`, approvals, retries and skips name it by. */
export const StepIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,62}$/, 'must be a lower-case slug (a-z, 0-9, "-"; at most 63 characters)');

const DURATION = /^(\d{1,9})(ms|s|m|h|d)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
/** The longest timeout, wait or backoff a pipeline may name: 30 days (a durable timer, not a sleep). */
export const DURATION_MAX_MS = 30 * 86_400_000;

/** "500ms", "30s", "10m", "2h", "1d". */
export const DurationSchema = z
  .string()
  .regex(DURATION, 'must be a whole number with a unit: ms, s, m, h or d (e.g. "30s", "10m")')
  .refine((text) => !DURATION.test(text) || durationMs(text) <= DURATION_MAX_MS, 'must be at most 30 days');

/** Milliseconds of a duration DurationSchema accepted. */
export function durationMs(text: string): number {
  const match = DURATION.exec(text);
  if (!match) throw new Error(`not a duration: ${text}`);
  return Number(match[1]) * UNIT_MS[match[2]];
}

const ComparisonSchema = z.enum(['>=', '>', '<=', '<', '==', '!=']);

/** When a step runs: on the version's metrics and tags, and the run's validation verdict. */
export type Condition =
  | { metric: string; op: z.infer<typeof ComparisonSchema>; value: number }
  | { tag: string; equals?: string }
  | { verdict: 'passed' | 'failed' }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ metric: z.string().min(1).max(250), op: ComparisonSchema, value: z.number() }),
    z.strictObject({ tag: z.string().min(1).max(250), equals: z.string().max(5000).optional() }),
    z.strictObject({ verdict: z.enum(['passed', 'failed']) }),
    z.strictObject({ all: z.array(ConditionSchema).min(1).max(20) }),
    z.strictObject({ any: z.array(ConditionSchema).min(1).max(20) }),
    z.strictObject({ not: ConditionSchema }),
  ]),
);

export const RetriesSchema = z.strictObject({
  /** Attempts after the first. */
  max: z.number().int().min(0).max(20),
  backoff: z
    .strictObject({
      initial: DurationSchema.default('1s'),
      factor: z.number().min(1).max(10).default(2),
      max: DurationSchema.default('5m'),
      /** The share of each delay drawn at random (0: none, 1: anywhere from 0 to the delay). */
      jitter: z.number().min(0).max(1).default(0.2),
    })
    .prefault({}),
});

const StepBase = {
  id: StepIdSchema,
  /** The steps this one waits for; absent: the step before it in the list (a plain list is a chain). */
  needs: z.array(StepIdSchema).max(50).optional(),
  when: ConditionSchema.optional(),
  timeout: DurationSchema.optional(),
  retries: RetriesSchema.optional(),
  /** What a failure (after its retries) does: fail the run, skip the step, or undo what the run did and fail. */
  onFailure: z.enum(['fail', 'skip', 'compensate']).default('fail'),
};

export const PipelineStepSchema = z.discriminatedUnion('type', [
  z.strictObject({
    ...StepBase,
    type: z.literal('validate'),
    /** Ask the validator again even when the version's automatic run gave a verdict. */
    revalidate: z.boolean().default(false),
    policyVersion: z.number().int().min(0).optional(),
  }),
  z.strictObject({
    ...StepBase,
    type: z.literal('transition'),
    stage: StageSchema,
    archiveExisting: z.boolean().default(false),
  }),
  z.strictObject({ ...StepBase, type: z.literal('set-alias'), alias: z.string().min(1).max(255) }),
  z.strictObject({
    ...StepBase,
    type: z.literal('deploy'),
    environment: EnvironmentNameSchema,
    strategy: StrategySchema.optional(),
    replicas: ReplicasSchema.optional(),
  }),
  z.strictObject({
    ...StepBase,
    type: z.literal('approval'),
    /** Who may decide: any of these roles or users (none named: anyone with the approver or admin role). */
    approvers: z
      .strictObject({
        roles: z.array(z.string().min(1).max(64)).max(20).default([]),
        users: z.array(z.string().min(1).max(256)).max(100).default([]),
      })
      .prefault({}),
    /** N of M: approvals needed from distinct people. */
    required: z.number().int().min(1).max(20).default(1),
    /** The approver must not be whoever registered the version. */
    separationOfDuties: z.boolean().default(false),
  }),
  z.strictObject({ ...StepBase, type: z.literal('wait'), duration: DurationSchema }),
  z.strictObject({
    ...StepBase,
    type: z.literal('notify'),
    url: z.url({ protocol: /^https?$/ }).max(2048),
    /** The name of the environment variable holding the HMAC-SHA256 key the body is signed with. */
    secretEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]{0,127}$/, 'must be an environment variable name')
      .optional(),
    message: z.string().max(2000).optional(),
  }),
]);
export type PipelineStep = z.infer<typeof PipelineStepSchema>;
export type PipelineStepType = PipelineStep['type'];

export const PipelineTriggerSchema = z.discriminatedUnion('on', [
  z.strictObject({ on: z.literal('VersionCreated') }),
  z.strictObject({ on: z.literal('AliasSet'), alias: z.string().min(1).max(255) }),
  z.strictObject({ on: z.literal('StageTransitioned'), stage: StageSchema }),
  z.strictObject({
    on: z.literal('schedule'),
    /** Five fields (minute hour day month weekday), or six with seconds first; UTC unless timezone says otherwise. */
    cron: z.string().min(9).max(120),
    timezone: z.string().max(64).optional(),
    /** Which version a scheduled run takes: the one an alias names, or the newest in a stage. */
    target: z.union([z.strictObject({ alias: z.string().min(1).max(255) }), z.strictObject({ stage: StageSchema })]),
  }),
  z.strictObject({ on: z.literal('manual') }),
]);
export type PipelineTrigger = z.infer<typeof PipelineTriggerSchema>;

const ParameterValueSchema = z.union([z.string().max(1000), z.number(), z.boolean()]);
export const PipelineParametersSchema = z.record(
  z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'must be an identifier'),
  ParameterValueSchema,
);

/** Duplicate ids, unknown or forward-cycling `needs`: a pipeline must be a DAG of known steps. */
function checkGraph(steps: PipelineStep[], ctx: z.RefinementCtx): void {
  const ids = steps.map((s) => s.id);
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: `repeats step id "${id}"` });
    seen.add(id);
  });
  if (seen.size < ids.length) return; // the graph of repeated ids means nothing yet
  const needsOf = new Map(steps.map((s, i) => [s.id, s.needs ?? (i === 0 ? [] : [steps[i - 1].id])]));
  steps.forEach((step, i) =>
    (step.needs ?? []).forEach((need, j) => {
      if (!seen.has(need))
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'needs', j], message: `names no step: "${need}"` });
    }),
  );
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, trail: string[]): void => {
    if (state.get(id) === 'done' || !needsOf.has(id)) return;
    if (state.get(id) === 'visiting') {
      ctx.addIssue({ code: 'custom', path: ['steps'], message: `needs form a cycle: ${[...trail, id].join(' → ')}` });
      return;
    }
    state.set(id, 'visiting');
    for (const need of needsOf.get(id)!) visit(need, [...trail, id]);
    state.set(id, 'done');
  };
  ids.forEach((id) => visit(id, []));
}

/** The steps a step waits for: its `needs`, or the step before it in the list. */
export function stepNeeds(steps: readonly PipelineStep[], index: number): string[] {
  return steps[index].needs ?? (index === 0 ? [] : [steps[index - 1].id]);
}

export const PipelineDefinitionSchema = z
  .strictObject({
    description: z.string().max(2000).default(''),
    triggers: z
      .array(PipelineTriggerSchema)
      .max(20)
      .default([{ on: 'VersionCreated' }]),
    /** Runs of one model at once; more wait, queued, for a slot. */
    maxConcurrentRuns: z.number().int().min(1).max(1000).default(10),
    /** A run for a newer version cancels the model's running runs of older versions. */
    supersede: z.boolean().default(true),
    /** Defaults of `${name}` placeholders in the steps' strings; a manual run may override them. */
    parameters: PipelineParametersSchema.default({}),
    steps: z.array(PipelineStepSchema).min(1).max(50),
  })
  .superRefine((pipeline, ctx) => checkGraph(pipeline.steps, ctx));
export type PipelineDefinition = z.infer<typeof PipelineDefinitionSchema>;
export type PipelineDefinitionInput = z.input<typeof PipelineDefinitionSchema>;

/** Whose pipeline: a registered model's, or `*`, the default for every model without one. */
export const PipelineScopeSchema = z.union([z.literal('*'), ModelNameSchema]);

/**
 * The pipeline every model gets until it declares its own: validate → Staging + `challenger` →
 * an approval gate → Production (archiving the old one) + `champion` → a canary to production.
 * Built in, it runs only when started: a registry used as MLflow's keeps its stages and aliases
 * to itself until a team declares a pipeline (for its model, or `*` for all) that runs on
 * VersionCreated — this definition with that trigger, for instance.
 */
export const DEFAULT_PIPELINE: PipelineDefinitionInput = {
  description: 'validate → Staging + challenger → approval → Production + champion → canary to production',
  triggers: [{ on: 'manual' }],
  steps: [
    { id: 'validate', type: 'validate', timeout: '1h' },
    { id: 'staging', type: 'transition', stage: 'Staging' },
    { id: 'challenger', type: 'set-alias', alias: 'challenger' },
    { id: 'approve', type: 'approval', timeout: '7d' },
    { id: 'production', type: 'transition', stage: 'Production', archiveExisting: true },
    { id: 'champion', type: 'set-alias', alias: 'champion', onFailure: 'compensate' },
    {
      id: 'rollout',
      type: 'deploy',
      environment: 'production',
      strategy: {
        kind: 'canary',
        steps: [
          { weight: 10, pause: { seconds: 60 } },
          { weight: 50, pause: { seconds: 60 } },
        ],
      },
      timeout: '2h',
    },
  ],
};

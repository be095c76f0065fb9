import type { EnvironmentPolicy, EnvironmentTrigger, Signature, Stage } from '@ledger/contracts';
import type { RequestRollout } from '../../rollout/rollout-inputs';

/** What the deployer knows of the version a registry event names, once the event is applied. */
export interface TriggeredVersion {
  name: string;
  version: number;
  artifactSha256: string | null;
  signature: Signature | null;
  semverLabel: string | null;
  stage: Stage;
  aliases: readonly string[];
  /** The model's newest live version. */
  isLatest: boolean;
}

export interface TriggerEvent {
  id: string;
  type: string;
  data: { alias?: string; to?: string };
}

export type TriggerDecision =
  | { environment: string; outcome: 'requested'; request: RequestRollout['data'] }
  | { environment: string; outcome: 'skipped'; reason: string };

/** The registry events that can move what an environment's trigger designates. */
export const TRIGGERING_EVENTS = ['AliasSet', 'VersionStageTransitioned', 'VersionCreated', 'ArtifactAttached'];

const triggerFor = (policy: EnvironmentPolicy, name: string): EnvironmentTrigger =>
  (policy.models && Object.hasOwn(policy.models, name) ? policy.models[name].trigger : undefined) ?? policy.trigger;

/** Whether the trigger names this version now: the alias points at it, it is in the stage, it is the pinned one. */
function designates(trigger: EnvironmentTrigger, v: TriggeredVersion): boolean {
  switch (trigger.kind) {
    case 'alias':
      return v.aliases.includes(trigger.alias);
    case 'stage':
      return v.stage === trigger.stage;
    case 'pinned':
      return trigger.version === 'latest' ? v.isLatest : [v.semverLabel, String(v.version)].includes(trigger.version);
    case 'manual':
      return false;
  }
}

/**
 * Whether the event is what moved the trigger onto the version: the alias was set, the stage
 * entered, a pinned version registered — or the artifact of the version it already designated
 * arrived (until then nothing could be loaded).
 */
function fires(event: TriggerEvent, trigger: EnvironmentTrigger, v: TriggeredVersion): boolean {
  if (!designates(trigger, v)) return false;
  switch (event.type) {
    case 'AliasSet':
      return trigger.kind === 'alias' && trigger.alias === event.data.alias;
    case 'VersionStageTransitioned':
      return trigger.kind === 'stage' && trigger.stage === event.data.to;
    case 'VersionCreated':
      return trigger.kind === 'pinned';
    case 'ArtifactAttached':
      return true;
    default:
      return false;
  }
}

const why = (trigger: EnvironmentTrigger, v: TriggeredVersion): string => {
  switch (trigger.kind) {
    case 'alias':
      return `alias "${trigger.alias}" now points at version ${v.version}`;
    case 'stage':
      return `version ${v.version} entered stage ${trigger.stage}`;
    case 'pinned':
      return `version ${v.version} is the pinned version "${trigger.version}"`;
    case 'manual':
      return `version ${v.version} was asked for`;
  }
};

/**
 * Which environments a registry event rolls the version out to, by each environment's policy
 * (its per-model trigger first). A version without an artifact is skipped with the reason: its
 * ArtifactAttached will trigger it.
 */
export function decideTriggers(
  event: TriggerEvent,
  version: TriggeredVersion,
  environments: readonly { environment: string; policy: EnvironmentPolicy }[],
): TriggerDecision[] {
  return environments.flatMap(({ environment, policy }): TriggerDecision[] => {
    const trigger = triggerFor(policy, version.name);
    if (trigger.kind === 'manual' || !fires(event, trigger, version)) return [];
    if (version.artifactSha256 === null)
      return [
        {
          environment,
          outcome: 'skipped',
          reason: `${why(trigger, version)}, but it has no artifact attached: nothing to load until its ArtifactAttached`,
        },
      ];
    const request: RequestRollout['data'] = {
      name: version.name,
      environment,
      version: version.version,
      artifactSha256: version.artifactSha256,
      signature: version.signature,
      strategy: policy.strategy,
      replicas: policy.replicas,
      trigger: { kind: trigger.kind, causedBy: event.id },
      reason: why(trigger, version),
    };
    return [{ environment, outcome: 'requested', request }];
  });
}

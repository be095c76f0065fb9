import type { Command, DeploymentTrigger, Signature, Strategy } from '@ledger/contracts';

/**
 * What the deployer's edges (HTTP, bus commands, triggers) hand the rollout workflow of one model
 * in one environment. The edges resolve everything the workflow needs (the version's artifact
 * digest and signature, the environment's default strategy and replicas) and check who may ask,
 * so the workflow decides on facts alone. Each carries metadata.commandId: a redelivery is a no-op.
 */
export type RequestRollout = Command<
  'RequestRollout',
  {
    name: string;
    environment: string;
    version: number;
    artifactSha256: string;
    signature: Signature | null;
    strategy: Strategy;
    replicas: number;
    trigger: DeploymentTrigger;
    reason: string | null;
  }
>;

type Target = { name: string; environment: string };

export type PromoteRollout = Command<'PromoteRollout', Target & { full: boolean }>;
export type AbortRollout = Command<'AbortRollout', Target & { reason: string | null }>;
/** toVersion absent: the version that served before the current one. */
export type RollBack = Command<'RollBack', Target & { toVersion: number | null; reason: string | null }>;
export type ScaleServing = Command<'ScaleServing', Target & { replicas: number }>;
export type UndeployModel = Command<'UndeployModel', Target & { reason: string | null }>;

/** Every input an edge may hand the rollout workflow. */
export type RolloutControl = RequestRollout | PromoteRollout | AbortRollout | RollBack | ScaleServing | UndeployModel;

export interface RolloutHandled {
  /** The rollout the input concerns (for RequestRollout: the new one; derived from its commandId). */
  deploymentId: string | null;
  /** The same commandId was handled before: nothing was done again. */
  duplicate: boolean;
}

/** The rollout workflows, as the edges see them. Domain refusals throw the closed LedgerError set. */
export interface Rollouts {
  handle(input: RolloutControl): Promise<RolloutHandled>;
}

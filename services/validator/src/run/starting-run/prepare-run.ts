import { EntityManager } from 'typeorm';
import { policyAt } from '../../policy/policy-versions';
import { baselineRefOfKey, VersionFacts } from '../../version/version-facts';
import { latestInStage, versionFactsById, versionOfAlias } from '@ledger/registry-knowledge';
import { baselineRefsOf } from '../run-report.domain';
import { RunContext } from '../run.workflow';
import { runIdOf } from './run-id';

type On = Pick<EntityManager, 'query'>;

/**
 * The version a reference names now: the alias's version, else the latest in the stage. The
 * version under validation is never its own baseline (re-validating the champion compares with
 * nothing rather than with itself).
 */
export async function resolveBaseline(on: On, subject: VersionFacts, key: string): Promise<VersionFacts | null> {
  const ref = baselineRefOfKey(key);
  const byAlias = ref.alias === undefined ? undefined : await versionOfAlias(on, subject.modelId, ref.alias);
  const version =
    byAlias !== undefined && byAlias !== subject.version
      ? byAlias
      : ref.stage === undefined
        ? undefined
        : await latestInStage(on, subject.modelId, ref.stage, subject.version);
  return version === undefined ? null : ((await versionFactsById(on, subject.modelId, version)) ?? null);
}

export interface RunRequest {
  subject: VersionFacts;
  policyVersion?: number;
  dryRun: boolean;
  trigger: RunContext['trigger'];
}

/** Fixes a run's evidence: the version, the policy in force (or the one asked for), the baselines now. */
export async function prepareRun(on: On, request: RunRequest): Promise<RunContext> {
  const { subject, dryRun, trigger } = request;
  const policy = await policyAt(on, subject.name, request.policyVersion);
  const baselines = await Promise.all(
    baselineRefsOf(policy.checks).map(async (ref) => ({ ref, facts: await resolveBaseline(on, subject, ref) })),
  );
  return {
    runId: runIdOf(trigger),
    trigger,
    dryRun,
    subject,
    policy: { version: policy.policyVersion, checks: policy.checks },
    baselines,
  };
}

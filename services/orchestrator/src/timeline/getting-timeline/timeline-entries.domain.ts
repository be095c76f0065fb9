// What one event of any of the four services says about model versions: which versions it is
// about, and a one-line summary a person reads in a version's timeline.
type Data = Record<string, unknown>;
type Summary = (d: Data) => string;

const v = (version: unknown) => `v${String(version)}`;
const list = (items: unknown) => (Array.isArray(items) ? items.map(String).join(', ') : '');
const step = (d: Data) => `step "${String(d.stepId)}"`;
const at = (d: Data) => `to ${String(d.environment)}`;

const REGISTRY: Record<string, Summary> = {
  VersionCreated: (d) => `${v(d.version)} of ${String(d.name)} registered from ${String(d.source)}`,
  VersionStageTransitioned: (d) => {
    const archived = Array.isArray(d.archivedVersions) && d.archivedVersions.length > 0;
    const others = archived ? ` (archived ${list((d.archivedVersions as Data[]).map((a) => v(a.version)))})` : '';
    return `${v(d.version)} moved from ${String(d.from)} to ${String(d.to)}${others}`;
  },
  AliasSet: (d) =>
    `alias "${String(d.alias)}" → ${v(d.version)}${d.previousVersion == null ? '' : ` (was ${v(d.previousVersion)})`}`,
  AliasDeleted: (d) => `alias "${String(d.alias)}" removed from ${v(d.version)}`,
  VersionTagSet: (d) => `tag ${String(d.key)} = ${String(d.value)}`,
  VersionTagDeleted: (d) => `tag ${String(d.key)} removed`,
  VersionDescriptionUpdated: () => 'description updated',
  VersionDeleted: (d) =>
    `${v(d.version)} deleted${list(d.removedAliases) ? ` (aliases removed: ${list(d.removedAliases)})` : ''}`,
  ArtifactAttached: (d) => `artifact attached: sha256 ${String(d.sha256).slice(0, 12)}…, ${String(d.sizeBytes)} bytes`,
};

const verdict = (word: string) => (d: Data) => {
  const summary = (d.summary ?? {}) as Data;
  const failing = list(summary.failedBlocking);
  return `validation ${word} (policy ${String(d.policyVersion)})${failing ? `: ${failing}` : ''}`;
};
const VALIDATOR: Record<string, Summary> = {
  ValidationStarted: (d) =>
    `validation started: ${Array.isArray(d.checks) ? d.checks.length : 0} checks, policy ${String(d.policyVersion)}${d.dryRun ? ' (dry run)' : ''}`,
  ValidationCheckCompleted: (d) => {
    const result = (d.result ?? {}) as Data;
    return `check ${Number(d.index) + 1}/${String(d.total)} ${String(result.id ?? '')}: ${String(result.outcome ?? '')}`;
  },
  ValidationPassed: verdict('passed'),
  ValidationFailed: verdict('failed'),
};

const DEPLOYER: Record<string, Summary> = {
  DeploymentRequested: (d) =>
    `rollout of ${v(d.version)} ${at(d)} requested (${String((d.strategy as Data | undefined)?.kind ?? 'replace')})` +
    (d.joins ? `: joins the same rollout already running (${String(d.joins)})` : ''),
  DeploymentStarted: (d) =>
    `rollout ${at(d)} started${d.stableVersion == null ? '' : ` (stable ${v(d.stableVersion)})`}`,
  TrafficShifted: (d) => `traffic in ${String(d.environment)}: ${String(d.reason)}`,
  AnalysisCompleted: (d) => `analysis ${String(d.measurement)} in ${String(d.environment)}: ${String(d.phase)}`,
  DeploymentPaused: (d) => `rollout in ${String(d.environment)} paused (${String(d.reason)})`,
  DeploymentPromoted: (d) =>
    `rollout in ${String(d.environment)} promoted by ${String(d.by)}${d.full ? ' to 100%' : ''}`,
  DeploymentSucceeded: (d) => `${v(d.version)} serves all traffic in ${String(d.environment)}`,
  DeploymentRolledBack: (d) =>
    `${String(d.environment)} rolled back from ${v(d.fromVersion)} to ${v(d.toVersion)}: ${String(d.reason)}`,
  DeploymentAborted: (d) => `rollout of ${v(d.version)} ${at(d)} aborted: ${String(d.reason)}`,
  DeploymentScaled: (d) => `scaled in ${String(d.environment)} to ${String(d.replicas)} replicas`,
  Undeployed: (d) => `undeployed from ${String(d.environment)}`,
};

const ORCHESTRATOR: Record<string, Summary> = {
  PipelineRunQueued: (d) => `pipeline run queued (${String(d.running)} running)`,
  PipelineRunStarted: (d) =>
    `pipeline run started by ${String((d.trigger as Data | undefined)?.kind ?? 'unknown')} (pipeline ${String((d.pipeline as Data | undefined)?.model)} v${String((d.pipeline as Data | undefined)?.pipelineVersion)})`,
  PipelineStepStarted: (d) => `${step(d)} (${String(d.type)}) started, attempt ${String(d.attempt)}`,
  PipelineStepSucceeded: (d) => `${step(d)} succeeded`,
  PipelineStepFailed: (d) =>
    `${step(d)} failed${d.timedOut ? ' (timed out)' : ''}: ${String(d.reason)}${d.retryAt ? `; retry at ${String(d.retryAt)}` : ''}`,
  PipelineStepSkipped: (d) => `${step(d)} skipped (${String(d.cause)}): ${String(d.reason)}`,
  PipelineApprovalRecorded: (d) =>
    `${step(d)} ${String(d.decision)} by ${String((d.actor as Data | undefined)?.id)} (${String(d.approvals)}/${String(d.required)})${d.comment ? `: ${String(d.comment)}` : ''}`,
  PipelineStepCompensated: (d) => `${step(d)} undone: ${String(d.action)}`,
  PipelineRunSucceeded: () => 'pipeline run succeeded',
  PipelineRunFailed: (d) => `pipeline run failed at ${step(d)}: ${String(d.reason)}`,
  PipelineRunCancelled: (d) => `pipeline run cancelled: ${String(d.reason)}`,
};

/** The service whose events of each type a timeline holds, by type. */
export const TIMELINE_SERVICES: Record<string, 'registry' | 'validator' | 'deployer' | 'orchestrator'> = {
  ...Object.fromEntries(Object.keys(REGISTRY).map((type) => [type, 'registry' as const])),
  ...Object.fromEntries(Object.keys(VALIDATOR).map((type) => [type, 'validator' as const])),
  ...Object.fromEntries(Object.keys(DEPLOYER).map((type) => [type, 'deployer' as const])),
  ...Object.fromEntries(Object.keys(ORCHESTRATOR).map((type) => [type, 'orchestrator' as const])),
};

const SUMMARIES: Record<string, Summary> = { ...REGISTRY, ...VALIDATOR, ...DEPLOYER, ...ORCHESTRATOR };

/** One line on what the event did, for a person reading a version's timeline. */
export const summaryOf = (type: string, data: Data): string => SUMMARIES[type]?.(data) ?? type;

/**
 * The versions an event is about, as far as it says itself: a stage change also archives others,
 * a rollback concerns both versions, an undeploy every version it removed. null: it names none
 * (a rollout's later events), and belongs to its rollout's version.
 */
export function versionsOf(type: string, data: Data): number[] | null {
  const numbers = (...values: unknown[]) => values.filter((x): x is number => typeof x === 'number');
  switch (type) {
    case 'VersionStageTransitioned':
      return numbers(data.version, ...((data.archivedVersions as Data[] | undefined) ?? []).map((a) => a.version));
    case 'DeploymentRolledBack':
      return numbers(data.fromVersion, data.toVersion);
    case 'Undeployed':
      return numbers(...((data.versions as unknown[] | undefined) ?? []));
    default:
      return typeof data.version === 'number' ? [data.version] : null;
  }
}

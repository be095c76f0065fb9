import { summaryOf, TIMELINE_SERVICES, versionsOf } from './timeline-entries.domain';

describe('a timeline entry', () => {
  it('is about the version the event names, the versions a stage change archived, both sides of a rollback', () => {
    expect(versionsOf('VersionCreated', { version: 4 })).toEqual([4]);
    expect(
      versionsOf('VersionStageTransitioned', { version: 4, archivedVersions: [{ version: 3, from: 'Production' }] }),
    ).toEqual([4, 3]);
    expect(versionsOf('DeploymentRolledBack', { fromVersion: 4, toVersion: 3 })).toEqual([4, 3]);
    expect(versionsOf('Undeployed', { versions: [3, 4] })).toEqual([3, 4]);
  });

  it("names no version for a rollout's later events: they belong to their rollout's version", () => {
    expect(versionsOf('TrafficShifted', { deploymentId: 'd', step: 0 })).toBeNull();
  });

  it('reads as one line a person understands', () => {
    expect(
      summaryOf('VersionStageTransitioned', {
        version: 4,
        from: 'Staging',
        to: 'Production',
        archivedVersions: [{ version: 3, from: 'Production' }],
      }),
    ).toBe('v4 moved from Staging to Production (archived v3)');
    expect(summaryOf('AliasSet', { alias: 'champion', version: 4, previousVersion: 3 })).toBe(
      'alias "champion" → v4 (was v3)',
    );
    expect(summaryOf('ValidationFailed', { policyVersion: 2, summary: { failedBlocking: ['auc', 'drift'] } })).toBe(
      'validation failed (policy 2): auc, drift',
    );
    expect(
      summaryOf('PipelineApprovalRecorded', {
        stepId: 'approve',
        decision: 'approved',
        actor: { id: 'bo', kind: 'user' },
        comment: 'lgtm',
        approvals: 1,
        required: 2,
      }),
    ).toBe('step "approve" approved by bo (1/2): lgtm');
    const canary = { version: 4, environment: 'production', strategy: { kind: 'canary' } };
    expect(summaryOf('DeploymentRequested', { ...canary, joins: null })).toBe(
      'rollout of v4 to production requested (canary)',
    );
    expect(summaryOf('DeploymentRequested', { ...canary, joins: 'dep-7' })).toBe(
      'rollout of v4 to production requested (canary): joins the same rollout already running (dep-7)',
    );
    expect(
      summaryOf('PipelineStepFailed', { stepId: 'validate', reason: 'no verdict', timedOut: true, retryAt: null }),
    ).toBe('step "validate" failed (timed out): no verdict');
  });

  it('knows which service each type comes from', () => {
    expect([TIMELINE_SERVICES.AliasSet, TIMELINE_SERVICES.ValidationPassed, TIMELINE_SERVICES.TrafficShifted]).toEqual([
      'registry',
      'validator',
      'deployer',
    ]);
    expect(TIMELINE_SERVICES.PipelineRunStarted).toBe('orchestrator');
    expect(TIMELINE_SERVICES.PipelineDefined).toBeUndefined();
  });
});

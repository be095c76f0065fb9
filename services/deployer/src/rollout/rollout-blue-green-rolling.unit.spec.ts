import { IllegalStateError, ValidationError } from '@ledger/contracts';
import { given } from '@ledger/testing';
import { rolloutWorkflow } from './rollout.workflow';
import {
  at,
  autoPromote,
  deploymentOf,
  loadOf,
  promote,
  ready,
  request,
  rollBack,
  scale,
  scaleDownDue,
  target,
  undeploy,
} from './rollout.fixtures';

const D2 = deploymentOf(2);
const v1Serving = [request(1), ready(1, loadOf('deploy-1'))];
const only = (version: number) => ({ routes: [{ version, weight: 100 }] });
const trafficOf = (version: number, weight: number, other: number) => ({
  routes: [
    { version: other, weight: 100 - weight },
    { version, weight },
  ],
});

describe('a blue-green rollout', () => {
  const blueGreen = { kind: 'blue-green', autoPromoteSeconds: 30, scaleDownDelaySeconds: 300 };
  const preview = [...v1Serving, request(2, blueGreen), ready(2, loadOf('deploy-2'))];
  const promoted = [...preview, autoPromote({ deploymentId: D2, step: 0 }, at(30))];

  it('given the preview ready, then it gets a shadow copy of the traffic and its auto-promotion is set', () => {
    const when = given(rolloutWorkflow, [...v1Serving, request(2, blueGreen)]).when(ready(2, loadOf('deploy-2')));
    when.thenSends({
      type: 'SetTraffic',
      data: expect.objectContaining({ traffic: { ...only(1), shadowVersion: 2 } }),
    });
    when.thenSchedules({
      id: 'pause',
      dueAt: at(30),
      input: { type: 'AutoPromoteDue', data: { ...target, deploymentId: D2, step: 0 } },
    });
  });

  it('when auto-promotion is due, then the new version takes all traffic and the old one stays warm for the window', () => {
    const when = given(rolloutWorkflow, preview).when(autoPromote({ deploymentId: D2, step: 0 }, at(30)));
    when.thenSends({ type: 'SetTraffic', data: expect.objectContaining({ traffic: only(2) }) });
    when.thenSchedules({
      id: 'scale-down',
      dueAt: at(330),
      input: { type: 'ScaleDownDue', data: { ...target, deploymentId: D2, version: 1 } },
    });
  });

  it('given it promoted, when a person rolls back inside the window, then traffic switches back at once with no reload', () => {
    const when = given(rolloutWorkflow, promoted).when(rollBack(null, 'rollback-1', at(60)));
    when.thenSends(
      { type: 'SetTraffic', data: expect.objectContaining({ traffic: only(1) }) },
      { type: 'UnloadModelVersion', data: expect.objectContaining({ version: 2 }) },
    );
    when.thenCancels('scale-down');
    when.thenPublishes(expect.objectContaining({ type: 'TrafficShifted' }), {
      type: 'DeploymentRolledBack',
      data: {
        deploymentId: D2,
        ...target,
        fromVersion: 2,
        toVersion: 1,
        automatic: false,
        reason: 'rolled back by hand inside the rollback window',
      },
    });
  });

  it('when the window closes, then the old version is unloaded; a late window after a rollback is ignored', () => {
    given(rolloutWorkflow, promoted)
      .when(scaleDownDue(D2, 1, at(330)))
      .thenSends({ type: 'UnloadModelVersion', data: expect.objectContaining({ version: 1 }) });
    given(rolloutWorkflow, [...promoted, rollBack(null, 'rollback-1', at(60))])
      .when(scaleDownDue(D2, 1, at(330)))
      .thenIgnored(/no longer kept warm/);
  });

  it('given the window closed, when a person rolls back, then the old version is loaded again from its remembered digest', () => {
    const when = given(rolloutWorkflow, [...promoted, scaleDownDue(D2, 1, at(330))]).when(
      rollBack(null, 'rollback-2', at(400)),
    );
    when.thenSends({
      type: 'LoadModelVersion',
      data: expect.objectContaining({ version: 1, artifactSha256: '1'.repeat(64) }),
    });
    when.thenPublishes(
      expect.objectContaining({
        type: 'DeploymentRequested',
        data: expect.objectContaining({ trigger: { kind: 'rollback', causedBy: 'rollback-2' } }),
      }),
    );
  });

  it('refuses a rollback to a version never deployed there', () => {
    given(rolloutWorkflow, promoted)
      .when(rollBack(7))
      .thenThrows(ValidationError, /toVersion: version 7 was never deployed/);
  });

  it('given no timer and no analysis, then the preview waits for a person', () => {
    given(rolloutWorkflow, [...v1Serving, request(2, { kind: 'blue-green' })])
      .when(ready(2, loadOf('deploy-2')))
      .thenPublishes(
        expect.objectContaining({ type: 'DeploymentStarted' }),
        expect.objectContaining({ type: 'TrafficShifted' }),
        { type: 'DeploymentPaused', data: { ...target, deploymentId: D2, step: 0, reason: 'manual' } },
      );
  });
});

describe('a rolling rollout', () => {
  const rolling = { kind: 'rolling', maxSurge: 1, maxUnavailable: 0 };

  it('loads the first batch only; on ready, batch by batch, weights traffic by replicas until the old version is gone', () => {
    given(rolloutWorkflow, v1Serving)
      .when(request(2, rolling))
      .thenSends(expect.objectContaining({ type: 'LoadModelVersion', data: expect.objectContaining({ replicas: 1 }) }));
    given(rolloutWorkflow, [...v1Serving, request(2, rolling)])
      .when(ready(2, loadOf('deploy-2')))
      .thenSends(
        { type: 'SetTraffic', data: expect.objectContaining({ traffic: trafficOf(2, 33, 1) }) },
        { type: 'ScaleModelVersion', data: expect.objectContaining({ version: 1, replicas: 1 }) },
        { type: 'ScaleModelVersion', data: expect.objectContaining({ version: 2, replicas: 2 }) },
        { type: 'SetTraffic', data: expect.objectContaining({ traffic: trafficOf(2, 67, 1) }) },
        { type: 'SetTraffic', data: expect.objectContaining({ traffic: only(2) }) },
        { type: 'UnloadModelVersion', data: expect.objectContaining({ version: 1 }) },
      );
  });

  it('waits batchPauseSeconds between batches', () => {
    const paced = { ...rolling, batchPauseSeconds: 20 };
    given(rolloutWorkflow, [...v1Serving, request(2, paced)])
      .when(ready(2, loadOf('deploy-2')))
      .thenSchedules({
        id: 'pause',
        dueAt: at(20),
        input: { type: 'StepPauseElapsed', data: { ...target, deploymentId: D2, step: 0 } },
      });
  });

  it('refuses a scale while it replaces replicas', () => {
    given(rolloutWorkflow, [...v1Serving, request(2, { ...rolling, batchPauseSeconds: 20 })])
      .when(scale(4))
      .thenThrows(IllegalStateError, /rolling rollout/);
  });
});

describe('scaling and undeploying', () => {
  it('scales the serving version and says from how many', () => {
    const when = given(rolloutWorkflow, v1Serving).when(scale(5));
    when.thenSends({ type: 'ScaleModelVersion', data: expect.objectContaining({ version: 1, replicas: 5 }) });
    when.thenPublishes({ type: 'DeploymentScaled', data: { ...target, version: 1, replicas: 5, previousReplicas: 2 } });
    given(rolloutWorkflow, v1Serving)
      .when(scale(2))
      .thenIgnored(/already runs 2 replicas/);
  });

  it('refuses to scale or undeploy what is not deployed', () => {
    given(rolloutWorkflow)
      .when(scale(3))
      .thenThrows(IllegalStateError, /not deployed/);
    given(rolloutWorkflow)
      .when(undeploy())
      .thenThrows(IllegalStateError, /nothing to undeploy/);
  });

  it('undeploys: aborts the running rollout, unloads every other version, then the routed one last', () => {
    const canary = { kind: 'canary', steps: [{ weight: 10, pause: {} }] };
    const when = given(rolloutWorkflow, [...v1Serving, request(2, canary), ready(2, loadOf('deploy-2'))]).when(
      undeploy(),
    );
    when.thenSends(
      { type: 'SetTraffic', data: expect.objectContaining({ traffic: only(1) }) },
      { type: 'UnloadModelVersion', data: expect.objectContaining({ version: 2 }) },
      { type: 'UnloadModelVersion', data: expect.objectContaining({ version: 1 }) },
    );
    when.thenPublishes(
      expect.objectContaining({ type: 'TrafficShifted' }),
      expect.objectContaining({
        type: 'DeploymentAborted',
        data: expect.objectContaining({ reason: 'undeployed by ana: retired' }),
      }),
      { type: 'Undeployed', data: { ...target, versions: [1, 2], reason: 'retired' } },
    );
  });

  it('given an undeployed model, then promote is refused and a new request starts from nothing', () => {
    const gone = [...v1Serving, undeploy()];
    given(rolloutWorkflow, gone).when(promote()).thenThrows(IllegalStateError);
    given(rolloutWorkflow, gone)
      .when(request(2, { kind: 'canary', steps: [{ weight: 10 }] }))
      .thenSends(expect.objectContaining({ type: 'LoadModelVersion' }));
  });
});

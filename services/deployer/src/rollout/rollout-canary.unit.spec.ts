import { given } from '@ledger/testing';
import { rolloutWorkflow } from './rollout.workflow';
import {
  analysisDue,
  at,
  broken,
  deploymentOf,
  healthy,
  idle,
  loadOf,
  measured,
  pauseElapsed,
  promote,
  ready,
  request,
  rollBack,
  target,
} from './rollout.fixtures';

const D2 = deploymentOf(2);
const v1Serving = [request(1), ready(1, loadOf('deploy-1'))];
const analysis = { intervalSeconds: 10, count: 2, maxErrorRate: 0.05, minRequests: 20 };
const canary = { kind: 'canary', steps: [{ weight: 10 }, { weight: 50, pause: {} }], analysis };
const started = [...v1Serving, request(2, canary), ready(2, loadOf('deploy-2'))];
const step0 = { deploymentId: D2, step: 0 };
const split = (stable: number, canaryWeight: number) => ({
  routes: [
    { version: 1, weight: stable },
    { version: 2, weight: canaryWeight },
  ],
});

describe('a canary rollout', () => {
  it('given the new version ready, then it gets the first step weight and the first measurement is due one interval later', () => {
    const when = given(rolloutWorkflow, [...v1Serving, request(2, canary)]).when(ready(2, loadOf('deploy-2')));
    when.thenSends({ type: 'SetTraffic', data: { commandId: expect.any(String), ...target, traffic: split(90, 10) } });
    when.thenSchedules({
      id: 'analysis',
      dueAt: at(10),
      input: { type: 'AnalysisDue', data: { ...target, ...step0, measurement: 0 } },
    });
  });

  it('when a measurement is due, then it asks for it over one interval, naming both versions', () => {
    given(rolloutWorkflow, started)
      .when(analysisDue(step0, 0, at(10)))
      .thenSends({
        type: 'MeasureAnalysis',
        data: {
          commandId: expect.any(String),
          ...target,
          ...step0,
          measurement: 0,
          windowSeconds: 10,
          canaryVersion: 2,
          stableVersion: 1,
        },
      });
  });

  it('when a measurement passes and more are needed, then it records it and schedules the next', () => {
    const when = given(rolloutWorkflow, [...started, analysisDue(step0, 0, at(10))]).when(
      measured(step0, 0, healthy, healthy, at(10)),
    );
    when.thenPublishes({
      type: 'AnalysisCompleted',
      data: {
        ...target,
        ...step0,
        measurement: 0,
        phase: 'successful',
        canary: healthy,
        stable: healthy,
        reasons: [],
        failures: 0,
        inconclusives: 0,
      },
    });
    when.thenSchedules({
      id: 'analysis',
      dueAt: at(20),
      input: { type: 'AnalysisDue', data: { ...target, ...step0, measurement: 1 } },
    });
  });

  const passedOnce = [...started, analysisDue(step0, 0, at(10)), measured(step0, 0, healthy, healthy, at(10))];

  it('when the last measurement of a step passes, then it is promoted by the analysis to the next step, which waits for a person', () => {
    const when = given(rolloutWorkflow, [...passedOnce, analysisDue(step0, 1, at(20))]).when(
      measured(step0, 1, healthy, healthy, at(20)),
    );
    when.thenPublishes(
      expect.objectContaining({ type: 'AnalysisCompleted' }),
      { type: 'DeploymentPromoted', data: { ...target, ...step0, full: false, by: 'analysis' } },
      expect.objectContaining({
        type: 'TrafficShifted',
        data: expect.objectContaining({ step: 1, traffic: split(50, 50) }),
      }),
      { type: 'DeploymentPaused', data: { ...target, deploymentId: D2, step: 1, reason: 'manual' } },
    );
  });

  const atStep1 = [...passedOnce, analysisDue(step0, 1, at(20)), measured(step0, 1, healthy, healthy, at(20))];

  it('given a manual pause whose analysis passed, when a person promotes, then all traffic goes to the new version, which succeeds, and stable is unloaded', () => {
    const step1 = { deploymentId: D2, step: 1 };
    const passed = [...atStep1, analysisDue(step1, 0, at(30)), measured(step1, 0, healthy, healthy, at(30))];
    const more = [...passed, analysisDue(step1, 1, at(40)), measured(step1, 1, healthy, healthy, at(40))];
    const when = given(rolloutWorkflow, more).when(promote(false, 'promote-1', at(50)));
    when.thenSends(
      expect.objectContaining({
        type: 'SetTraffic',
        data: expect.objectContaining({ traffic: { routes: [{ version: 2, weight: 100 }] } }),
      }),
      expect.objectContaining({ type: 'UnloadModelVersion', data: expect.objectContaining({ version: 1 }) }),
    );
    when.thenPublishes(
      { type: 'DeploymentPromoted', data: { ...target, ...step1, full: false, by: 'manual' } },
      expect.objectContaining({ type: 'TrafficShifted', data: expect.objectContaining({ step: 2 }) }),
      {
        type: 'DeploymentSucceeded',
        data: { deploymentId: D2, ...target, version: 2, replicas: 2, previousVersion: 1 },
      },
    );
  });

  it('when a measurement fails, then traffic returns to stable at once, the rollback is automatic and the new version is unloaded', () => {
    const when = given(rolloutWorkflow, [...started, analysisDue(step0, 0, at(10))]).when(
      measured(step0, 0, broken, healthy, at(10)),
    );
    when.thenSends(
      {
        type: 'SetTraffic',
        data: { commandId: expect.any(String), ...target, traffic: { routes: [{ version: 1, weight: 100 }] } },
      },
      { type: 'UnloadModelVersion', data: { commandId: expect.any(String), ...target, version: 2 } },
    );
    when.thenPublishes(
      expect.objectContaining({
        type: 'AnalysisCompleted',
        data: expect.objectContaining({ phase: 'failed', failures: 1 }),
      }),
      expect.objectContaining({ type: 'TrafficShifted' }),
      {
        type: 'DeploymentRolledBack',
        data: {
          deploymentId: D2,
          ...target,
          fromVersion: 2,
          toVersion: 1,
          automatic: true,
          reason: 'analysis failed at step 0: error rate 20.00% is above maxErrorRate 5.00%',
        },
      },
    );
    when.thenSchedules();
  });

  it('given a rolled back canary, then a late measurement or timer is ignored: no further analysis', () => {
    const rolledBack = [...started, analysisDue(step0, 0, at(10)), measured(step0, 0, broken, healthy, at(10))];
    given(rolloutWorkflow, rolledBack)
      .when(analysisDue(step0, 1, at(20)))
      .thenIgnored(/is not running/);
    given(rolloutWorkflow, rolledBack)
      .when(measured(step0, 1, healthy, healthy, at(20)))
      .thenIgnored(/is not running/);
  });

  it('tolerates failures up to failureLimit before it rolls back', () => {
    const lenient = { ...canary, analysis: { ...analysis, count: 3, failureLimit: 1 } };
    const history = [...v1Serving, request(2, lenient), ready(2, loadOf('deploy-2')), analysisDue(step0, 0, at(10))];
    given(rolloutWorkflow, history)
      .when(measured(step0, 0, broken, healthy, at(10)))
      .thenSchedules(expect.objectContaining({ id: 'analysis', dueAt: at(20) }));
  });

  it('when no traffic reaches the canary, then it is inconclusive and pauses: it never promotes', () => {
    const when = given(rolloutWorkflow, [...started, analysisDue(step0, 0, at(10))]).when(
      measured(step0, 0, idle, healthy, at(10)),
    );
    when.thenPublishes(
      expect.objectContaining({ type: 'AnalysisCompleted', data: expect.objectContaining({ phase: 'inconclusive' }) }),
      { type: 'DeploymentPaused', data: { ...target, ...step0, reason: 'inconclusive' } },
    );
    when.thenSends();
  });

  it('given an inconclusive pause, when a person promotes, then the rollout continues to the next step', () => {
    const paused = [...started, analysisDue(step0, 0, at(10)), measured(step0, 0, idle, healthy, at(10))];
    given(rolloutWorkflow, paused)
      .when(promote(false, 'promote-1', at(30)))
      .thenSends(
        expect.objectContaining({ type: 'SetTraffic', data: expect.objectContaining({ traffic: split(50, 50) }) }),
      );
  });

  it('ignores a measurement already taken (a redelivered measurement of another command)', () => {
    given(rolloutWorkflow, passedOnce)
      .when({
        ...measured(step0, 0, broken, healthy, at(11)),
        metadata: { ...measured(step0, 0, broken, healthy, at(11)).metadata, commandId: 'other' },
      })
      .thenIgnored(/measurement 1 is the one awaited/);
  });

  it('when promoted fully, then it goes to 100% without further analysis, its pending measurement cancelled', () => {
    const when = given(rolloutWorkflow, started).when(promote(true, 'promote-full', at(5)));
    when.thenCancels('analysis');
    when.thenPublishes(
      { type: 'DeploymentPromoted', data: { ...target, ...step0, full: true, by: 'manual' } },
      expect.objectContaining({ type: 'TrafficShifted' }),
      expect.objectContaining({ type: 'DeploymentSucceeded' }),
    );
  });

  it('given a timed pause and no analysis, when the pause elapses, then the next step begins', () => {
    const timed = {
      kind: 'canary',
      steps: [
        { weight: 10, pause: { seconds: 60 } },
        { weight: 50, pause: { seconds: 60 } },
      ],
    };
    const history = [...v1Serving, request(2, timed), ready(2, loadOf('deploy-2'))];
    given(rolloutWorkflow, [...v1Serving, request(2, timed)])
      .when(ready(2, loadOf('deploy-2')))
      .thenSchedules({
        id: 'pause',
        dueAt: at(60),
        input: { type: 'StepPauseElapsed', data: { ...target, ...step0 } },
      });
    const when = given(rolloutWorkflow, history).when(pauseElapsed(step0, at(60)));
    when.thenCancels('pause');
    when.thenPublishes(
      { type: 'DeploymentPromoted', data: { ...target, ...step0, full: false, by: 'timer' } },
      expect.objectContaining({ type: 'TrafficShifted', data: expect.objectContaining({ step: 1 }) }),
    );
    given(rolloutWorkflow, [...history, pauseElapsed(step0, at(60))])
      .when({
        ...pauseElapsed(step0, at(61)),
        metadata: { ...pauseElapsed(step0, at(61)).metadata, commandId: 'again' },
      })
      .thenIgnored(/step 0 is over/);
  });

  it('given a running canary, when a person rolls back, then traffic returns to stable and the new version is unloaded', () => {
    const when = given(rolloutWorkflow, started).when(rollBack());
    when.thenPublishes(expect.objectContaining({ type: 'TrafficShifted' }), {
      type: 'DeploymentRolledBack',
      data: {
        deploymentId: D2,
        ...target,
        fromVersion: 2,
        toVersion: 1,
        automatic: false,
        reason: 'rolled back by hand',
      },
    });
  });
});

import { given } from '@ledger/testing';
import type { RolloutInput, RolloutRecord } from './rollout-messages';
import { rolloutWorkflow } from './rollout.workflow';
import {
  abort,
  analysisDue,
  at,
  broken,
  deploymentOf,
  healthy,
  loadOf,
  measured,
  pauseElapsed,
  promote,
  ready,
  request,
  target,
  undeploy,
} from './rollout.fixtures';

const D2 = deploymentOf(2);
const TRIGGERED = deploymentOf(2, 'pipeline-deploy');
const v1Serving = [request(1), ready(1, loadOf('deploy-1'))];
const analysis = { intervalSeconds: 10, count: 1, maxErrorRate: 0.05, minRequests: 20 };
// The same canary written in another key order, as a pipeline's parameters may spell it.
const canary = { kind: 'canary', steps: [{ weight: 10 }, { weight: 50, pause: {} }], analysis };
const reordered = { analysis, steps: [{ weight: 10 }, { pause: {}, weight: 50 }], kind: 'canary' };
const started = [...v1Serving, request(2, canary), ready(2, loadOf('deploy-2'))];
const step0 = { deploymentId: D2, step: 0 };
const joining = request(2, reordered, { commandId: 'pipeline-deploy' });
const joined = [...started, joining];

/** The workflow's state after the inputs, folded as the runner folds its stream. */
const stateAfter = (inputs: RolloutInput[]) =>
  inputs.reduce(
    (state, input) =>
      [{ kind: 'input', input } as RolloutRecord, ...rolloutWorkflow.decide(input, state)].reduce(
        rolloutWorkflow.evolve,
        state,
      ),
    rolloutWorkflow.initialState(),
  );

/** The end of one rollout, as a published event. */
const ending = (type: string, deploymentId: string, more: object = {}) =>
  expect.objectContaining({ type, data: expect.objectContaining({ deploymentId, ...more }) });

describe('a rollout asked for while the same one runs', () => {
  it('given a canary of version 2 running, when version 2 is asked for the same way, then it joins: nothing restarts', () => {
    given(rolloutWorkflow, started)
      .when(joining)
      .then([
        {
          kind: 'publish',
          event: {
            type: 'DeploymentRequested',
            data: {
              deploymentId: TRIGGERED,
              ...target,
              version: 2,
              strategy: expect.objectContaining({ kind: 'canary' }),
              replicas: 2,
              trigger: { kind: 'manual', causedBy: 'pipeline-deploy' },
              reason: null,
              supersedes: null,
              joins: D2,
            },
          },
        },
      ]);
  });

  it('given a joined canary, when it succeeds, then the joiner succeeds with it, just before it', () => {
    const atPause = [...joined, analysisDue(step0, 0, at(10)), measured(step0, 0, healthy, healthy, at(10))];
    const succeeded = (deploymentId: string) => ({
      type: 'DeploymentSucceeded' as const,
      data: { deploymentId, ...target, version: 2, replicas: 2, previousVersion: 1 },
    });
    const when = given(rolloutWorkflow, atPause).when(promote(false, 'promote-1', at(20)));
    when.thenPublishes(
      expect.objectContaining({ type: 'DeploymentPromoted' }),
      expect.objectContaining({ type: 'TrafficShifted' }),
      succeeded(TRIGGERED),
      succeeded(D2),
    );
  });

  it('given a joined canary, when its analysis fails, then the joiner is rolled back with it', () => {
    const when = given(rolloutWorkflow, [...joined, analysisDue(step0, 0, at(10))]).when(
      measured(step0, 0, broken, healthy, at(10)),
    );
    when.thenPublishes(
      expect.objectContaining({ type: 'AnalysisCompleted' }),
      expect.objectContaining({ type: 'TrafficShifted' }),
      ending('DeploymentRolledBack', TRIGGERED, { automatic: true }),
      ending('DeploymentRolledBack', D2, { automatic: true }),
    );
  });

  it('given a joined canary, when a person aborts it, then the joiner is aborted too', () => {
    given(rolloutWorkflow, joined)
      .when(abort())
      .thenPublishes(
        expect.objectContaining({ type: 'TrafficShifted' }),
        ending('DeploymentAborted', TRIGGERED),
        ending('DeploymentAborted', D2),
      );
  });

  it.each([
    ['version 3 supersedes it', request(3, canary)],
    ['the model is undeployed', undeploy()],
  ])('given a joined canary, when %s, then the joiner is aborted just before it', (_what, input) => {
    const outputs = rolloutWorkflow.decide(input, stateAfter(joined));
    const order = outputs.flatMap((o) =>
      o.kind === 'publish' && o.event.type === 'DeploymentAborted' ? [o.event.data.deploymentId] : [],
    );
    expect(order).toEqual([TRIGGERED, D2]);
  });

  it('given a joined rollout that ended, when the next one ends, then the joiner is not ended again', () => {
    const atPause = [...joined, analysisDue(step0, 0, at(10)), measured(step0, 0, healthy, healthy, at(10))];
    const v2Serving = [...atPause, promote(false, 'promote-1', at(20))];
    const when = given(rolloutWorkflow, [...v2Serving, request(3)]).when(ready(3, loadOf('deploy-3')));
    when.thenPublishes(
      expect.objectContaining({ type: 'DeploymentStarted' }),
      expect.objectContaining({ type: 'TrafficShifted' }),
      expect.objectContaining({
        type: 'DeploymentSucceeded' as const,
        data: expect.objectContaining({ deploymentId: deploymentOf(3) }),
      }),
    );
  });

  it.each([
    ['another version', request(3, canary, { commandId: 'pipeline-deploy' })],
    ['other replicas', request(2, canary, { commandId: 'pipeline-deploy', replicas: 4 })],
    ['another strategy', request(2, { kind: 'replace' }, { commandId: 'pipeline-deploy' })],
  ])(
    'given a canary of version 2 running, when %s is asked for, then it supersedes the running one',
    (_what, other) => {
      const published = (event: object) => ({ kind: 'publish', event: expect.objectContaining(event) });
      given(rolloutWorkflow, started)
        .when(other)
        .then(
          expect.arrayContaining([
            published({
              type: 'DeploymentAborted',
              data: expect.objectContaining({ deploymentId: D2, supersededBy: deploymentOf(0, 'pipeline-deploy') }),
            }),
            published({ type: 'DeploymentRequested', data: expect.objectContaining({ supersedes: D2 }) }),
          ]),
        );
    },
  );

  it('given a canary in a timed pause, when a same rollout joins, then the running rollout’s timer still ends both', () => {
    const paused = [
      ...v1Serving,
      request(2, { kind: 'canary', steps: [{ weight: 10, pause: { seconds: 30 } }] }),
      ready(2, loadOf('deploy-2')),
    ];
    const joiner = request(
      2,
      { kind: 'canary', steps: [{ weight: 10, pause: { seconds: 30 } }] },
      { commandId: 'pipeline-deploy' },
    );
    given(rolloutWorkflow, [...paused, joiner])
      .when(pauseElapsed(step0, at(30)))
      .thenPublishes(
        expect.objectContaining({ type: 'DeploymentPromoted', data: expect.objectContaining({ by: 'timer' }) }),
        expect.objectContaining({ type: 'TrafficShifted' }),
        expect.objectContaining({
          type: 'DeploymentSucceeded' as const,
          data: expect.objectContaining({ deploymentId: TRIGGERED }),
        }),
        expect.objectContaining({ type: 'DeploymentSucceeded', data: expect.objectContaining({ deploymentId: D2 }) }),
      );
  });
});

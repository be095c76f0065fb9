import { IllegalStateError } from '@ledger/contracts';
import { given } from '@ledger/testing';
import { rolloutWorkflow } from './rollout.workflow';
import { abort, deploymentOf, loadFailed, loadOf, promote, ready, request, sha, target } from './rollout.fixtures';

const D1 = deploymentOf(1);
const D2 = deploymentOf(2);
const v1Serving = [request(1), ready(1, loadOf('deploy-1'))];
const only = (version: number) => ({ routes: [{ version, weight: 100 }] });

describe('a rollout by replace', () => {
  it('given nothing, when a version is requested, then it is announced and loaded with its digest and replicas', () => {
    given(rolloutWorkflow)
      .when(request(1))
      .then([
        {
          kind: 'publish',
          event: {
            type: 'DeploymentRequested',
            data: {
              deploymentId: D1,
              ...target,
              version: 1,
              strategy: { kind: 'replace' },
              replicas: 2,
              trigger: { kind: 'manual', causedBy: 'deploy-1' },
              reason: null,
              supersedes: null,
            },
          },
        },
        {
          kind: 'send',
          command: {
            type: 'LoadModelVersion',
            data: { commandId: loadOf('deploy-1'), ...target, version: 1, artifactSha256: sha(1), replicas: 2 },
          },
        },
      ]);
  });

  it('derives the deployment from the request commandId: the same id always, another id another deployment', () => {
    expect(deploymentOf(1, 'deploy-1')).toBe(D1);
    expect(deploymentOf(1, 'deploy-1b')).not.toBe(D1);
    expect(D1).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('given the first version loading, when serving says it is ready, then it takes all traffic and succeeds', () => {
    given(rolloutWorkflow, [request(1)])
      .when(ready(1, loadOf('deploy-1')))
      .then([
        {
          kind: 'publish',
          event: {
            type: 'DeploymentStarted',
            data: { deploymentId: D1, ...target, version: 1, stableVersion: null, strategy: { kind: 'replace' } },
          },
        },
        { kind: 'send', command: { type: 'SetTraffic', data: expect.objectContaining({ traffic: only(1) }) } },
        {
          kind: 'publish',
          event: {
            type: 'TrafficShifted',
            data: { deploymentId: D1, ...target, step: 0, traffic: only(1), reason: expect.any(String) },
          },
        },
        {
          kind: 'publish',
          event: {
            type: 'DeploymentSucceeded',
            data: { deploymentId: D1, ...target, version: 1, replicas: 2, previousVersion: null },
          },
        },
      ]);
  });

  it('given version 1 serving, when version 2 is ready, then 2 takes all traffic, succeeds, and 1 is unloaded after', () => {
    const when = given(rolloutWorkflow, [...v1Serving, request(2)]).when(ready(2, loadOf('deploy-2')));
    when.thenSends(
      { type: 'SetTraffic', data: { commandId: expect.any(String), ...target, traffic: only(2) } },
      { type: 'UnloadModelVersion', data: { commandId: expect.any(String), ...target, version: 1 } },
    );
    when.thenPublishes(
      expect.objectContaining({ type: 'DeploymentStarted' }),
      expect.objectContaining({ type: 'TrafficShifted' }),
      {
        type: 'DeploymentSucceeded',
        data: { deploymentId: D2, ...target, version: 2, replicas: 2, previousVersion: 1 },
      },
    );
  });

  it('gives each command of a decision its own id, derived from the input: deciding again names the same commands', () => {
    const readyInput = ready(2, loadOf('deploy-2'));
    const readyId = readyInput.metadata.commandId!;
    given(rolloutWorkflow, [...v1Serving, request(2)])
      .when(readyInput)
      .thenSends(
        expect.objectContaining({ data: expect.objectContaining({ commandId: loadOf(readyId, 0) }) }),
        expect.objectContaining({ data: expect.objectContaining({ commandId: loadOf(readyId, 1) }) }),
      );
    expect(loadOf(readyId, 0)).not.toBe(loadOf(readyId, 1));
  });

  describe('when serving cannot load the version', () => {
    it('aborts the rollout with serving reason, and touches nothing else: stable keeps its traffic', () => {
      given(rolloutWorkflow, [...v1Serving, request(2)])
        .when(loadFailed(2, loadOf('deploy-2')))
        .then([
          {
            kind: 'publish',
            event: {
              type: 'DeploymentAborted',
              data: {
                deploymentId: D2,
                ...target,
                version: 2,
                reason: 'version 2 failed to load: not an ONNX model',
                supersededBy: null,
              },
            },
          },
        ]);
    });

    it('then a later ready for that load is ignored: the rollout is over', () => {
      given(rolloutWorkflow, [...v1Serving, request(2), loadFailed(2, loadOf('deploy-2'))])
        .when(ready(2, loadOf('deploy-2')))
        .thenIgnored(/no rollout is running/);
    });
  });

  describe('late and foreign outcomes', () => {
    it('ignores a ready for a load it never asked for', () => {
      given(rolloutWorkflow, [...v1Serving, request(2)])
        .when(ready(2, 'someone-elses-load'))
        .thenIgnored(/does not await load someone-elses-load/);
    });

    it('ignores a second ready for the load once the rollout began', () => {
      given(rolloutWorkflow, [request(1), ready(1, loadOf('deploy-1'))])
        .when(ready(1, loadOf('deploy-1'), '2026-11-22T12:00:05.000Z'))
        .thenIgnored(/no rollout is running/);
    });

    it('ignores a load failure for a load it never asked for', () => {
      given(rolloutWorkflow, [...v1Serving, request(2)])
        .when(loadFailed(2, 'foreign'))
        .thenIgnored(/does not await/);
    });
  });

  describe('a newer rollout supersedes the running one', () => {
    it('aborts the loading one saying by whom, unloads its version, and loads the newer', () => {
      const D3 = deploymentOf(3);
      const when = given(rolloutWorkflow, [...v1Serving, request(2)]).when(request(3));
      when.thenPublishes(
        {
          type: 'DeploymentAborted',
          data: {
            deploymentId: D2,
            ...target,
            version: 2,
            reason: `superseded by deployment ${D3} of version 3`,
            supersededBy: D3,
          },
        },
        expect.objectContaining({ type: 'DeploymentRequested', data: expect.objectContaining({ supersedes: D2 }) }),
      );
      when.thenSends(
        { type: 'UnloadModelVersion', data: { commandId: loadOf('deploy-3', 0), ...target, version: 2 } },
        expect.objectContaining({ type: 'LoadModelVersion', data: expect.objectContaining({ version: 3 }) }),
      );
    });

    it('then the superseded version becoming ready is ignored', () => {
      given(rolloutWorkflow, [...v1Serving, request(2), request(3)])
        .when(ready(2, loadOf('deploy-2')))
        .thenIgnored(/does not await load/);
    });
  });

  it('given the version already serving, when it is requested again, then it succeeds at once without a load', () => {
    given(rolloutWorkflow, [...v1Serving])
      .when(request(1, { kind: 'replace' }, { commandId: 'deploy-1-again' }))
      .thenPublishes(
        expect.objectContaining({ type: 'DeploymentRequested' }),
        expect.objectContaining({ type: 'DeploymentSucceeded', data: expect.objectContaining({ version: 1 }) }),
      );
  });

  it('refuses to promote or abort when nothing runs', () => {
    given(rolloutWorkflow, v1Serving)
      .when(promote())
      .thenThrows(IllegalStateError, /no rollout .* is running/);
    given(rolloutWorkflow, v1Serving)
      .when(abort())
      .thenThrows(IllegalStateError, /nothing to abort/);
  });

  it('refuses to promote a version still loading', () => {
    given(rolloutWorkflow, [...v1Serving, request(2)])
      .when(promote())
      .thenThrows(IllegalStateError, /still loading/);
  });

  it('given a loading rollout, when it is aborted, then its version is unloaded and stable keeps serving', () => {
    const when = given(rolloutWorkflow, [...v1Serving, request(2)]).when(abort());
    when.thenSends({ type: 'UnloadModelVersion', data: { commandId: expect.any(String), ...target, version: 2 } });
    when.thenPublishes({
      type: 'DeploymentAborted',
      data: { deploymentId: D2, ...target, version: 2, reason: 'aborted by ana', supersededBy: null },
    });
  });
});

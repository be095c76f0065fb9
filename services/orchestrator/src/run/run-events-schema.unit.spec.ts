import { orchestratorEvents } from '@ledger/contracts';
import {
  actor,
  approve,
  at,
  cancelRun,
  cmd,
  deployed,
  notified,
  pipeline,
  publishedBy,
  refused,
  registryOutcome,
  reject,
  retryDue,
  retryStep,
  skipStep,
  start,
  supersede,
  timedOut,
  verdict,
  verdictReceived,
  waitElapsed,
} from './run.fixtures';

const everything = pipeline(
  [
    { id: 'validate', type: 'validate', timeout: '1h' },
    { id: 'staging', type: 'transition', stage: 'Staging', when: { verdict: 'passed' } },
    { id: 'challenger', type: 'set-alias', alias: 'challenger', retries: { max: 1 } },
    { id: 'approve', type: 'approval', required: 2 },
    { id: 'cool-off', type: 'wait', duration: '1m' },
    { id: 'skipped', type: 'transition', stage: 'Archived', when: { tag: 'frozen' } },
    { id: 'rollout', type: 'deploy', environment: 'production', timeout: '2h', onFailure: 'skip' },
    { id: 'tell', type: 'notify', url: 'https://hooks.example.com/${team}', onFailure: 'compensate' },
  ],
  { parameters: { team: 'ml' } },
);

const histories = {
  'a run through every step type, with retries, approvals, a skip and a compensation': [
    start(everything, { knownVerdicts: [verdict(true)] }),
    registryOutcome(cmd('staging'), 'VersionStageTransitioned'),
    refused(cmd('challenger'), at(1)),
    retryDue('challenger', 2, at(20)),
    registryOutcome(cmd('challenger', 2), 'AliasSet'),
    approve('approve', actor('ana')),
    reject('approve', actor('bob')),
    retryStep('approve'),
    approve('approve', actor('ana')),
    approve('approve', actor('bob')),
    waitElapsed('cool-off', 1, at(90)),
    deployed(cmd('rollout'), 'aborted'),
    notified(cmd('tell'), false, at(100)),
  ],
  'a failing verdict': [start(everything), verdictReceived(verdict(false))],
  'a queued run superseded': [start(everything, { queued: true }), supersede()],
  'a cancelled run': [start(everything), cancelRun()],
  'a timed-out step': [start(everything), timedOut('validate', 1, at(3600))],
  'a skipped step': [start(everything), skipStep('validate')],
  'a run that succeeds': [
    start(pipeline([{ id: 'cool-off', type: 'wait', duration: '1m' }])),
    waitElapsed('cool-off', 1, at(60)),
  ],
  'an unknown placeholder': [start(pipeline([{ id: 'tell', type: 'notify', url: 'https://x.example.com/${nope}' }]))],
};

describe('the events a run publishes', () => {
  it.each(Object.entries(histories))('pass the orchestrator events catalog: %s', (_, inputs) => {
    const events = publishedBy(inputs);
    expect(events.length).toBeGreaterThan(1);
    for (const event of events) expect(() => orchestratorEvents.validate(event.type, event.data)).not.toThrow();
  });

  it('cover every run event type between them', () => {
    const types = new Set(Object.values(histories).flatMap((inputs) => publishedBy(inputs).map((e) => e.type)));
    const runTypes = orchestratorEvents
      .definitions()
      .map((d) => d.type)
      .filter((t) => t !== 'PipelineDefined');
    expect([...types].sort()).toEqual(runTypes.sort());
  });
});

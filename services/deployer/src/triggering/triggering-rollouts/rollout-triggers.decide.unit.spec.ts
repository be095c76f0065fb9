import { EnvironmentPolicy, EnvironmentPolicySchema } from '@ledger/contracts';
import { decideTriggers, TriggeredVersion, TriggerEvent } from './rollout-triggers.decide';

const SHA = 'a'.repeat(64);
const version = (overrides: Partial<TriggeredVersion> = {}): TriggeredVersion => ({
  name: 'churn',
  version: 4,
  artifactSha256: SHA,
  signature: null,
  semverLabel: null,
  stage: 'None',
  aliases: [],
  isLatest: true,
  ...overrides,
});
const policy = (input: object): EnvironmentPolicy => EnvironmentPolicySchema.parse(input);
const DEFAULTS = [
  { environment: 'production', policy: policy({ trigger: { kind: 'alias', alias: 'champion' } }) },
  { environment: 'staging', policy: policy({ trigger: { kind: 'stage', stage: 'Staging' } }) },
];
const event = (type: string, data: TriggerEvent['data'] = {}): TriggerEvent => ({ id: 'e-1', type, data });

describe('which environments a registry event rolls a version out to', () => {
  it('given production follows champion, when champion moves to version 4, then production gets version 4 by its policy', () => {
    const decisions = decideTriggers(
      event('AliasSet', { alias: 'champion' }),
      version({ aliases: ['champion'] }),
      DEFAULTS,
    );
    expect(decisions).toEqual([
      {
        environment: 'production',
        outcome: 'requested',
        request: {
          name: 'churn',
          environment: 'production',
          version: 4,
          artifactSha256: SHA,
          signature: null,
          strategy: { kind: 'replace' },
          replicas: 1,
          trigger: { kind: 'alias', causedBy: 'e-1' },
          reason: 'alias "champion" now points at version 4',
        },
      },
    ]);
  });

  it('when another alias moves, or a stage other than Staging is entered, then nothing rolls out', () => {
    expect(
      decideTriggers(event('AliasSet', { alias: 'challenger' }), version({ aliases: ['challenger'] }), DEFAULTS),
    ).toEqual([]);
    expect(
      decideTriggers(
        event('VersionStageTransitioned', { to: 'Production' }),
        version({ stage: 'Production' }),
        DEFAULTS,
      ),
    ).toEqual([]);
  });

  it('when a version enters Staging, then staging gets it', () => {
    const decisions = decideTriggers(
      event('VersionStageTransitioned', { to: 'Staging' }),
      version({ stage: 'Staging' }),
      DEFAULTS,
    );
    expect(decisions.map((d) => [d.environment, d.outcome])).toEqual([['staging', 'requested']]);
  });

  it('when the version has no artifact, then the environment is skipped with the reason, and its ArtifactAttached rolls it out', () => {
    const bare = version({ aliases: ['champion'], artifactSha256: null });
    expect(decideTriggers(event('AliasSet', { alias: 'champion' }), bare, DEFAULTS)).toEqual([
      {
        environment: 'production',
        outcome: 'skipped',
        reason:
          'alias "champion" now points at version 4, but it has no artifact attached: nothing to load until its ArtifactAttached',
      },
    ]);
    const attached = decideTriggers(event('ArtifactAttached'), version({ aliases: ['champion'] }), DEFAULTS);
    expect(attached.map((d) => [d.environment, d.outcome])).toEqual([['production', 'requested']]);
  });

  it('given a pinned "latest", when a version is registered, then it rolls out; a pinned label rolls out only its version', () => {
    const pinned = [
      { environment: 'edge', policy: policy({ trigger: { kind: 'pinned', version: 'latest' }, replicas: 2 }) },
      { environment: 'lab', policy: policy({ trigger: { kind: 'pinned', version: '1.0.0' } }) },
    ];
    expect(decideTriggers(event('VersionCreated'), version(), pinned).map((d) => d.environment)).toEqual(['edge']);
    expect(
      decideTriggers(event('VersionCreated'), version({ semverLabel: '1.0.0', isLatest: false }), pinned).map(
        (d) => d.environment,
      ),
    ).toEqual(['lab']);
  });

  it("given a per-model trigger, then that model follows it and not the environment's", () => {
    const perModel = [
      {
        environment: 'production',
        policy: policy({
          trigger: { kind: 'alias', alias: 'champion' },
          models: { churn: { trigger: { kind: 'manual' } } },
        }),
      },
    ];
    expect(
      decideTriggers(event('AliasSet', { alias: 'champion' }), version({ aliases: ['champion'] }), perModel),
    ).toEqual([]);
  });

  it('when an alias event arrives for a version the alias no longer designates, then nothing rolls out', () => {
    expect(decideTriggers(event('AliasSet', { alias: 'champion' }), version({ aliases: [] }), DEFAULTS)).toEqual([]);
  });
});

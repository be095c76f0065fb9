import { Semver, VersionCreated } from '@ledger/contracts';
import { modelDecider } from '../model.decider';
import { event, modelCreated, registerVersion, signature, versionCreated } from '../model.fixtures';
import { ModelEvent } from '../model';
import { RECENT_VERSIONS } from './semver';

// The label and reason the aggregate suggests for the next version after these events.
function next(history: ModelEvent[], data: Parameters<typeof registerVersion>[0] = {}): Semver {
  const state = history.reduce(modelDecider.evolve, modelDecider.initialState());
  const [created] = modelDecider.decide(registerVersion(data), state);
  if (created.type !== 'VersionCreated' || !created.data.semver) throw new Error('expected a labelled VersionCreated');
  return created.data.semver;
}

const v1 = versionCreated(1, {
  signature: signature(['age', 'int64'], ['income', 'float32', [-1, 1]]),
  semver: { label: '1.4.2', reason: 'x' },
});
const tagged = (goal?: string) =>
  modelCreated('churn', { primary_metric: 'auc', ...(goal ? { primary_metric_goal: goal } : {}) });

describe('semantic version labels', () => {
  it('labels the first version 1.0.0', () => {
    expect(next([modelCreated()])).toEqual({ label: '1.0.0', reason: 'first version of the model' });
  });

  it('is major when an input of the previous version is removed', () => {
    expect(next([modelCreated(), v1], { signature: signature(['age', 'int64']) })).toEqual({
      label: '2.0.0',
      reason: 'major: removes input "income" (compared with version 1)',
    });
  });

  it('is major when an input is retyped, shape included', () => {
    expect(
      next([modelCreated(), v1], { signature: signature(['age', 'float64'], ['income', 'float32', [-1, 1]]) }).label,
    ).toBe('2.0.0');
    expect(
      next([modelCreated(), v1], { signature: signature(['age', 'int64'], ['income', 'float32', [-1, 2]]) }),
    ).toEqual({
      label: '2.0.0',
      reason: 'major: retypes input "income" from float32[-1,1] to float32[-1,2] (compared with version 1)',
    });
  });

  it('is minor when inputs are added', () => {
    expect(
      next([modelCreated(), v1], {
        signature: signature(['age', 'int64'], ['income', 'float32', [-1, 1]], ['tenure', 'int64']),
      }),
    ).toEqual({
      label: '1.5.0',
      reason: 'minor: adds input "tenure" (compared with version 1)',
    });
  });

  it('is minor when the primary metric improves (goal max by default)', () => {
    const history = [tagged(), versionCreated(1, { metrics: { auc: 0.9 } })];
    expect(next(history, { metrics: { auc: 0.93 } })).toEqual({
      label: '1.1.0',
      reason: 'minor: improves auc from 0.9 to 0.93 (goal: max) (compared with version 1)',
    });
    expect(next(history, { metrics: { auc: 0.85 } }).label).toBe('1.0.1');
  });

  it('follows primary_metric_goal = min', () => {
    const history = [tagged('min'), versionCreated(1, { metrics: { auc: 0.9 } })];
    expect(next(history, { metrics: { auc: 0.8 } }).label).toBe('1.1.0');
    expect(next(history, { metrics: { auc: 0.95 } }).label).toBe('1.0.1');
  });

  it('follows the primary metric tag set after creation', () => {
    const history = [
      modelCreated(),
      event('RegisteredModelTagSet', { key: 'primary_metric', value: 'f1' }),
      versionCreated(1, { metrics: { f1: 0.5 } }),
    ];
    expect(next(history, { metrics: { f1: 0.6 } }).label).toBe('1.1.0');
  });

  it('is patch otherwise, saying why', () => {
    expect(next([modelCreated(), v1], { signature: v1.data.signature })).toEqual({
      label: '1.4.3',
      reason: 'patch: same inputs and no primary-metric improvement (compared with version 1)',
    });
    expect(next([modelCreated(), v1]).reason).toBe(
      'patch: no signature on both versions to compare and no primary-metric improvement (compared with version 1)',
    );
  });

  it('knows unnamed inputs (tensors fed by position) by their position', () => {
    const tensors = (...types: string[]) => ({
      inputs: types.map((type) => ({ type, shape: [-1, 4] })),
      outputs: [{ type: 'float32' }],
    });
    const positional = versionCreated(1, { signature: tensors('float32'), semver: { label: '1.0.0', reason: 'x' } });
    expect(next([modelCreated(), positional], { signature: tensors('float32') }).label).toBe('1.0.1');
    expect(next([modelCreated(), positional], { signature: tensors('float64') })).toEqual({
      label: '2.0.0',
      reason: 'major: retypes input "#0" from float32[-1,4] to float64[-1,4] (compared with version 1)',
    });
    expect(next([modelCreated(), positional], { signature: tensors('float32', 'int64') }).reason).toBe(
      'minor: adds input "#1" (compared with version 1)',
    );
  });

  it('compares with the latest live version but grows from the highest label, so labels never repeat', () => {
    const v2 = versionCreated(2, { signature: signature(['age', 'int64']), semver: { label: '2.0.0', reason: 'x' } });
    const history = [modelCreated(), v1, v2, event('VersionDeleted', { version: 2, removedAliases: [] })];
    expect(next(history, { signature: v1.data.signature })).toEqual({
      label: '2.0.1',
      reason: expect.stringContaining('compared with version 1'),
    });
    const allGone = [...history, event('VersionDeleted', { version: 1, removedAliases: [] })];
    expect(next(allGone).label).toBe('3.0.0');
  });

  it('keeps comparing with the latest live version after several deletions from the top', () => {
    const created = [1, 2, 3, 4].map((n) =>
      versionCreated(n, { signature: signature([`in${n}`, 'int64']), semver: { label: `${n}.0.0`, reason: 'x' } }),
    );
    const history = [
      modelCreated(),
      ...created,
      ...[4, 3].map((version) => event('VersionDeleted', { version, removedAliases: [] })),
    ];
    expect(next(history, { signature: signature(['in2', 'int64']) })).toEqual({
      label: '4.0.1',
      reason: expect.stringContaining('compared with version 2'),
    });
  });

  // The state keeps only the RECENT_VERSIONS highest live versions' inputs, so it does not grow
  // with the model; past that many deletions from the top there is nothing left to compare with.
  it(`is major, saying why, when the ${RECENT_VERSIONS} highest live versions were deleted but older ones live`, () => {
    const count = RECENT_VERSIONS + 2;
    const created = Array.from({ length: count }, (_, i) =>
      versionCreated(i + 1, { semver: { label: `1.0.${i}`, reason: 'x' } }),
    );
    const deletions = Array.from({ length: RECENT_VERSIONS }, (_, i) =>
      event('VersionDeleted', { version: count - i, removedAliases: [] }),
    );
    expect(next([modelCreated(), ...created, ...deletions])).toEqual({
      label: '2.0.0',
      reason: `major: no live version to compare with: the ${RECENT_VERSIONS} highest live versions were deleted, older ones are not compared`,
    });
  });

  it('labels versions registered before labels existed (schema v1, no semver) by the same rule', () => {
    const old = versionCreated(1, { semver: null });
    const state = [modelCreated(), old].reduce(modelDecider.evolve, modelDecider.initialState());
    expect(state.lastLabel).toBe('1.0.0');
    expect(next([modelCreated(), old, versionCreated(2, { semver: null })]).label).toBe('1.0.2');
  });

  describe('a reason stays within the 2,000 characters VersionCreated allows, however long the names', () => {
    const long = (i: number) => `${String(i).padStart(3, '0')}${'n'.repeat(247)}`;
    const wide = (count: number, type: string) =>
      signature(
        ...Array.from({ length: count }, (_, i): [string, string, number[]] => [
          long(i),
          type,
          Array(32).fill(123456789),
        ]),
      );
    const before = versionCreated(1, { signature: wide(1000, 'float32'), semver: { label: '1.0.0', reason: 'x' } });

    it.each([
      [
        'removed',
        wide(0, 'float32'),
        /^major: removes input "000n{36}…", "001n{36}…", "002n{36}…", and 997 more \(compared with version 1\)$/,
      ],
      [
        'retyped',
        wide(1000, 'float64'),
        /^major: retypes input "000n{36}…" from float32\[123456789,[\d,]+… to float64.*; and 997 more retyped \(compared/,
      ],
    ])('names the first three %s inputs and counts the rest', (_, after, reason) => {
      const created = modelDecider.decide(
        registerVersion({ signature: after }),
        [modelCreated(), before].reduce(modelDecider.evolve, modelDecider.initialState()),
      )[0];

      expect(created.type === 'VersionCreated' && created.data.semver?.reason).toMatch(reason);
      expect(VersionCreated.schema.safeParse(created.data).error).toBeUndefined();
    });

    it('clips names by character, never halving an emoji into a lone surrogate', () => {
      const emoji = '🧪'.repeat(100);
      const reason = next([modelCreated(), versionCreated(1, { signature: signature(['a', 'int64']) })], {
        signature: signature(['a', 'int64'], [emoji, 'int64']),
      }).reason;
      expect(reason).toBe(`minor: adds input "${'🧪'.repeat(39)}…" (compared with version 1)`);
    });
  });
});

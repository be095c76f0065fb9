import { PolicyCheck, UnavailableError, ValidationError } from '@ledger/contracts';
import { versionFacts } from '../version/version-facts.fixture';
import { checkEvaluator } from './check-evaluator';
import { CheckEvaluators } from './check-evaluators';
import { SPINE_EVALUATORS } from './spine-evaluators';

const inputs = { runId: 'r', subject: versionFacts(1), baseline: null, baselineRef: null };
const drift = { id: 'drift-1', kind: 'drift', blocking: true } as PolicyCheck;

describe('check evaluators by kind', () => {
  it('refuses a policy naming a kind without an evaluator, naming the field and the kind', () => {
    const evaluators = new CheckEvaluators(SPINE_EVALUATORS);
    expect(() => evaluators.requireAvailable([{ kind: 'threshold' }, { kind: 'drift' }])).toThrow(ValidationError);
    expect(() => evaluators.requireAvailable([{ kind: 'threshold' }, { kind: 'drift' }])).toThrow(
      /checks\[1\]\.kind: check kind "drift" is not available yet/,
    );
  });

  it('records an evaluator that throws as outcome error, never as a pass, with the policy fields', async () => {
    const evaluators = new CheckEvaluators([
      checkEvaluator('drift', () => {
        throw new Error('dataset unreadable');
      }),
    ]);
    expect(await evaluators.evaluate(drift, inputs)).toMatchObject({
      id: 'drift-1',
      kind: 'drift',
      blocking: true,
      outcome: 'error',
      message: 'evaluating the check failed: dataset unreadable',
    });
  });

  it('lets UnavailableError through so the delivery is retried', async () => {
    const evaluators = new CheckEvaluators([
      checkEvaluator('drift', () => {
        throw new UnavailableError('database gone');
      }),
    ]);
    await expect(evaluators.evaluate(drift, inputs)).rejects.toBeInstanceOf(UnavailableError);
  });

  it('refuses two evaluators for one kind', () => {
    expect(() => new CheckEvaluators([...SPINE_EVALUATORS, SPINE_EVALUATORS[0]])).toThrow(/two evaluators/);
  });
});

import { Signature } from '@ledger/contracts';
import { versionFacts } from '../../version/version-facts.fixture';
import { compareSignatureInputs, signatureCompatibilityFinding } from './signature-compatibility.domain';

const signature = (inputs: Record<string, string>): Signature => ({
  inputs: Object.entries(inputs).map(([name, type]) => ({ name, type })),
  outputs: [{ type: 'double' }],
});
const semver = (label: string) => ({ label, reason: '' });
const champion = versionFacts(1, { signature: signature({ age: 'long', plan: 'string' }), semver: semver('1.0.0') });

describe('signature compatibility with the baseline', () => {
  it('lists removed, retyped and added inputs, unnamed ones by position', () => {
    expect(
      compareSignatureInputs(signature({ a: 'long', b: 'string' }), signature({ a: 'double', c: 'long' })),
    ).toEqual({
      removed: ['b'],
      retyped: [{ input: 'a', from: 'long', to: 'double' }],
      added: ['c'],
    });
    expect(
      compareSignatureInputs(
        { inputs: [{ type: 'float' }], outputs: [] },
        { inputs: [{ type: 'double' }], outputs: [] },
      ),
    ).toMatchObject({ retyped: [{ input: '#0', from: 'float', to: 'double' }] });
  });

  it('given an added input only and a minor label, then it passes', () => {
    const candidate = versionFacts(2, {
      signature: signature({ age: 'long', plan: 'string', region: 'string' }),
      semver: semver('1.1.0'),
    });
    const result = signatureCompatibilityFinding(false, candidate, champion);
    expect(result).toMatchObject({ outcome: 'passed', details: { added: ['region'], semverAgrees: true } });
  });

  it('given a removed input, when breaking changes are not allowed, then it fails naming the change', () => {
    const candidate = versionFacts(2, { signature: signature({ age: 'long' }), semver: semver('2.0.0') });
    const result = signatureCompatibilityFinding(false, candidate, champion);
    expect(result.outcome).toBe('failed');
    expect(result.message).toBe('breaking change against version 1: removes plan');
  });

  it('given a retyped input, when breaking changes are allowed and the label is a new major, then it passes', () => {
    const candidate = versionFacts(2, {
      signature: signature({ age: 'double', plan: 'string' }),
      semver: semver('2.0.0'),
    });
    expect(signatureCompatibilityFinding(true, candidate, champion).outcome).toBe('passed');
  });

  it('given a breaking change allowed, when the label keeps the major, then the label disagrees and it fails', () => {
    const candidate = versionFacts(2, {
      signature: signature({ age: 'double', plan: 'string' }),
      semver: semver('1.1.0'),
    });
    const result = signatureCompatibilityFinding(true, candidate, champion);
    expect(result).toMatchObject({ outcome: 'failed', details: { semverAgrees: false } });
    expect(result.message).toMatch(/semver label 1.1.0 does not mark the breaking change/);
  });

  it('given no baseline, then there is nothing to break and it passes saying so', () => {
    expect(signatureCompatibilityFinding(false, versionFacts(1), null)).toMatchObject({
      outcome: 'passed',
      message: 'no baseline version: nothing to be compatible with',
    });
  });

  it('given a candidate without a signature, then it is inconclusive', () => {
    expect(signatureCompatibilityFinding(false, versionFacts(2), champion).outcome).toBe('inconclusive');
  });
});

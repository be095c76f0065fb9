import { VERSION_EXAMPLE } from '../../openapi-examples';
import type { VersionView } from '../listing-versions/version-view';
import { compareVersions, parseVersionList, signatureDiff } from './compare-versions.domain';

const version = (n: number, changes: Partial<VersionView> = {}): VersionView => ({
  ...VERSION_EXAMPLE,
  version: n,
  aliases: [],
  stage: 'None',
  ...changes,
});

describe('comparing versions', () => {
  it('puts each metric, param and tag side by side in the order asked, marking the rows that differ', () => {
    const comparison = compareVersions('churn', [
      version(3, { metrics: { auc: 0.91, f1: 0.7 }, params: { depth: '6' }, tags: { team: 'growth' } }),
      version(1, { metrics: { auc: 0.89 }, params: { depth: '6' }, tags: {} }),
    ]);
    expect(comparison.versions).toEqual([3, 1]);
    expect(comparison.metrics).toEqual([
      { key: 'auc', values: [0.91, 0.89], differs: true },
      { key: 'f1', values: [0.7, null], differs: true },
    ]);
    expect(comparison.params).toEqual([{ key: 'depth', values: ['6', '6'], differs: false }]);
    expect(comparison.tags).toEqual([{ key: 'team', values: ['growth', null], differs: true }]);
  });

  it('shows what the registry records: stage, aliases, label and its reason, run, artifact digest', () => {
    const { facts } = compareVersions('churn', [
      version(1, { stage: 'Production', aliases: ['champion', 'b'], semver: { label: '1.0.0', reason: 'first' } }),
      version(2, { stage: 'Staging', semver: null, artifact: null }),
    ]);
    const fact = (key: string) => facts.find((f) => f.key === key);
    expect(fact('stage')).toEqual({ key: 'stage', values: ['Production', 'Staging'], differs: true });
    expect(fact('aliases')?.values).toEqual(['b,champion', '']);
    expect(fact('label')?.values).toEqual(['1.0.0', null]);
    expect(fact('artifact sha256')?.values).toEqual([VERSION_EXAMPLE.artifact?.sha256, null]);
    expect(fact('run')).toMatchObject({ differs: false });
  });

  it('diffs signatures tensor by tensor: a changed type, an added output and a missing signature', () => {
    const diff = signatureDiff([
      { inputs: [{ name: 'x', type: 'float32', shape: [-1, 8] }], outputs: [{ name: 'label', type: 'int64' }] },
      {
        inputs: [{ name: 'x', type: 'float64', shape: [-1, 8] }],
        outputs: [{ name: 'label', type: 'int64' }, { type: 'float32' }],
      },
      null,
    ]);
    expect(diff.inputs).toEqual([{ key: 'x', values: ['float32[-1,8]', 'float64[-1,8]', null], differs: true }]);
    expect(diff.outputs).toEqual([
      { key: '#1', values: [null, 'float32', null], differs: true },
      { key: 'label', values: ['int64', 'int64', null], differs: true },
    ]);
    expect(diff.differs).toBe(true);
  });

  it('finds no difference between equal signatures', () => {
    const signature = { inputs: [{ name: 'x', type: 'float32' }], outputs: [] };
    expect(signatureDiff([signature, signature]).differs).toBe(false);
  });

  it.each([
    ['1,2,3', [1, 2, 3]],
    [' 4 , 2', [4, 2]],
  ])('reads the version list %j', (raw, expected) => {
    expect(parseVersionList(raw)).toEqual(expected);
  });

  it.each([
    ['1', /2 to 20 versions, got 1/],
    ['1,1', /must not repeat/],
    ['1,x', /version numbers separated by commas/],
    ['0,1', /version numbers/],
    ['1,2.5', /version numbers/],
    [Array.from({ length: 21 }, (_, i) => i + 1).join(','), /got 21/],
  ])('refuses the version list %j', (raw, message) => {
    expect(parseVersionList(raw)).toMatch(message);
  });
});

import { RequiredMetadataCheckSchema } from '@ledger/contracts';
import { versionFacts } from '../../version/version-facts.fixture';
import { requiredMetadataFinding } from './required-metadata.domain';

const check = (fields: object) => ({
  id: 'meta',
  ...RequiredMetadataCheckSchema.parse({ kind: 'required_metadata', ...fields }),
});
const ARTIFACT = { sha256: 'a'.repeat(64), sizeBytes: 10, uri: 'blob:aaa' };

describe('required metadata', () => {
  it('given a version with every required tag, field, signature and artifact, then it passes', () => {
    const version = versionFacts(1, {
      tags: { owner: 'ana' },
      description: 'churn model',
      signature: { inputs: [{ name: 'age', type: 'long' }], outputs: [] },
      artifact: ARTIFACT,
    });
    const result = requiredMetadataFinding(
      check({ tags: ['owner'], fields: ['description'], signature: true, artifact: true }),
      version,
    );
    expect(result).toMatchObject({ outcome: 'passed', details: { missing: [] } });
  });

  it('given a version lacking some, then it fails naming each one missing', () => {
    const result = requiredMetadataFinding(
      check({ tags: ['owner', 'team'], fields: ['description', 'runId'], signature: true, artifact: true }),
      versionFacts(2, { tags: { team: 'growth' } }),
    );
    expect(result).toMatchObject({
      outcome: 'failed',
      value: 4,
      threshold: 0,
      details: { missing: ['tag "owner"', 'field description', 'a signature', 'an artifact'] },
    });
    expect(result.message).toBe('version 2 lacks tag "owner", field description, a signature, an artifact');
  });

  it('given an empty tag value, then the tag counts as present (MLflow tags may be empty)', () => {
    expect(
      requiredMetadataFinding(check({ tags: ['reviewed'] }), versionFacts(3, { tags: { reviewed: '' } })).outcome,
    ).toBe('passed');
  });
});

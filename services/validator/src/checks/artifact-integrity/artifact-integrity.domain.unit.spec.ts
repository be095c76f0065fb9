import { artifactIntegrityFinding } from './artifact-integrity.domain';

const artifact = { sha256: 'a'.repeat(64), sizeBytes: 10, uri: 'file:///x' };

describe('artifact integrity', () => {
  it('passes an artifact that re-hashes to its recorded sha256', () => {
    expect(artifactIntegrityFinding(artifact, false, { status: 'intact', sizeBytes: 10 }).outcome).toBe('passed');
  });
  it('fails one that hashes to something else, with both digests in the details', () => {
    const found = artifactIntegrityFinding(artifact, false, {
      status: 'mismatch',
      actualSha256: 'b'.repeat(64),
      sizeBytes: 9,
    });
    expect(found).toMatchObject({
      outcome: 'failed',
      details: { recorded: { sha256: artifact.sha256 }, stored: { actualSha256: 'b'.repeat(64) } },
    });
  });
  it('ends in error when the file is gone from the store', () => {
    expect(artifactIntegrityFinding(artifact, false, { status: 'missing' }).outcome).toBe('error');
  });
  it('is inconclusive without an artifact recorded, or failed when the policy requires one', () => {
    expect(artifactIntegrityFinding(null, false, null).outcome).toBe('inconclusive');
    expect(artifactIntegrityFinding(null, true, null).outcome).toBe('failed');
  });
});

import { blobsDir, DEFAULT_BLOBS_DIR } from './blobs.config';

describe('the blob store setting', () => {
  it('is the service config, else ARTIFACTS_DIR, else ./data/artifacts', () => {
    expect(blobsDir({ artifactsDir: '/given' }, { ARTIFACTS_DIR: '/env' })).toBe('/given');
    expect(blobsDir({}, { ARTIFACTS_DIR: '/env' })).toBe('/env');
    expect(blobsDir({}, { ARTIFACTS_DIR: '' })).toBe(DEFAULT_BLOBS_DIR);
    expect(DEFAULT_BLOBS_DIR).toBe('./data/artifacts');
  });
});

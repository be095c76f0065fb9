import { datasetsSettings, DEFAULT_DATASET_MAX_BYTES } from './datasets.config';

describe('dataset settings', () => {
  it('share the artifact store root (ARTIFACTS_DIR) and default to 5 GiB uploads', () => {
    expect(datasetsSettings({}, {})).toEqual({ dir: './data/artifacts', maxBytes: DEFAULT_DATASET_MAX_BYTES });
    expect(datasetsSettings({}, { ARTIFACTS_DIR: '/srv/blobs', DATASET_MAX_BYTES: '1024' })).toEqual({
      dir: '/srv/blobs',
      maxBytes: 1024,
    });
    expect(datasetsSettings({ artifactsDir: '/x', datasetMaxBytes: 10 }, { ARTIFACTS_DIR: '/y' })).toEqual({
      dir: '/x',
      maxBytes: 10,
    });
  });

  it.each(['1GB', '0', '-5'])('stops at start on DATASET_MAX_BYTES=%p, naming the variable', (raw) => {
    expect(() => datasetsSettings({}, { DATASET_MAX_BYTES: raw })).toThrow(/DATASET_MAX_BYTES must be a positive/);
  });
});

import { artifactsSettings, DEFAULT_ARTIFACT_MAX_BYTES, DEFAULT_ARTIFACTS_DIR } from './artifacts.config';

describe('artifact settings', () => {
  it('defaults to ./data/artifacts and 5 GiB', () => {
    expect(artifactsSettings({}, {})).toEqual({ dir: DEFAULT_ARTIFACTS_DIR, maxBytes: 5 * 1024 ** 3 });
    expect(DEFAULT_ARTIFACT_MAX_BYTES).toBe(5368709120);
  });

  it('reads ARTIFACTS_DIR and ARTIFACT_MAX_BYTES, and the registry config wins over both', () => {
    const env = { ARTIFACTS_DIR: '/srv/artifacts', ARTIFACT_MAX_BYTES: '1048576' };
    expect(artifactsSettings({}, env)).toEqual({ dir: '/srv/artifacts', maxBytes: 1048576 });
    expect(artifactsSettings({ artifactsDir: '/x', artifactMaxBytes: 10 }, env)).toEqual({ dir: '/x', maxBytes: 10 });
  });

  it.each(['5GB', '-1', '0', '1.5', '99999999999999999999'])(
    'stops at start on ARTIFACT_MAX_BYTES=%p, naming the variable',
    (raw) => {
      expect(() => artifactsSettings({}, { ARTIFACT_MAX_BYTES: raw })).toThrow(
        /ARTIFACT_MAX_BYTES must be a positive number of bytes/,
      );
    },
  );
});

import { servingSettings } from './serving-settings';

describe('serving settings', () => {
  it('defaults to production, 10,000 rows a request, batches of 64 rows collected for 2 ms', () => {
    expect(servingSettings({}, {})).toEqual({
      defaultEnvironment: 'production',
      maxRows: 10_000,
      maxBodyBytes: 16 * 1024 * 1024,
      batching: { windowMs: 2, maxRows: 64 },
    });
  });

  it('reads the environment, and the config wins over it', () => {
    const env = {
      SERVING_ENVIRONMENT: 'staging',
      SERVING_MAX_ROWS: '500',
      SERVING_BATCH_WINDOW_MS: '0',
      SERVING_MAX_BATCH_ROWS: '8',
      SERVING_MAX_BODY_BYTES: '1048576',
    };
    expect(servingSettings({}, env)).toEqual({
      defaultEnvironment: 'staging',
      maxRows: 500,
      maxBodyBytes: 1048576,
      batching: { windowMs: 0, maxRows: 8 },
    });
    expect(servingSettings({ defaultEnvironment: 'canary-eu', maxRows: 7 }, env)).toMatchObject({
      defaultEnvironment: 'canary-eu',
      maxRows: 7,
    });
  });

  it('stops at start on a malformed value rather than guessing', () => {
    expect(() => servingSettings({}, { SERVING_ENVIRONMENT: 'Prod' })).toThrow(
      'SERVING_ENVIRONMENT must be a lower-case DNS label',
    );
    expect(() => servingSettings({}, { SERVING_MAX_ROWS: '0' })).toThrow(
      'SERVING_MAX_ROWS must be a positive whole number',
    );
    expect(() => servingSettings({}, { SERVING_BATCH_WINDOW_MS: '2ms' })).toThrow('SERVING_BATCH_WINDOW_MS');
  });
});

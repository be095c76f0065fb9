import { commandSettings, DEFAULT_COMMAND_SETTINGS } from './command-settings';

describe('command settings', () => {
  it('defaults to 2 transactions in flight, batches of 64 and 10,000 waiting', () => {
    expect(commandSettings({}, {})).toEqual({ maxInFlight: 2, maxBatch: 64, maxWaiting: 10_000 });
    expect(DEFAULT_COMMAND_SETTINGS.maxWaiting).toBe(10_000);
  });

  it('reads COMMAND_MAX_IN_FLIGHT, COMMAND_MAX_BATCH and COMMAND_MAX_WAITING; the registry config wins', () => {
    const env = { COMMAND_MAX_IN_FLIGHT: '4', COMMAND_MAX_BATCH: '1', COMMAND_MAX_WAITING: ' 500 ' };
    expect(commandSettings({}, env)).toEqual({ maxInFlight: 4, maxBatch: 1, maxWaiting: 500 });
    expect(commandSettings({ commands: { maxBatch: 8 } }, env)).toEqual({
      maxInFlight: 4,
      maxBatch: 8,
      maxWaiting: 500,
    });
  });

  it.each(['0', '-2', '1.5', 'many', '99999999999999999999'])(
    'stops at start on COMMAND_MAX_BATCH=%p, naming the variable',
    (raw) => {
      expect(() => commandSettings({}, { COMMAND_MAX_BATCH: raw })).toThrow(
        /COMMAND_MAX_BATCH must be a positive whole number/,
      );
    },
  );
});

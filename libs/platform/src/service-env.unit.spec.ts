import { ConfigError, readServiceEnv } from './service-env';

describe('service environment contract', () => {
  const base = { DATABASE_URL: 'postgres://u:p@db:5432/registry' };

  it('reads a Kafka configuration', () => {
    expect(readServiceEnv('registry', 8081, { ...base, BUS: 'kafka', KAFKA_BROKERS: 'k1:9092, k2:9092' })).toEqual({
      service: 'registry',
      databaseUrl: base.DATABASE_URL,
      port: 8081,
      host: undefined,
      bus: { kind: 'kafka', kafkaBrokers: ['k1:9092', 'k2:9092'], databaseUrl: undefined, namespace: undefined },
      auth: 'on',
    });
  });

  it('keeps authentication on unless AUTH says off', () => {
    const kafka = { ...base, BUS: 'kafka', KAFKA_BROKERS: 'k:9092' };
    expect(readServiceEnv('registry', 8081, { ...kafka, AUTH: 'OFF' }).auth).toBe('off');
    expect(readServiceEnv('registry', 8081, { ...kafka, AUTH: 'on' }).auth).toBe('on');
    expect(() => readServiceEnv('registry', 8081, { ...kafka, AUTH: 'maybe' })).toThrow(/AUTH must be on or off/);
  });

  it.each([
    [{}, /DATABASE_URL/],
    [{ ...base, BUS: 'rabbit' }, /BUS must be/],
    [{ ...base, BUS: 'kafka' }, /KAFKA_BROKERS/],
    [{ ...base, BUS: 'postgres' }, /BUS_DATABASE_URL/],
    [{ ...base, BUS: 'postgres', BUS_DATABASE_URL: 'postgres://x/bus', PORT: 'eighty' }, /PORT/],
  ])('refuses an incomplete environment %#', (env, message) => {
    expect(() => readServiceEnv('registry', 8081, env)).toThrow(ConfigError);
    expect(() => readServiceEnv('registry', 8081, env)).toThrow(message);
  });
});

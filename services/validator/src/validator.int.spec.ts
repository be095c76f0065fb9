import { dlqTopic, Topics } from '@ledger/contracts';
import { newId, openDatabase } from '@ledger/eventstore';
import { Bus, createBus, DLQ_HEADERS, IncomingMessage } from '@ledger/messaging';
import { eventually, freshDatabaseUrl, versionCreated } from '@ledger/testing';
import { DataSource } from 'typeorm';
import { createValidatorApp, RunningValidator, validatorProjections } from './validator.service';

describe('validator over the PostgreSQL bus', () => {
  let bus: Bus;
  let validator: RunningValidator;
  let db: DataSource;
  const databaseUrl = freshDatabaseUrl('validator');
  const modelId = newId();
  const publish = (value: unknown, key = modelId) =>
    bus.publish([
      {
        topic: Topics.registryEvents,
        key,
        value: typeof value === 'string' ? value : JSON.stringify(value),
        headers: {},
      },
    ]);
  const pending = async () =>
    (
      (await (await fetch(`${validator.url}/api/v1/validations/pending?model=churn`)).json()) as {
        versions: { version: number }[];
      }
    ).versions;

  beforeAll(async () => {
    bus = await createBus({
      kind: 'postgres',
      clientId: 'validator-test',
      databaseUrl: freshDatabaseUrl('validator_bus'),
    });
    validator = await createValidatorApp({ databaseUrl, port: 0, host: '127.0.0.1', bus, processMetrics: false });
    db = await openDatabase({ url: databaseUrl, poolSize: 2 });
  });
  afterAll(async () => {
    await validator.close();
    await bus.close();
    await db.destroy();
  });

  it('projects each VersionCreated once, even when the bus delivers it twice', async () => {
    const first = versionCreated(modelId, 1);
    await publish(first);
    await publish(first);
    await publish(versionCreated(modelId, 2));
    await eventually(async () => expect((await pending()).map((v: { version: number }) => v.version)).toEqual([1, 2]));
    const inbox = await db.query(`SELECT count(*)::int AS n FROM events WHERE event_id = $1`, [first.id]);
    expect(inbox[0].n).toBe(1);
  });

  it('sends malformed and unknown-version messages to the DLQ and keeps consuming', async () => {
    const dead: IncomingMessage[] = [];
    const reader = await bus.subscribe({
      consumer: 'dlq-reader',
      topics: [dlqTopic(Topics.registryEvents)],
      handle: async (m) => void dead.push(m),
    });
    await publish('{ not json');
    await publish(versionCreated(modelId, 3, { schemaVersion: 99 }));
    await publish(versionCreated(modelId, 4));
    await eventually(async () =>
      expect((await pending()).map((v: { version: number }) => v.version)).toEqual([1, 2, 4]),
    );
    await eventually(() => expect(dead).toHaveLength(2));
    expect(dead.map((m) => m.headers[DLQ_HEADERS.errorName])).toEqual([
      'PermanentMessageError',
      'PermanentMessageError',
    ]);
    expect(dead[1].headers[DLQ_HEADERS.error]).toMatch(/schema version 99/);
    await reader.stop();
  });

  it('takes a run of messages into its inbox in one transaction; a poison in a run costs only itself', async () => {
    const run = Array.from({ length: 30 }, (_, i) => versionCreated(modelId, 5 + i));
    await bus.publish(
      run.map((event) => ({ topic: Topics.registryEvents, key: modelId, value: JSON.stringify(event), headers: {} })),
    );
    await eventually(async () => expect((await pending()).map((v) => v.version)).toContain(34));
    const transactions = await db.query(
      `SELECT count(DISTINCT transaction_id)::int AS n FROM events WHERE event_id = ANY($1::uuid[])`,
      [run.map((e) => e.id)],
    );
    expect(transactions[0].n).toBeLessThan(30);

    const dead: IncomingMessage[] = [];
    const reader = await bus.subscribe({
      consumer: 'dlq-reader-2',
      topics: [dlqTopic(Topics.registryEvents)],
      handle: async (m) => void dead.push(m),
    });
    const values = [
      versionCreated(modelId, 35),
      versionCreated(modelId, 36, { schemaVersion: 99 }),
      versionCreated(modelId, 37),
    ].map((e) => JSON.stringify(e));
    await bus.publish(values.map((value) => ({ topic: Topics.registryEvents, key: modelId, value, headers: {} })));
    await eventually(async () => expect((await pending()).map((v) => v.version).slice(-2)).toEqual([35, 37]));
    await eventually(() => expect(dead.filter((m) => m.value === values[1])).toHaveLength(1));
    await reader.stop();
  });

  it('rebuilds the read model from its own log to identical rows', async () => {
    const snapshot = () => db.query(`SELECT * FROM versions_awaiting_validation ORDER BY model_id, version`);
    const before = await snapshot();
    expect(before.length).toBeGreaterThan(0);
    await validator.runner!.rebuild(validatorProjections[0]);
    expect(await snapshot()).toEqual(before);
  });

  it('answers bad queries with a 400 and a JSON error', async () => {
    const response = await fetch(`${validator.url}/api/v1/validations/pending?limit=0`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error_code: 'INVALID_PARAMETER_VALUE',
      message: expect.stringMatching(/limit/),
    });
  });

  it('serves health and metrics', async () => {
    expect(await (await fetch(`${validator.url}/health`)).json()).toMatchObject({
      status: 'ok',
      checks: { database: 'ok' },
    });
    const metrics = await (await fetch(`${validator.url}/metrics`)).text();
    expect(metrics).toContain('http_request_duration_seconds');
    // Issue 11 saw the validator's series labelled service="registry": each service labels its own.
    expect(metrics).toMatch(/service="validator"/);
    expect(metrics).not.toMatch(/service="registry"/);
  });
});

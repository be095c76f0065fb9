import { ChildProcess, fork } from 'node:child_process';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { Envelope, Topics } from '@ledger/contracts';
import { openDatabase } from '@ledger/eventstore';
import { Bus, createBus, Subscriber } from '@ledger/messaging';
import { eventually, freshDatabaseUrl } from '@ledger/testing';
import { registryModel } from './validator-on-kafka.harness';

const ROOT = resolve(__dirname, '../../../..');
const VERSIONS = 60;
const POLICY = {
  checks: [0.5, 0.6, 0.7].map((threshold, i) => ({
    id: `auc-${i}`,
    kind: 'threshold',
    metric: 'auc',
    threshold,
    greater_is_better: true,
  })),
};

/**
 * Runs under a real crash: the validator process is SIGKILLed while runs are between checks and
 * started again. Every version must end with exactly one run and that run with exactly one
 * verdict, in its log and on ml.validator.events (where the relay may repeat an event, never lose one).
 */
describe('validation runs across a SIGKILL of the validator', () => {
  const validatorDb = freshDatabaseUrl('validator_crash');
  const busDb = freshDatabaseUrl('validator_crash_bus');
  let bus: Bus;
  let db: DataSource;
  let observer: Subscriber;
  let worker: ChildProcess | undefined;
  const published: Envelope[] = [];

  const start = () =>
    new Promise<{ child: ChildProcess; url: string }>((ready, fail) => {
      const child = fork(join(ROOT, 'scripts/run-ts.js'), [join(__dirname, 'validator-crash.worker.ts')], {
        env: { ...process.env, VALIDATOR_DB: validatorDb, BUS_DB: busDb },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      child.once('message', (message) => ready({ child, url: (message as { url: string }).url }));
      child.once('exit', (code) => fail(new Error(`validator exited with ${code}`)));
    });
  const count = async (sql: string): Promise<number> => (await db.query(sql))[0].n;
  const verdictsInLog = () =>
    count(`SELECT count(*)::int AS n FROM events WHERE event_type IN ('ValidationPassed', 'ValidationFailed')`);

  beforeAll(async () => {
    bus = await createBus({ kind: 'postgres', clientId: 'validator-crash-test', databaseUrl: busDb });
    await bus.ensureTopics([Topics.registryEvents, Topics.validatorEvents]);
    observer = await bus.subscribe({
      consumer: 'crash-observer',
      topics: [Topics.validatorEvents],
      handle: async (message) => void published.push(JSON.parse(message.value)),
    });
  });
  afterAll(async () => {
    worker?.kill('SIGKILL');
    await observer?.stop();
    await bus?.close();
    await db?.destroy();
  });

  it('ends every run with exactly one verdict after a restart', async () => {
    const first = await start();
    worker = first.child;
    db = await openDatabase({ url: validatorDb, poolSize: 2 });
    const policy = await fetch(`${first.url}/api/v1/validation-policies/churn-crash`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(POLICY),
    });
    expect(policy.status).toBe(200);
    const churn = registryModel('churn-crash');
    const events = [
      churn.created(),
      ...Array.from({ length: VERSIONS }, (_, i) => churn.version(i + 1, { metrics: { auc: 0.55 + (i % 4) * 0.1 } })),
    ];
    await bus.publish(
      events.map((e) => ({ topic: Topics.registryEvents, key: churn.modelId, value: JSON.stringify(e), headers: {} })),
    );

    await eventually(async () => expect(await verdictsInLog()).toBeGreaterThanOrEqual(5), {
      timeoutMs: 30_000,
      intervalMs: 20,
    });
    worker.kill('SIGKILL');
    await new Promise((r) => worker!.once('exit', r));
    const startedAtKill = await count(`SELECT count(*)::int AS n FROM events WHERE event_type = 'ValidationStarted'`);
    expect(await verdictsInLog()).toBeLessThan(startedAtKill); // the kill really landed with runs in flight

    worker = (await start()).child;
    await eventually(async () => expect(await verdictsInLog()).toBe(VERSIONS), { timeoutMs: 60_000, intervalMs: 200 });
    const perRun = await db.query(
      `SELECT stream_id, count(*)::int AS verdicts FROM events WHERE event_type IN ('ValidationPassed', 'ValidationFailed')
       GROUP BY stream_id HAVING count(*) <> 1`,
    );
    expect(perRun).toEqual([]);
    expect(await count(`SELECT count(*)::int AS n FROM events WHERE event_type = 'ValidationStarted'`)).toBe(VERSIONS);
    const checks = await db.query(
      `SELECT stream_id, count(*)::int AS n FROM events WHERE event_type = 'ValidationCheckCompleted' GROUP BY stream_id HAVING count(*) <> 3`,
    );
    expect(checks).toEqual([]);

    await eventually(
      async () => {
        const verdicts = published.filter((e) => e.type === 'ValidationPassed' || e.type === 'ValidationFailed');
        expect(new Set(verdicts.map((e) => e.id)).size).toBe(VERSIONS);
        expect(new Set(verdicts.map((e) => e.data.runId)).size).toBe(VERSIONS);
      },
      { timeoutMs: 30_000 },
    );
    // auc 0.55 fails the 0.6 and 0.7 thresholds; 0.65 the 0.7 one; 0.75 and 0.85 pass all three.
    expect(await count(`SELECT count(*)::int AS n FROM events WHERE event_type = 'ValidationPassed'`)).toBe(
      VERSIONS / 2,
    );
  }, 180_000);
});

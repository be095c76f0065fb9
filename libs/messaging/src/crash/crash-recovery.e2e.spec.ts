import { fork, ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { eventually, freshDatabaseUrl, kafkaBrokers, uniqueTopic } from '@ledger/testing';
import { EventLog, migrate, newId, openDatabase } from '@ledger/eventstore';

const ROOT = resolve(__dirname, '../../../..');
const TOTAL = 3_000;

/**
 * DESIGN.md invariants 3 and 4 under a real crash: the relay and the consumer run in a child
 * process that is SIGKILLed mid-batch and restarted. Every event must reach the sink (relay
 * publishes at least once) and every effect must be applied exactly once (consumer dedupes).
 */
describe.each([
  ['one message at a time', '0'],
  ['in runs (handleBatch)', '1'],
])('crash and restart of the relay and a consumer taking messages %s', (_mode, batched) => {
  let source: DataSource;
  let sink: DataSource;
  const sourceUrl = freshDatabaseUrl(`crash_source_${batched}`);
  const sinkUrl = freshDatabaseUrl(`crash_sink_${batched}`);
  const topic = uniqueTopic('crash');
  let worker: ChildProcess | undefined;

  const start = () =>
    new Promise<ChildProcess>((ready, fail) => {
      const child = fork(join(ROOT, 'scripts/run-ts.js'), [join(__dirname, 'relay-and-consumer.worker.ts')], {
        env: {
          ...process.env,
          SOURCE_DB: sourceUrl,
          SINK_DB: sinkUrl,
          TOPIC: topic,
          KAFKA_BROKERS: kafkaBrokers().join(','),
          BATCHED: batched,
        },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      child.once('message', () => ready(child));
      child.once('exit', (code) => fail(new Error(`worker exited with ${code}`)));
    });
  const applied = async () =>
    (await sink.query(`SELECT count(*)::int AS n, coalesce(max(applied), 0) AS max FROM effects`))[0];

  beforeAll(async () => {
    source = await openDatabase({ url: sourceUrl });
    sink = await openDatabase({ url: sinkUrl });
    await migrate(source);
    await migrate(sink, [
      { id: 'crash-effects', sql: `CREATE TABLE effects (event_id uuid PRIMARY KEY, applied int NOT NULL)` },
    ]);
    const log = new EventLog(source);
    const metadata = {
      source: 'crash-test',
      occurredAt: new Date().toISOString(),
      actor: { id: 'test', kind: 'service' },
      correlationId: newId(),
      causationId: null,
    };
    for (let stream = 0; stream < 30; stream++) {
      const events = Array.from({ length: TOTAL / 30 }, (_, i) => ({
        id: newId(),
        type: 'Ticked',
        schemaVersion: 1,
        data: { i },
        metadata,
      }));
      await log.append(`ticker-${stream}`, events, 'no_stream');
    }
  });

  afterAll(async () => {
    worker?.kill('SIGKILL');
    await Promise.all([source?.destroy(), sink?.destroy()]);
  });

  it('publishes every event at least once and applies every effect exactly once', async () => {
    worker = await start();
    await eventually(async () => expect((await applied()).n).toBeGreaterThan(300), { timeoutMs: 60_000 });
    worker.kill('SIGKILL');
    await new Promise((r) => worker!.once('exit', r));
    const atKill = (await applied()).n;
    expect(atKill).toBeLessThan(TOTAL); // the kill really landed mid-stream

    worker = await start();
    await eventually(async () => expect(await applied()).toEqual({ n: TOTAL, max: 1 }), {
      timeoutMs: 90_000,
      intervalMs: 250,
    });
  }, 180_000);
});

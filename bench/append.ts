import { EventLog, ExpectedVersion } from '@ledger/eventstore';
import { benchEvent, newStreamId, openFreshLog } from './infra';
import { perSecond, progress } from './stats';

export interface AppendRun {
  writers: number;
  eventsPerCall: number;
  maxCalls: number;
  durationMs: number;
}

export interface AppendResults {
  appendSingleEventsPerSec: number;
  appendBatchedEventsPerSec: number;
}

export const SINGLE: AppendRun = { writers: 16, eventsPerCall: 1, maxCalls: 20_000, durationMs: 10_000 };
export const BATCHED: AppendRun = { writers: 4, eventsPerCall: 100, maxCalls: 2_000, durationMs: 10_000 };

/** EventLog.append throughput, each writer on its own stream with exact expected versions. */
export async function benchAppend(postgresUrl: string): Promise<AppendResults> {
  const { db } = await openFreshLog(postgresUrl, 'append');
  try {
    const log = new EventLog(db);
    await runWriters(log, { writers: 4, eventsPerCall: 10, maxCalls: 200, durationMs: 2_000 }); // warm-up: pool, JIT, plans
    const single = await runWriters(log, SINGLE);
    progress(`append 1/call x${SINGLE.writers}: ${single.events} events in ${single.elapsedMs.toFixed(0)} ms`);
    const batched = await runWriters(log, BATCHED);
    progress(
      `append ${BATCHED.eventsPerCall}/call x${BATCHED.writers}: ${batched.events} events in ${batched.elapsedMs.toFixed(0)} ms`,
    );
    return {
      appendSingleEventsPerSec: perSecond(single.events, single.elapsedMs),
      appendBatchedEventsPerSec: perSecond(batched.events, batched.elapsedMs),
    };
  } finally {
    await db.destroy();
  }
}

/** Stops at maxCalls (over all writers) or after durationMs, whichever comes first. */
async function runWriters(log: EventLog, run: AppendRun): Promise<{ events: number; elapsedMs: number }> {
  let calls = 0;
  let events = 0;
  const started = performance.now();
  const deadline = started + run.durationMs;
  const writer = async () => {
    const streamId = newStreamId();
    let expected: ExpectedVersion = 'no_stream';
    let version = 0;
    while (calls < run.maxCalls && performance.now() < deadline) {
      calls++;
      const batch = Array.from({ length: run.eventsPerCall }, () => benchEvent(streamId, ++version));
      const result = await log.append(streamId, batch, expected);
      expected = result.nextExpectedVersion;
      events += batch.length;
    }
  };
  await Promise.all(Array.from({ length: run.writers }, writer));
  return { events, elapsedMs: performance.now() - started };
}

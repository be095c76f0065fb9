// `npm run bench:promotion`: the orchestrator's section alone, on its own infra and platform
// process (a few minutes instead of the whole bench's most of an hour). Writes its figures, with
// the date, the machine and how they were measured, to bench/results/promotion.json.
// BENCH_TIMELINE=<model>@<version> (RUN stands for this run's id) prints that version's
// cross-service timeline, to see where the time of one promotion goes.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { runId, startInfra } from '../infra';
import { startPlatformProcess } from '../platform';
import { round } from '../stats';
import { benchConcurrentPromotions, benchPromotionLatency, PROMOTION_NOTE, timelineOf } from './promotions';

const RESULT_FILE = resolve(__dirname, '../results/promotion.json');

async function printTimeline(orchestratorUrl: string, which: string): Promise<void> {
  const [model, version] = which.split('@');
  console.log(await timelineOf(orchestratorUrl, model.replace('RUN', runId), Number(version)));
}

async function main(): Promise<void> {
  const date = new Date().toISOString();
  const infra = await startInfra();
  const platform = await startPlatformProcess(infra.postgresUrl, infra.kafkaBrokers);
  try {
    const figures = {
      ...(await benchPromotionLatency(platform.urls, runId)),
      ...(await benchConcurrentPromotions(platform.urls, runId)),
    };
    const machine = { cores: cpus().length, memoryGiB: round(totalmem() / 1024 ** 3, 1), node: process.version };
    const report = { date, machine, ...figures, note: PROMOTION_NOTE };
    writeFileSync(RESULT_FILE, `${JSON.stringify(report, null, 2)}\n`);
    console.log(JSON.stringify(report, null, 2));
    if (process.env.BENCH_TIMELINE) await printTimeline(platform.urls.orchestrator, process.env.BENCH_TIMELINE);
  } finally {
    await platform.stop();
    await infra.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);

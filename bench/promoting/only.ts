// The orchestrator's section alone, on its own infra and platform process, for quick iterations:
// `node scripts/run-ts.js bench/promoting/only.ts`. Prints its figures; writes no results file
// (the README's table comes from a whole `npm run bench`).
import { startInfra } from '../infra';
import { runId } from '../infra';
import { startPlatformProcess } from '../platform';
import { benchConcurrentPromotions, benchPromotionLatency } from './promotions';

async function main(): Promise<void> {
  const infra = await startInfra();
  const platform = await startPlatformProcess(infra.postgresUrl, infra.kafkaBrokers);
  try {
    const figures = {
      ...(await benchPromotionLatency(platform.urls, runId)),
      ...(process.env.BENCH_LATENCY_ONLY === '1' ? {} : await benchConcurrentPromotions(platform.urls, runId)),
    };
    console.log(JSON.stringify(figures, null, 2));
    if (process.env.BENCH_TIMELINE) {
      const [model, version] = process.env.BENCH_TIMELINE.split('@');
      const url = `${platform.urls.orchestrator}/api/v1/models/${model.replace('RUN', runId)}/versions/${version}/timeline`;
      const { events } = (await (await fetch(url)).json()) as {
        events: { service: string; type: string; occurredAt: string }[];
      };
      const start = Date.parse(events[0].occurredAt);
      for (const e of events) console.log(`${Date.parse(e.occurredAt) - start} ms ${e.service} ${e.type}`);
    }
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

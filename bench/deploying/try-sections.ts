// Runs only the deployer and serving sections on a fresh bench platform (a quick check, not the bench).
import { cpus } from 'node:os';
import { startInfra, runId } from '../infra';
import { startPlatformProcess } from '../platform';
import { benchAutomaticRollback, benchReplaceRollouts, deployServingBenchModel } from './deployments';
import { benchServing, SERVING_BENCH_MODEL } from '../serving/section';

async function main() {
  const infra = await startInfra();
  const running = await startPlatformProcess(infra.postgresUrl, infra.kafkaBrokers);
  try {
    console.log(await benchReplaceRollouts(running.urls, runId));
    console.log(await benchAutomaticRollback(running.urls, runId));
    if (process.env.TRY_SERVING === '1') {
      await deployServingBenchModel(running.urls, SERVING_BENCH_MODEL, cpus().length);
      console.log(await benchServing({ servingUrl: running.urls.serving }));
    }
  } finally {
    await running.stop();
    await infra.stop();
  }
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });

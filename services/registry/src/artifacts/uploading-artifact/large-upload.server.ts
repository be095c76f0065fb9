// Child process of large-upload.int.spec.ts: runs the registry alone, so the memory measured is
// the server's and not the test runner's. Talks to its parent over IPC:
//   → { url }            once listening
//   ← 'reset'            start measuring from now (after warm-up)   → { baselineRss }
//   ← 'report'           → { baselineRss, peakRss }
//   ← 'stop'             closes the app and exits
import { createRegistryApp } from '../../registry.service';

const SAMPLE_MS = 20;

async function main(): Promise<void> {
  const registry = await createRegistryApp({
    databaseUrl: required('DATABASE_URL'),
    artifactsDir: required('ARTIFACTS_DIR'),
    port: 0,
    host: '127.0.0.1',
    logger: ['error', 'warn'],
    processMetrics: false,
  });
  let baselineRss = process.memoryUsage.rss();
  let peakRss = baselineRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, SAMPLE_MS);
  process.on('message', async (message) => {
    if (message === 'reset') {
      global.gc?.();
      baselineRss = peakRss = process.memoryUsage.rss();
      process.send!({ baselineRss });
    } else if (message === 'report') {
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
      process.send!({ baselineRss, peakRss });
    } else if (message === 'stop') {
      clearInterval(sampler);
      await registry.close();
      process.exit(0);
    }
  });
  process.send!({ url: registry.url });
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

// Child process of large-upload.int.spec.ts: runs the validator alone, so the memory measured is
// the server's and not the test runner's. Talks to its parent over IPC:
//   → { url }            once listening
//   ← 'reset'            start measuring from now (after warm-up)   → { baseline, peak }
//   ← 'report'           → { baseline, peak } since the reset
//   ← 'stop'             closes the app and exits
import { createValidatorApp } from '../../validator.service';

/** RSS, and what JavaScript holds (heap + Buffers): a body kept in memory would show in the latter. */
const sample = () => {
  const { rss, heapUsed, arrayBuffers } = process.memoryUsage();
  return { rss, js: heapUsed + arrayBuffers };
};

async function main(): Promise<void> {
  const validator = await createValidatorApp({
    databaseUrl: required('DATABASE_URL'),
    artifactsDir: required('ARTIFACTS_DIR'),
    port: 0,
    host: '127.0.0.1',
    logger: ['error', 'warn'],
    processMetrics: false,
  });
  let baseline = sample();
  let peak = baseline;
  const sampler = setInterval(() => {
    const now = sample();
    peak = { rss: Math.max(peak.rss, now.rss), js: Math.max(peak.js, now.js) };
  }, 10);
  process.on('message', async (message) => {
    if (message === 'reset') global.gc?.();
    if (message === 'reset') baseline = peak = sample();
    if (message === 'reset' || message === 'report') process.send!({ baseline, peak });
    if (message !== 'stop') return;
    clearInterval(sampler);
    await validator.close();
    process.exit(0);
  });
  process.send!({ url: validator.url });
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

// The platform under test, in its own process (forked with IPC by bench/platform.ts), so the
// load generator never shares its event loop. Sends { urls } when ready; 'stop' closes it.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { RunningPlatform, startPlatform } from '../services/all-in-one/src/platform';
import { tokenAcceptedBy } from '../services/all-in-one/src/admin-token';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

async function main(): Promise<void> {
  const adminToken = process.env.BENCH_ADMIN_TOKEN;
  const platform: RunningPlatform = await startPlatform({
    postgresUrl: env('BENCH_POSTGRES_URL'),
    databasePrefix: process.env.BENCH_DATABASE_PREFIX,
    bus: { kind: 'kafka', brokers: env('KAFKA_BROKERS').split(','), namespace: process.env.BENCH_KAFKA_NAMESPACE },
    ports: {
      registry: Number(env('REGISTRY_PORT')),
      validator: Number(env('VALIDATOR_PORT')),
      identity: Number(env('IDENTITY_PORT')),
      serving: Number(env('SERVING_PORT')),
      deployer: Number(env('DEPLOYER_PORT')),
      orchestrator: Number(env('ORCHESTRATOR_PORT')),
    },
    artifactsDir: env('BENCH_ARTIFACTS_DIR'),
    host: '127.0.0.1',
    quiet: true,
    ...(adminToken ? { auth: 'on' as const, bootstrapAdmin: { name: 'admin', token: adminToken } } : {}),
  });
  if (adminToken && !(await tokenAcceptedBy(Object.values(platform.urls), adminToken)))
    throw new Error('the admin token did not reach every service');
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= platform
      .close()
      .catch((error) => console.error('closing the platform failed', error))
      .finally(() => process.exit(0)));
  const loop = eventLoopStats();
  process.on('message', (message) => {
    if (message === 'stop') void close();
    if (message === 'stats') process.send?.({ stats: loop() });
  });
  process.on('disconnect', () => void close()); // the bench died: do not outlive it
  process.send?.({ urls: platform.urls });
}

/**
 * The main thread since the last call. Utilization is wall time spent outside the poll wait, so
 * it also counts time a busy loop waited for a core: near 1 with well under one core of CPU
 * (cpuCores.platform) means the process was starved, near 1 with a full core means the event
 * loop itself is the bottleneck.
 */
function eventLoopStats() {
  const resolutionMs = 1;
  const delay = monitorEventLoopDelay({ resolution: resolutionMs });
  delay.enable();
  let since = performance.eventLoopUtilization();
  return () => {
    const utilization = performance.eventLoopUtilization(since).utilization;
    since = performance.eventLoopUtilization();
    // The histogram records whole timer intervals: lateness is what exceeds the resolution.
    const ms = (ns: number) => Math.max(0, Math.round((ns / 1e6 - resolutionMs) * 100) / 100);
    const stats = {
      utilization: Math.round(utilization * 100) / 100,
      delayP50Ms: ms(delay.percentile(50)),
      delayP99Ms: ms(delay.percentile(99)),
    };
    delay.reset();
    return stats;
  };
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});

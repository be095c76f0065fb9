import { ChildProcess, fork } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '@ledger/platform';
import { databaseUrl, runId } from './infra';
import { withTimeout } from './stats';

export interface PlatformProcess {
  /** serving: our serving, once the platform process runs it, with serving/section.ts's SERVING_BENCH_MODEL deployed. */
  urls: { registry: string; validator: string; serving: string; deployer: string; orchestrator: string };
  /** The validator's own database, which the end-to-end probe reads directly. */
  validatorDatabaseUrl: string;
  /** The registry's own database (the at100k section seeds a big model into it directly). */
  registryDatabaseUrl: string;
  /** Any service's own database, by the service's name. */
  databaseUrlOf(service: string): string;
  /** The platform's event loop since the previous call (see platform-server.ts). */
  eventLoop(): Promise<EventLoopStats>;
  stop(): Promise<void>;
}

export interface EventLoopStats {
  utilization: number;
  delayP50Ms: number;
  delayP99Ms: number;
}

const ROOT = resolve(__dirname, '..');

/** Forks bench/platform-server.ts (registry + validator over Kafka) and waits for its URLs. */
export async function startPlatformProcess(
  postgresUrl: string,
  kafkaBrokers: string[],
  options: { label?: string; adminToken?: string } = {},
): Promise<PlatformProcess> {
  // A labelled platform gets databases and a Kafka namespace of its own (two may run at once).
  const prefix = `bench_${runId}_${options.label ? `${options.label}_` : ''}`;
  const child = fork(resolve(ROOT, 'scripts/run-ts.js'), [resolve(ROOT, 'bench/platform-server.ts')], {
    cwd: ROOT,
    // e.g. BENCH_PLATFORM_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the server side.
    execArgv: [...process.execArgv, ...(process.env.BENCH_PLATFORM_NODE_ARGS?.split(' ').filter(Boolean) ?? [])],
    // Its stdout goes to our stderr: our stdout carries only the result JSON.
    stdio: ['ignore', 2, 2, 'ipc'],
    env: {
      ...process.env,
      BENCH_POSTGRES_URL: postgresUrl,
      BENCH_DATABASE_PREFIX: prefix,
      BENCH_KAFKA_NAMESPACE: `bench-${runId}${options.label ? `-${options.label}` : ''}`,
      // With a token: authentication on, this token the bootstrap admin's.
      ...(options.adminToken ? { BENCH_ADMIN_TOKEN: options.adminToken } : {}),
      KAFKA_BROKERS: kafkaBrokers.join(','),
      REGISTRY_PORT: String(await freePort()),
      VALIDATOR_PORT: String(await freePort()),
      IDENTITY_PORT: String(await freePort()),
      SERVING_PORT: String(await freePort()),
      DEPLOYER_PORT: String(await freePort()),
      ORCHESTRATOR_PORT: String(await freePort()),
      BENCH_ARTIFACTS_DIR: mkdtempSync(join(tmpdir(), `bench-artifacts-${runId}-`)),
    },
  });
  try {
    const urls = await withTimeout(ready(child), 120_000, 'platform start');
    return {
      urls,
      validatorDatabaseUrl: databaseUrl(postgresUrl, `${prefix}validator`),
      registryDatabaseUrl: databaseUrl(postgresUrl, `${prefix}registry`),
      databaseUrlOf: (service) => databaseUrl(postgresUrl, `${prefix}${service}`),
      eventLoop: () => withTimeout(eventLoop(child), 10_000, 'platform event-loop stats'),
      stop: () => stop(child),
    };
  } catch (error) {
    await stop(child);
    throw error;
  }
}

function ready(child: ChildProcess): Promise<PlatformProcess['urls']> {
  return new Promise((resolveReady, reject) => {
    child.once('message', (message: { urls?: PlatformProcess['urls'] }) =>
      message.urls ? resolveReady(message.urls) : reject(new Error(`unexpected message ${JSON.stringify(message)}`)),
    );
    child.once('exit', (code, signal) =>
      reject(new Error(`platform process exited (${code ?? signal}) before it was ready`)),
    );
    child.once('error', reject);
  });
}

function eventLoop(child: ChildProcess): Promise<EventLoopStats> {
  return new Promise((resolveStats) => {
    const onMessage = (message: { stats?: EventLoopStats }) => {
      if (!message.stats) return;
      child.off('message', onMessage);
      resolveStats(message.stats);
    };
    child.on('message', onMessage);
    child.send('stats');
  });
}

/** Asks for a clean close, then kills it if it does not exit within 20 s. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveStop();
    });
    if (child.connected) child.send('stop');
    else child.kill('SIGTERM');
  });
}

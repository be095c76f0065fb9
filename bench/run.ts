// `npm run bench`: throughput and latency of the event log, the relay, the registry's HTTP API
// and the HTTP → Kafka → validator path, on real PostgreSQL (fsync on) and real Kafka.
// Writes one JSON object to bench/results/latest.json and prints it. Timings are reported,
// never asserted; the run fails only if something breaks.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { benchAppend, BATCHED, SINGLE } from './append';
import { AT100K_BATCH, AT100K_VERSIONS, benchAt100k } from './at100k';
import { benchPointInTime, POINT_IN_TIME_NOTE } from './point-in-time';
import { benchMlflowSideBySide, MLFLOW_NOTE } from './mlflow-side-by-side';
import { benchSearchFirstPage, SEARCH_NOTE } from './search';
import { benchServing, SERVING_BENCH_MODEL, SERVING_PEERS_NOTE } from './serving/section';
import { benchAutomaticRollback, benchReplaceRollouts, deployServingBenchModel } from './deploying/deployments';
import { benchConcurrentPromotions, benchPromotionLatency, PROMOTION_NOTE } from './promoting/promotions';
import { measureRouterOverhead } from '../services/serving/src/measuring/router-overhead';
import { measureCpu } from './cpu';
import { benchEndToEnd, drainBacklog, drainRuns, E2E_REGISTRATIONS, E2E_SEQUENCES } from './e2e';
import {
  benchRegisterVersion,
  HTTP_TARGET_RATE,
  HTTP_CONNECTIONS,
  HTTP_MODELS,
  HTTP_SECONDS,
  HTTP_WARMUP_SECONDS,
} from './http';
import { Infra, runId, startInfra } from './infra';
import { EventLoopStats, PlatformProcess, startPlatformProcess } from './platform';
import { benchRelay, RELAY_BATCH, RELAY_EVENTS, RELAY_STREAMS } from './relay';
import { settle } from './settle';
import { progress, round } from './stats';
import { benchAuthOverhead } from './auth';
import { measureDrift } from './validator/drift';
import { measureReevaluation } from './validator/reeval';
import { benchFullValidation, FULL_CONNECTIONS, FULL_ROWS, FULL_VERSIONS } from './validator/validation-full';
import {
  benchValidation,
  VALIDATION_BURST,
  VALIDATION_BURST_CONNECTIONS,
  VALIDATION_SEQUENTIAL,
} from './validator/validation';

const RESULT_FILE = resolve(__dirname, 'results', 'latest.json');

const TARGETS = {
  appendBatchedEventsPerSec: 20_000,
  relayKafkaMsgsPerSec: 10_000,
  registerVersionReqPerSec: 800,
  registerVersionP99Ms: 50,
  e2eKafkaP99Ms: 250,
  // Issue 3: within 20% of the same load on a fresh model (registerVersionOneModelReqPerSec).
  createVersionAt100kVsOneModel: 0.8,
  pointInTimeP95Ms: 100,
  searchFirstPageP95Ms: 50,
  // Issue 3: at least 10x MLflow's create throughput (SQLite backend).
  createVersionVsMlflow: 10,
  // Issue 14: authentication costs under 5% of register-version throughput.
  authOverheadPct: 5,
  // Issue 8: the validator.
  validationP99Ms: 300,
  validationsPerMinThreshold: 1_000,
  validationsPerMinFull: 100,
  reevalRowsPerSec: 100_000,
  driftVsEvidently: 10,
  drift1mSeconds: 10,
  drift1mPeakRssMb: 1_024,
  // Issue 9: ≥ 2,000 predictions/s on 2 cores, ≥ 3x the better of mlflow models serve and MLServer.
  servingPerSec: 2_000,
  servingVsBestPeer: 3,
  routerOverheadP99Ms: 2,
  // One analysis interval (1 s here) + 1 s.
  rollbackSeconds: 2,
  deploymentsPerMin: 500,
  // Issue 10: register → Production over Kafka, and 200 promotions at once, each transition once.
  promotionP99Ms: 1_000,
  promotionsDuplicated: 0,
  concurrentRunsHeld: 200,
};

function machine() {
  return {
    cores: cpus().length,
    memoryGiB: round(totalmem() / 1024 ** 3, 1),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    node: process.version,
  };
}

function notes(): string[] {
  return [
    POINT_IN_TIME_NOTE,
    SEARCH_NOTE,
    MLFLOW_NOTE,
    SERVING_PEERS_NOTE,
    PROMOTION_NOTE,
    'settledBeforeDeployerMs / settledBeforeOrchestratorMs: how long the platform needed, before each of those sections, until no service appended an event or moved a read model for 3 s (the earlier sections leave backlogs: the 100,000-version seed takes every consumer of the registry minutes); those sections measure latency, so they start on a quiet platform.',
    `auth: the http load (${HTTP_MODELS} models, ${HTTP_CONNECTIONS} connections) on two fresh platforms, authentication off and on (Bearer API token on every request), run in turns twice; authOverheadPct = (1 - on/off) x 100 over the means.`,
    `validation: a threshold-only policy (auc >= 0.8, blocking) on ${VALIDATION_BURST_CONNECTIONS} models; latency = ${VALIDATION_SEQUENTIAL} registrations one at a time, from just before the POST until the validator's validation_runs row says passed (polled every 2 ms), over the relay, Kafka, the validator's inbox, its run workflow and check worker; validationsPerMinThreshold = ${VALIDATION_BURST} registrations over ${VALIDATION_BURST_CONNECTIONS} connections until every verdict is in.`,
    `validation full: ${FULL_VERSIONS} versions of one model over ${FULL_CONNECTIONS} connections, each declaring the same stored ONNX classifier, policy = re-evaluation (roc_auc >= 0.7 on a ${FULL_ROWS}-row holdout) + drift (${FULL_ROWS} x 4 reference vs current); timed until every verdict is in (all must pass).`,
    `append: single = ${SINGLE.writers} writers x 1 event/call (stop at ${SINGLE.maxCalls} calls or ${SINGLE.durationMs / 1000}s); ` +
      `batched = ${BATCHED.writers} writers x ${BATCHED.eventsPerCall} events/call (stop at ${BATCHED.maxCalls} calls or ${BATCHED.durationMs / 1000}s); each writer on its own stream, exact expected versions; one autocommit statement per append.`,
    `relay: ${RELAY_EVENTS} events preloaded over ${RELAY_STREAMS} streams, batchSize ${RELAY_BATCH}, idempotent producer (acks=all), 3 partitions; timed from Relay.start() until its checkpoint covers the last event (producer connected beforehand).`,
    `http: autocannon ${HTTP_CONNECTIONS} connections, ${HTTP_WARMUP_SECONDS}s warm-up then ${HTTP_SECONDS}s measured, POST /api/v1/models/:name/versions {"source":"s3://bench/x"} spread over ${HTTP_MODELS} pre-created models (connection i always posts to model i), registry + validator in a separate forked process (all-in-one platform, bus kafka); registerVersionErrors = non-2xx responses + socket errors/timeouts.`,
    `http at target: the same requests offered at a fixed ${HTTP_TARGET_RATE} req/s over ${HTTP_CONNECTIONS} connections for ${HTTP_SECONDS}s (registerVersionAt800*), after the validator caught up on the unthrottled run; validatorBacklogDrainMs / validatorBacklogAfter800Ms = how long after each run the validator needed to have projected every version.`,
    `e2e: ${E2E_REGISTRATIONS} registrations in ${E2E_SEQUENCES} concurrent sequences (one model each, plus one untimed warm-up registration per model), from just before the POST until (model_name, version) is in the validator's versions_awaiting_validation, polled in its database every 2 ms; started after the validator caught up on the HTTP runs' backlog and finished their validation runs (validatorRunsDrainMs).`,
    `at100k: one model seeded with ${AT100K_VERSIONS} versions through a CommandHandler built like the registry's (same decider, inline projections and snapshot policy) in this process, ${AT100K_BATCH} VersionCreated per transaction (decided one by one, as ${AT100K_BATCH} RegisterModelVersion would be), on the registry's own database; the relay publishes them and the validator consumes them before any timing (at100kSeedValidatorDrainMs). ` +
      `The platform process never held that stream in its cache, so its first command loads the latest snapshot, as after a restart (createVersionAt100kFirstRequestMs, version 100001). ` +
      `Then the http load shape (${HTTP_CONNECTIONS} connections, ${HTTP_WARMUP_SECONDS}s warm-up, ${HTTP_SECONDS}s) with every connection posting to that one model (createVersionAt100k*). ` +
      `Like for like, the same load on one fresh model right after (registerVersionOneModel*): all ${HTTP_CONNECTIONS} connections queue on one stream's lock in both, so registerVersionReqPerSec (${HTTP_MODELS} models, no contention) is not the baseline; createVersionAt100kVsOneModel = at100k / oneModel (target >= 0.8). cpuCores.at100k spans the seeding, the drain and both runs.`,
    'cpuCores: average cores busy per process group during each section (bench = this load generator; platform = the forked registry+validator; postgres; kafka; otherProcesses = everything else on the machine, e.g. other test runs), from /proc.',
    'platformEventLoop: the platform main thread during a section: utilization (1 = always busy) and how late its timers ran (event-loop delay) p50/p99. High utilization with well under 1 core of CPU means the process was waiting for a core.',
  ];
}

async function main(): Promise<void> {
  const result: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: machine(),
    postgres: process.env.DATABASE_URL ? 'external (DATABASE_URL)' : 'embedded 17, default durability (fsync on)',
    kafka: process.env.KAFKA_BROKERS ? 'external (KAFKA_BROKERS)' : '3.9.1 KRaft single node, local JVM',
  };
  const cpuCores: Record<string, Record<string, number>> = {};
  const platformEventLoop: Record<string, EventLoopStats> = {};
  const infra: Infra = await startInfra();
  let platform: PlatformProcess | undefined;
  const stopAll = async () => {
    const running = platform;
    platform = undefined;
    await running?.stop().catch((error) => progress(`stopping the platform failed: ${error}`));
    await infra.stop();
  };
  const onSignal = (signal: NodeJS.Signals) =>
    void stopAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    progress('append');
    const append = await measureCpu(() => benchAppend(infra.postgresUrl));
    Object.assign(result, append.result);
    cpuCores.append = append.cpu;

    progress('re-evaluation: the small ONNX classifier on 200,000 rows');
    Object.assign(result, await measureReevaluation());
    progress('drift: 100,000 rows x 20 columns against Evidently DataDriftPreset, then 1,000,000 x 50 from Parquet');
    const { driftNote, ...drift } = await measureDrift();
    Object.assign(result, drift, { driftNote });

    progress('relay');
    const relay = await measureCpu(() => benchRelay(infra.postgresUrl, infra.kafkaBrokers));
    Object.assign(result, relay.result);
    cpuCores.relay = relay.cpu;

    progress('starting the platform process (registry + validator, bus kafka)');
    platform = await startPlatformProcess(infra.postgresUrl, infra.kafkaBrokers);
    const running = platform;
    progress(`http load on ${running.urls.registry}`);
    await running.eventLoop(); // resets the platform's event-loop counters
    const http = await measureCpu(() => benchRegisterVersion(running.urls.registry));
    platformEventLoop.http = await running.eventLoop();
    const { versionsCreated, statusCodes, ...httpResult } = http.result;
    Object.assign(result, httpResult, { registerVersionStatusCodes: statusCodes });
    cpuCores.http = http.cpu;

    // Latency at the target load: the same requests, offered at a fixed 800 req/s.
    const drainMs = await drainBacklog(running.validatorDatabaseUrl, versionsCreated);
    progress(
      `validator caught up on ${versionsCreated} versions ${(drainMs / 1000).toFixed(1)} s after the load ended`,
    );
    result.validatorBacklogDrainMs = round(drainMs, 0);
    progress('http load at a fixed 800 req/s');
    const atTarget = await benchRegisterVersion(running.urls.registry, { rate: HTTP_TARGET_RATE, label: 'at800' });
    Object.assign(result, {
      registerVersionAt800ReqPerSec: atTarget.registerVersionReqPerSec,
      registerVersionAt800P50Ms: atTarget.registerVersionP50Ms,
      registerVersionAt800P99Ms: atTarget.registerVersionP99Ms,
    });
    result.validatorBacklogAfter800Ms = round(
      await drainBacklog(running.validatorDatabaseUrl, versionsCreated + atTarget.versionsCreated),
      0,
    );

    const runsDrainMs = await drainRuns(running.validatorDatabaseUrl, versionsCreated + atTarget.versionsCreated);
    progress(`validator finished the runs of both loads ${(runsDrainMs / 1000).toFixed(1)} s later`);
    result.validatorRunsDrainMs = round(runsDrainMs, 0);

    progress('e2e');
    await running.eventLoop();
    const e2e = await measureCpu(() => benchEndToEnd(running.urls.registry, running.validatorDatabaseUrl));
    platformEventLoop.e2e = await running.eventLoop();
    Object.assign(result, e2e.result);
    cpuCores.e2e = e2e.cpu;

    progress('validation: VersionCreated -> ValidationPassed over Kafka, threshold-only policy');
    await running.eventLoop();
    const validation = await measureCpu(() =>
      benchValidation(running.urls.registry, running.urls.validator, running.validatorDatabaseUrl),
    );
    platformEventLoop.validation = await running.eventLoop();
    Object.assign(result, validation.result);
    cpuCores.validation = validation.cpu;
    progress('validation with re-evaluation and drift on 10,000 rows');
    const full = await measureCpu(() =>
      benchFullValidation(running.urls.registry, running.urls.validator, running.validatorDatabaseUrl),
    );
    Object.assign(result, full.result);
    cpuCores.validationFull = full.cpu;

    progress('at100k: a model with 100,000 versions vs a fresh one, 32 connections each on one model');
    await running.eventLoop();
    const at100k = await measureCpu(() =>
      benchAt100k(running.urls.registry, running.registryDatabaseUrl, running.validatorDatabaseUrl),
    );
    platformEventLoop.at100k = await running.eventLoop();
    Object.assign(result, at100k.result);
    cpuCores.at100k = at100k.cpu;

    progress('search: first page of model-versions/search on the 100,000-version model');
    Object.assign(result, await benchSearchFirstPage(running.urls.registry, `bench-at100k-${runId}`));

    progress('point in time: ?asOf reads on the 100,000-version model');
    Object.assign(result, await benchPointInTime(running.urls.registry, `bench-at100k-${runId}`));

    if (process.env.BENCH_SKIP_MLFLOW === '1') progress('mlflow side by side: skipped (BENCH_SKIP_MLFLOW=1)');
    else {
      progress(
        'mlflow side by side: a real MLflow server (SQLite, then PostgreSQL) and our MLflow-compatible API, same load',
      );
      await running.eventLoop();
      const mlflow = await measureCpu(() =>
        benchMlflowSideBySide(running.urls.registry, infra.postgresUrl, running.validatorDatabaseUrl),
      );
      platformEventLoop.mlflow = await running.eventLoop();
      Object.assign(result, mlflow.result);
      cpuCores.mlflow = mlflow.cpu;
    }

    if (process.env.BENCH_SKIP_SERVING === '1') progress('serving: skipped (BENCH_SKIP_SERVING=1)');
    else {
      progress('serving: mlflow models serve and MLServer on the classifier, then ours if the platform serves');
      await deployServingBenchModel(running.urls, SERVING_BENCH_MODEL, cpus().length);
      const serving = await measureCpu(() => benchServing({ servingUrl: running.urls.serving }));
      Object.assign(result, serving.result);
      cpuCores.serving = serving.cpu;
      progress('router overhead: one request through router, batcher and replica vs a direct onnxruntime call');
      const overhead = await measureRouterOverhead();
      Object.assign(result, {
        routerOverheadP99Ms: round(overhead.routerOverheadP99Ms, 2),
        routerDirectP99Ms: round(overhead.directP99Ms, 3),
        routerRoutedP99Ms: round(overhead.routedP99Ms, 3),
      });
    }

    result.settledBeforeDeployerMs = await settled(running, 'deployer');
    progress('deployer: 30 replace rollouts at once (twice), then a broken canary rolled back under 100 req/s');
    await running.eventLoop();
    const deployments = await measureCpu(async () => ({
      ...(await benchReplaceRollouts(running.urls, runId)),
      ...(await orFailure('rollback', () => benchAutomaticRollback(running.urls, runId))),
    }));
    platformEventLoop.deployer = await running.eventLoop();
    Object.assign(result, deployments.result);
    cpuCores.deployer = deployments.cpu;

    result.settledBeforeOrchestratorMs = await settled(running, 'orchestrator');
    progress('orchestrator: register → Production through a pipeline, then 200 versions promoted at once');
    await running.eventLoop();
    const promotions = await measureCpu(async () => ({
      ...(await orFailure('promotionLatency', () => benchPromotionLatency(running.urls, runId))),
      ...(await orFailure('promotions', () => benchConcurrentPromotions(running.urls, runId))),
    }));
    platformEventLoop.orchestrator = await running.eventLoop();
    Object.assign(result, promotions.result);
    cpuCores.orchestrator = promotions.cpu;

    // Two platforms of its own (auth off, auth on), so the main one stops first.
    platform = undefined;
    await running.stop();
    progress('auth overhead: the http load on a platform with authentication off, then on, in turns');
    Object.assign(result, await benchAuthOverhead(infra.postgresUrl, infra.kafkaBrokers));
  } finally {
    await stopAll();
  }
  const report = { ...result, cpuCores, platformEventLoop, targets: TARGETS, notes: notes() };
  mkdirSync(resolve(__dirname, 'results'), { recursive: true });
  writeFileSync(RESULT_FILE, `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(report, null, 2));
  progress(`written to ${RESULT_FILE}`);
}

/**
 * A section that failed is recorded as such (`<name>Error`) and the run goes on: one section
 * timing out must not cost every later section's figures. The results then say what failed.
 */
async function orFailure<T extends object>(
  name: string,
  section: () => Promise<T>,
): Promise<T | Record<string, string>> {
  try {
    return await section();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    progress(`${name} failed: ${message}; going on`);
    return { [`${name}Error`]: message };
  }
}

/** Waits until the platform is quiet before a latency section (see settle.ts); how long it took. */
async function settled(running: PlatformProcess, section: string): Promise<number> {
  const { ms, quiet } = await settle(running.databaseUrlOf);
  progress(
    `before the ${section} section: ${quiet ? `the platform was quiet after ${ms} ms` : `still busy after ${ms} ms, measuring anyway`}`,
  );
  return ms;
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
